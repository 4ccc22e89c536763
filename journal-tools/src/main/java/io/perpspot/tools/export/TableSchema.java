package io.perpspot.tools.export;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The columns of one exported table (one record type), found by handing an empty record of the
 * type to a collecting {@link ColumnSink}: the tables follow the field lists that {@code journal
 * dump} prints, so a field added there is a column here.
 */
record TableSchema(String table, boolean input, int type, List<Column> columns) {
    /** Version of the exported tables' layout, in every Parquet file's metadata and the export's state file. */
    static final int VERSION = 2;

    /**
     * The table of an input ({@code input}) or output record type; {@code doubles} adds the float64
     * columns. The record handed to the collector has every field at its absent value (a reset
     * MarketEvent or OutputRecord: FixedPoint NULL, token id -1, no exchange time, empty histogram,
     * no engine id nor token), so a whole number, time or text that it still writes is one the
     * journal always has: that column is required. Prices, sizes and doubles stay optional.
     */
    static TableSchema of(boolean input, int type, boolean doubles) {
        ExportRecord r = new ExportRecord();
        r.input = input;
        if (input) {
            r.event = new MarketEvent();
            r.event.reset();
            r.event.type = type;
            if (type == EventType.LATENCY_SNAPSHOT) {
                r.event.latency = new LatencySnapshot();
                r.event.latency.fill(0, 0, 0, 0, new Histogram(1), 0, 0);
            }
        } else {
            r.output = new OutputRecord();
            r.output.reset();
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
            add(name, kind, false);
        }

        private void add(String name, Column.Kind kind, boolean required) {
            columns.add(new Column(Column.snake(name), kind, required));
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
            add(name, Column.Kind.TIMESTAMP, !absent);
        }

        @Override
        public void integer(String name, long value, boolean absent) {
            add(name, Column.Kind.LONG, !absent);
        }

        @Override
        public void decimal(String name, double value) {
            add(name, Column.Kind.FLOAT64);
        }

        @Override
        public void text(String name, String value) {
            add(name, Column.Kind.TEXT, value != null);
        }

        @Override
        public void levels(String name, long[] px, long[] sz, int[] orders, int count) {
            add(name, Column.Kind.LEVELS);
        }
    }
}
