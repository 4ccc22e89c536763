package io.perpspot.tools.export;

import io.perpspot.engine.core.FixedPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A Parquet part: parquet-hadoop's writer on a {@link LocalOutputFile} with a plain (not Hadoop)
 * configuration, so no Hadoop FileSystem is involved; Snappy pages. Rows go straight to the
 * {@link RecordConsumer} (no row objects): prices and sizes as INT64 DECIMAL(18, 12) and
 * DECIMAL(18, 6) holding the journal's units unchanged, times as INT64 TIMESTAMP(NANOS, UTC), text
 * as UTF-8 strings, book sides as lists of (px, sz, orders). Every column is optional (null = absent).
 */
final class ParquetPart extends TablePart {
    /** The format: {@code --format parquet}. */
    static final Format FORMAT = new Format() {
        @Override
        public String extension() {
            return "parquet";
        }

        @Override
        public TablePart open(Path file, TableSchema schema, ExportIdentity identity) {
            return new ParquetPart(file, schema, identity);
        }
    };

    /** Keeps the memory of ~14 open tables bounded: a row group is buffered whole. */
    private static final long ROW_GROUP_BYTES = 32L << 20;
    /** Largest |units| an INT64 DECIMAL of precision 18 holds. */
    private static final long MAX_UNITS = 999_999_999_999_999_999L;

    private final ParquetWriter<ExportRecord> writer;

    private ParquetPart(Path file, TableSchema schema, ExportIdentity identity) {
        super(file, schema);
        Map<String, String> meta = new LinkedHashMap<>(identity.metadata());
        meta.put("perpspot.table", schema.table());
        try {
            Builder b = new Builder(new LocalOutputFile(file), new Rows(schema, meta));
            // Dictionaries only where values repeat (token, coin, source, states): on times, indices
            // and prices they cost a hash lookup per value and fall back to plain pages anyway.
            b.withDictionaryEncoding(false);
            for (Column c : schema.columns()) {
                if (c.kind() == Column.Kind.TEXT) {
                    b.withDictionaryEncoding(c.name(), true);
                    b.withStatisticsEnabled(c.name(), false);
                }
            }
            writer = b.withConf(new PlainParquetConfiguration())
                    .withSizeStatisticsEnabled(false)
                    .withPageWriteChecksumEnabled(false)
                    .withWriteMode(ParquetFileWriter.Mode.CREATE)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withRowGroupSize(ROW_GROUP_BYTES)
                    .withValidation(false)
                    .build();
        } catch (IOException e) {
            throw new ExportException("journal export: cannot create " + file() + ": " + e.getMessage());
        }
    }

    @Override
    void append(ExportRecord r) {
        try {
            writer.write(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new ExportException("journal export: cannot write " + file() + ": " + e.getMessage());
        }
    }

    /** The Parquet schema of a table. */
    static MessageType schema(TableSchema t) {
        List<Type> fields = new ArrayList<>();
        for (Column c : t.columns()) {
            fields.add(type(c));
        }
        return new MessageType(t.table(), fields);
    }

    private static Type type(Column c) {
        return switch (c.kind()) {
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, c.required() ? Type.Repetition.REQUIRED
                    : Type.Repetition.OPTIONAL)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS))
                    .named(c.name());
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, c.required() ? Type.Repetition.REQUIRED
                    : Type.Repetition.OPTIONAL).named(c.name());
            case PRICE -> decimal(c.name(), FixedPoint.PRICE_DECIMALS);
            case SIZE -> decimal(c.name(), FixedPoint.SIZE_DECIMALS);
            case FLOAT64, DOUBLE_OF -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
            case TEXT -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(c.name());
            case LEVELS -> Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(Types.optionalGroup()
                                    .addFields(decimal("px", FixedPoint.PRICE_DECIMALS),
                                            decimal("sz", FixedPoint.SIZE_DECIMALS),
                                            Types.optional(PrimitiveTypeName.INT64).named("orders"))
                                    .named("element"))
                            .named("list"))
                    .named(c.name());
        };
    }

    private static Type decimal(String name, int scale) {
        return Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(scale, 18)).named(name);
    }

    /** Builds the writer over our {@link WriteSupport}. */
    private static final class Builder extends ParquetWriter.Builder<ExportRecord, Builder> {
        private final Rows rows;

        Builder(OutputFile file, Rows rows) {
            super(file);
            this.rows = rows;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ExportRecord> getWriteSupport(ParquetConfiguration conf) {
            return rows;
        }

        @Override
        protected WriteSupport<ExportRecord> getWriteSupport(Configuration conf) {
            return rows;
        }
    }

    /** Writes one record's row into the consumer, column by column, in the table's order. */
    private static final class Rows extends WriteSupport<ExportRecord> implements ColumnSink {
        private final MessageType schema;
        private final Map<String, String> meta;
        private final Column[] columns;
        /** The last text of each column and its bytes: symbols and source names repeat (same String). */
        private final String[] lastText;
        private final Binary[] lastBinary;
        private RecordConsumer rc;
        private ExportRecord current;
        private int col;

        Rows(TableSchema t, Map<String, String> meta) {
            this.schema = schema(t);
            this.meta = meta;
            this.columns = t.columns().toArray(new Column[0]);
            this.lastText = new String[columns.length];
            this.lastBinary = new Binary[columns.length];
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(schema, meta);
        }

        @Override
        public WriteContext init(Configuration conf) {
            return new WriteContext(schema, meta);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.rc = recordConsumer;
        }

        @Override
        public void write(ExportRecord r) {
            current = r;
            col = 0;
            rc.startMessage();
            r.writeTo(this);
            rc.endMessage();
        }

        private void int64(long v, boolean absent) {
            int i = col++;
            if (!absent) {
                String name = columns[i].name();
                rc.startField(name, i);
                rc.addLong(v);
                rc.endField(name, i);
            }
        }

        private void float64(double v, boolean absent) {
            int i = col++;
            if (!absent) {
                String name = columns[i].name();
                rc.startField(name, i);
                rc.addDouble(v);
                rc.endField(name, i);
            }
        }

        @Override
        public void fixed(String name, long units, int decimals) {
            boolean absent = units == FixedPoint.NULL;
            checkRange(units, absent, columns[col].name());
            int64(units, absent);
            if (col < columns.length && columns[col].kind() == Column.Kind.DOUBLE_OF) {
                float64(absent ? 0 : FixedPoint.toDouble(units, decimals), absent);
            }
        }

        private void checkRange(long units, boolean absent, String name) {
            if (!absent && (units > MAX_UNITS || units < -MAX_UNITS)) {
                throw new ExportException("journal export: " + (current.input ? "input" : "output") + " record "
                        + current.index + ": " + name + " has more than 18 digits, which Parquet DECIMAL(18) cannot "
                        + "hold exactly; export it with --format csv");
            }
        }

        @Override
        public void timestamp(String name, long epochNanos, boolean absent) {
            int64(epochNanos, absent);
        }

        @Override
        public void integer(String name, long value, boolean absent) {
            int64(value, absent);
        }

        @Override
        public void decimal(String name, double value) {
            float64(value, Double.isNaN(value));
        }

        @Override
        public void text(String name, String value) {
            int i = col++;
            if (value != null) {
                Binary b;
                if (value == lastText[i]) {
                    b = lastBinary[i];
                } else {
                    b = Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
                    lastText[i] = value;
                    lastBinary[i] = b;
                }
                String column = columns[i].name();
                rc.startField(column, i);
                rc.addBinary(b);
                rc.endField(column, i);
            }
        }

        @Override
        public void levels(String name, long[] px, long[] sz, int[] orders, int count) {
            int i = col++;
            String column = columns[i].name();
            rc.startField(column, i);
            rc.startGroup();
            if (count > 0) {
                rc.startField("list", 0);
                for (int k = 0; k < count; k++) {
                    checkRange(px[k], false, column + ".px");
                    checkRange(sz[k], false, column + ".sz");
                    rc.startGroup();
                    rc.startField("element", 0);
                    rc.startGroup();
                    level("px", 0, px[k]);
                    level("sz", 1, sz[k]);
                    level("orders", 2, orders[k]);
                    rc.endGroup();
                    rc.endField("element", 0);
                    rc.endGroup();
                }
                rc.endField("list", 0);
            }
            rc.endGroup();
            rc.endField(column, i);
        }

        private void level(String name, int index, long v) {
            rc.startField(name, index);
            rc.addLong(v);
            rc.endField(name, index);
        }
    }
}
