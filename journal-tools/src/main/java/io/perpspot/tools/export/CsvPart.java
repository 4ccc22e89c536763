package io.perpspot.tools.export;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.tools.format.CsvRows;
import io.perpspot.tools.format.Numbers;
import io.perpspot.tools.format.Times;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A CSV part through {@link CsvRows} (jackson-dataformat-csv, RFC 4180 quoting): a header row of
 * the table's columns, then one row per record. Prices and sizes as exact decimal text, times as
 * ISO-8601 UTC with nanoseconds, absent values as empty fields, book sides as a JSON array of
 * {@code {"px":"…","sz":"…","n":…}} (quoted, since it holds commas and quotes).
 */
final class CsvPart extends TablePart {
    /** The format: {@code --format csv}. */
    static final Format FORMAT = new Format() {
        @Override
        public String extension() {
            return "csv";
        }

        @Override
        public TablePart open(Path file, TableSchema schema, ExportIdentity identity) {
            return new CsvPart(file, schema);
        }
    };

    private final Writer out;
    private final CsvRows csv;
    private final Cells cells;

    private CsvPart(Path file, TableSchema schema) {
        super(file, schema);
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ExportException("journal export: cannot create " + file() + ": " + e.getMessage());
        }
        csv = new CsvRows(out);
        csv.row(schema.names());
        cells = new Cells(schema);
    }

    @Override
    void append(ExportRecord r) {
        cells.col = 0;
        Arrays.fill(cells.row, "");
        r.writeTo(cells);
        csv.row(cells.row);
    }

    @Override
    public void close() {
        try {
            csv.close();
            out.close();
        } catch (IOException | RuntimeException e) {
            throw new ExportException("journal export: cannot write " + file() + ": " + e.getMessage());
        }
    }

    /** Fills one row's cells in column order. */
    private static final class Cells implements ColumnSink {
        private final String[] row;
        private final boolean[] doubles;
        private int col;

        Cells(TableSchema schema) {
            row = new String[schema.columns().size()];
            doubles = new boolean[row.length];
            for (int i = 0; i < row.length; i++) {
                doubles[i] = schema.columns().get(i).kind() == Column.Kind.DOUBLE_OF;
            }
        }

        private void set(String v) {
            row[col++] = v == null ? "" : v;
        }

        @Override
        public void fixed(String name, long units, int decimals) {
            boolean absent = units == FixedPoint.NULL;
            set(absent ? null : FixedPoint.toString(units, decimals));
            if (col < row.length && doubles[col]) {
                set(absent ? null : Numbers.plain(FixedPoint.toDouble(units, decimals)));
            }
        }

        @Override
        public void timestamp(String name, long epochNanos, boolean absent) {
            set(absent ? null : Times.isoNanos(epochNanos));
        }

        @Override
        public void integer(String name, long value, boolean absent) {
            set(absent ? null : Long.toString(value));
        }

        @Override
        public void decimal(String name, double value) {
            set(Numbers.plain(value));
        }

        @Override
        public void text(String name, String value) {
            set(value);
        }

        @Override
        public void levels(String name, long[] px, long[] sz, int[] orders, int count) {
            StringBuilder sb = new StringBuilder(count * 40 + 2).append('[');
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"px\":\"").append(FixedPoint.price(px[i])).append("\",\"sz\":\"")
                        .append(FixedPoint.size(sz[i])).append("\",\"n\":").append(orders[i]).append('}');
            }
            set(sb.append(']').toString());
        }
    }
}
