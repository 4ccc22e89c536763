package io.perpspot.tools.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;

/**
 * CSV written through jackson-dataformat-csv: a field is quoted per RFC 4180 only when it needs it
 * (a comma, a double quote or a line break; quotes inside are doubled), so a file without such
 * fields is the plain comma-joined text; lines end with {@code \n}. The tools' CSV writers
 * (backtest report, {@code journal analytics --csv}, {@code sweep.csv}) all write through this.
 */
public final class CsvRows implements AutoCloseable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private final SequenceWriter rows;

    /** Rows written to {@code out}, which stays open when this closes. */
    public CsvRows(Writer out) {
        try {
            this.rows = MAPPER.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row of fields. */
    public CsvRows row(String... fields) {
        try {
            rows.write(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** One row of fields. */
    public CsvRows row(List<String> fields) {
        return row(fields.toArray(new String[0]));
    }

    /** Writes out what is buffered. */
    @Override
    public void close() {
        try {
            rows.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the rows {@code write} adds. */
    public static String text(Consumer<CsvRows> write) {
        StringWriter out = new StringWriter();
        try (CsvRows rows = new CsvRows(out)) {
            write.accept(rows);
        }
        return out.toString();
    }
}
