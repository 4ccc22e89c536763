package io.perpspot.tools.export;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The columns of one exported table (one record type), found by handing an empty record of the
 * type to a collecting {@link ColumnSink}: the tables follow the field lists that {@code journal
 * dump} prints, so a field added there is a column here.
 */
record TableSchema(String table, boolean input, int type, List<Column> columns) {
    /** Version of the exported tables' layout, in every Parquet file's metadata and the export's state file. */
    static final int VERSION = 1;
    /** The header columns every record has (ExportRecord writes them never absent). */
    private static final Set<String> REQUIRED = Set.of("eventTime", "journalIndex", "receiveTime", "inputIndex");

    /** The table of an input ({@code input}) or output record type; {@code doubles} adds the float64 columns. */
    static TableSchema of(boolean input, int type, boolean doubles) {
        ExportRecord r = new ExportRecord();
        r.input = input;
        if (input) {
            r.event = new MarketEvent();
            r.event.type = type;
            if (type == EventType.LATENCY_SNAPSHOT) {
                r.event.latency = new LatencySnapshot();
                r.event.latency.fill(0, 0, 0, 0, new Histogram(1), 0, 0);
            }
        } else {
            r.output = new OutputRecord();
            r.output.type = type;
            r.output.latency.fill(0, 0, 0, 0, new Histogram(1), 0, 0);
        }
        Collector c = new Collector(doubles);
        r.writeTo(c);
        String name = Column.snake(input ? EventType.name(type) : OutputType.name(type));
        return new TableSchema(name, input, type, List.copyOf(c.columns));
    }

    /** The column names, in order. */
    String[] names() {
        return columns.stream().map(Column::name).toArray(String[]::new);
    }

    private static final class Collector implements ColumnSink {
        private final boolean doubles;
        private final List<Column> columns = new ArrayList<>();

        Collector(boolean doubles) {
            this.doubles = doubles;
        }

        private void add(String name, Column.Kind kind) {
            columns.add(new Column(Column.snake(name), kind, REQUIRED.contains(name)));
        }

        @Override
        public void fixed(String name, long units, int decimals) {
            add(name, decimals == FixedPoint.PRICE_DECIMALS ? Column.Kind.PRICE : Column.Kind.SIZE);
            if (doubles) {
                add(name + "F64", Column.Kind.DOUBLE_OF);
            }
        }

        @Override
        public void timestamp(String name, long epochNanos, boolean absent) {
            add(name, Column.Kind.TIMESTAMP);
        }

        @Override
        public void integer(String name, long value, boolean absent) {
            add(name, Column.Kind.LONG);
        }

        @Override
        public void decimal(String name, double value) {
            add(name, Column.Kind.FLOAT64);
        }

        @Override
        public void text(String name, String value) {
            add(name, Column.Kind.TEXT);
        }

        @Override
        public void levels(String name, long[] px, long[] sz, int[] orders, int count) {
            add(name, Column.Kind.LEVELS);
        }
    }
}
