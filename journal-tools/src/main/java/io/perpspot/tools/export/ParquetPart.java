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
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A Parquet part: parquet-java's {@link ParquetFileWriter} on a {@link LocalOutputFile} (no Hadoop
 * FileSystem), its column writers fed directly, value by value with their repetition and
 * definition levels (no record consumer: its per-field bookkeeping and null filling cost more than
 * the values), Snappy pages. Prices and sizes as INT64 DECIMAL(18, 12) and DECIMAL(18, 6) holding
 * the journal's units unchanged, times as INT64 TIMESTAMP(NANOS, UTC), text as UTF-8 strings, book
 * sides as lists of (px, sz, orders). A column is optional (null = absent) unless the journal
 * always has its value ({@link Column#required()}).
 */
final class ParquetPart extends TablePart implements ColumnSink {
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
    /** Rows between two looks at the buffered size (a look sums every column's buffers). */
    private static final int ROW_GROUP_CHECK_ROWS = 1024;
    /** Largest |units| an INT64 DECIMAL of precision 18 holds. */
    private static final long MAX_UNITS = 999_999_999_999_999_999L;
    /** Definition level of a book level's px, sz and orders: list, repeated entry, element, value. */
    private static final int LEVEL_VALUE_DEFINED = 4;
    /** Definition level of an empty book side: the list is there, no entry. */
    private static final int LEVELS_EMPTY = 1;

    private final MessageType schema;
    private final Map<String, String> meta;
    private final Column[] columns;
    /** Index of each column's first leaf (a book side has three: px, sz, orders). */
    private final int[] firstLeaf;
    private final ColumnDescriptor[] leaves;
    /** Definition level of a value of each column: 0 if required, 1 if optional. */
    private final int[] defined;
    private final ParquetProperties props;
    private final CodecFactory codecs;
    private final BytesInputCompressor compressor;
    private final ParquetFileWriter fileWriter;
    /** The last text of each column and its bytes: symbols and source names repeat (same String). */
    private final String[] lastText;
    private final Binary[] lastBinary;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private final ColumnWriter[] writers;
    private long groupRows;
    private int rowGroup;
    private ExportRecord current;
    private int col;

    private ParquetPart(Path file, TableSchema t, ExportIdentity identity) {
        super(file, t);
        this.schema = schema(t);
        this.meta = new LinkedHashMap<>(identity.metadata());
        meta.put("perpspot.table", t.table());
        this.columns = t.columns().toArray(new Column[0]);
        this.firstLeaf = new int[columns.length];
        for (int i = 0, leaf = 0; i < columns.length; i++) {
            firstLeaf[i] = leaf;
            leaf += columns[i].kind() == Column.Kind.LEVELS ? 3 : 1;
        }
        this.leaves = schema.getColumns().toArray(new ColumnDescriptor[0]);
        this.writers = new ColumnWriter[leaves.length];
        this.defined = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            defined[i] = leaves[firstLeaf[i]].getMaxDefinitionLevel();
        }
        this.lastText = new String[columns.length];
        this.lastBinary = new Binary[columns.length];
        // Dictionaries only where values repeat (token, coin, source, states): on times, indices
        // and prices they cost a hash lookup per value and fall back to plain pages anyway.
        ParquetProperties.Builder b = ParquetProperties.builder().withDictionaryEncoding(false)
                .withSizeStatisticsEnabled(false).withPageWriteChecksumEnabled(false);
        for (Column c : columns) {
            if (c.kind() == Column.Kind.TEXT) {
                b.withDictionaryEncoding(c.name(), true).withStatisticsEnabled(c.name(), false);
            }
        }
        this.props = b.build();
        this.codecs = new CodecFactory(new PlainParquetConfiguration(), props.getPageSizeThreshold());
        this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
        try {
            fileWriter = new ParquetFileWriter(new LocalOutputFile(file), schema, ParquetFileWriter.Mode.CREATE,
                    ROW_GROUP_BYTES, 0, null, props);
            fileWriter.start();
        } catch (IOException e) {
            codecs.release();
            throw new ExportException("journal export: cannot create " + file() + ": " + e.getMessage());
        }
        newRowGroup();
    }

    private void newRowGroup() {
        pages = new ColumnChunkPageWriteStore(compressor, schema, props.getAllocator(),
                props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled(), null, rowGroup);
        store = props.newColumnWriteStore(schema, pages, pages);
        for (int i = 0; i < leaves.length; i++) {
            writers[i] = store.getColumnWriter(leaves[i]);
        }
    }

    /** Writes the buffered rows as one row group; {@code more} opens the next. */
    private void flushRowGroup(boolean more) throws IOException {
        if (groupRows > 0) {
            fileWriter.startBlock(groupRows);
            store.flush();
            pages.flushToFileWriter(fileWriter);
            fileWriter.endBlock();
            rowGroup++;
            groupRows = 0;
        }
        store.close();
        pages.close();
        if (more) {
            newRowGroup();
        }
    }

    @Override
    void append(ExportRecord r) {
        current = r;
        col = 0;
        r.writeTo(this);
        store.endRecord();
        groupRows++;
        if (groupRows % ROW_GROUP_CHECK_ROWS == 0 && store.getBufferedSize() >= ROW_GROUP_BYTES) {
            try {
                flushRowGroup(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            flushRowGroup(false);
            fileWriter.end(meta);
        } catch (IOException e) {
            throw new ExportException("journal export: cannot write " + file() + ": " + e.getMessage());
        } finally {
            codecs.release();
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
        Type.Repetition rep = c.required() ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
        return switch (c.kind()) {
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS))
                    .named(c.name());
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, rep).named(c.name());
            case PRICE -> decimal(c.name(), FixedPoint.PRICE_DECIMALS);
            case SIZE -> decimal(c.name(), FixedPoint.SIZE_DECIMALS);
            case FLOAT64, DOUBLE_OF -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
            case TEXT -> Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType())
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

    /** The column {@code i}'s writer, or a null written (refused for a required column). */
    private ColumnWriter present(int i, boolean absent) {
        ColumnWriter w = writers[firstLeaf[i]];
        if (absent) {
            if (columns[i].required()) {
                throw new ExportException("journal export: " + what() + ": " + columns[i].name() + " has no value, "
                        + "which its table's schema says it always has");
            }
            w.writeNull(0, 0);
            return null;
        }
        return w;
    }

    private String what() {
        return (current.input ? "input" : "output") + " record " + current.index;
    }

    private void int64(long v, boolean absent) {
        int i = col++;
        ColumnWriter w = present(i, absent);
        if (w != null) {
            w.write(v, 0, defined[i]);
        }
    }

    private void float64(double v, boolean absent) {
        int i = col++;
        ColumnWriter w = present(i, absent);
        if (w != null) {
            w.write(v, 0, 1);
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
            throw new ExportException("journal export: " + what() + ": " + name + " has more than 18 digits, which "
                    + "Parquet DECIMAL(18) cannot hold exactly; export it with --format csv");
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
        ColumnWriter w = present(i, value == null);
        if (w != null) {
            Binary b;
            if (value == lastText[i]) {
                b = lastBinary[i];
            } else {
                b = Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
                lastText[i] = value;
                lastBinary[i] = b;
            }
            w.write(b, 0, defined[i]);
        }
    }

    @Override
    public void levels(String name, long[] px, long[] sz, int[] orders, int count) {
        int i = col++;
        int leaf = firstLeaf[i];
        ColumnWriter pxs = writers[leaf];
        ColumnWriter szs = writers[leaf + 1];
        ColumnWriter ns = writers[leaf + 2];
        if (count == 0) {
            pxs.writeNull(0, LEVELS_EMPTY);
            szs.writeNull(0, LEVELS_EMPTY);
            ns.writeNull(0, LEVELS_EMPTY);
            return;
        }
        String column = columns[i].name();
        for (int k = 0; k < count; k++) {
            checkRange(px[k], false, column + ".px");
            checkRange(sz[k], false, column + ".sz");
            int rl = k == 0 ? 0 : 1;
            pxs.write(px[k], rl, LEVEL_VALUE_DEFINED);
            szs.write(sz[k], rl, LEVEL_VALUE_DEFINED);
            ns.write((long) orders[k], rl, LEVEL_VALUE_DEFINED);
        }
    }
}
