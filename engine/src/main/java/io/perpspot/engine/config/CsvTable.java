package io.perpspot.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file with a header line, read through jackson-dataformat-csv: RFC 4180 quoting (a field
 * in double quotes may hold commas, doubled quotes and line breaks, as pandas' {@code to_csv} and
 * Excel write them), lines starting with {@code #} and empty lines skipped, spaces around fields
 * trimmed. Every row must have as many fields as the header.
 *
 * <p>Bad input is a {@link ConfigException} of one line, {@code <label>:<line>: <problem>},
 * naming the column where there is one. A row with the wrong number of fields or a bad value is
 * refused on its own: {@link #next} reads on after it, so a caller may skip it; malformed quoting
 * ends the table (a quote left open swallows the rest of the file).
 */
public final class CsvTable implements AutoCloseable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withComments();

    private final String label;
    private final CsvParser parser;
    private final List<String> header;
    private final int headerLine;
    private boolean ended;

    private CsvTable(String label, CsvParser parser) {
        this.label = label;
        this.parser = parser;
        Row first = read();
        this.header = first == null ? List.of() : first.fields;
        this.headerLine = first == null ? 1 : first.line;
    }

    /**
     * Opens a table and reads its header (UTF-8).
     *
     * @param label what errors name before the line number: the file, with a prefix if wanted
     *              ({@code "tokens: config/tokens.csv"})
     * @throws ConfigException when the header line itself is malformed
     */
    public static CsvTable open(InputStream in, String label) {
        try {
            CsvParser p = (CsvParser) MAPPER.getFactory()
                    .createParser(new InputStreamReader(in, StandardCharsets.UTF_8));
            p.setSchema(SCHEMA);
            return new CsvTable(label, p);
        } catch (IOException e) {
            throw new ConfigException(label + ": cannot read: " + oneLine(e.getMessage()));
        }
    }

    /** The header's column names as written (trimmed); empty when the file has no line but comments. */
    public List<String> header() {
        return header;
    }

    /** Requires the header to be exactly {@code columns}, in that order. */
    public void requireHeader(List<String> columns) {
        if (!header.equals(columns)) {
            throw headerError("expected header '" + String.join(",", columns) + "'");
        }
    }

    /** Requires each of {@code columns} in the header (in any order; other columns are allowed). */
    public void requireColumns(List<String> columns) {
        for (String c : columns) {
            if (!header.contains(c)) {
                throw headerError("the header has no '" + c + "' column (expected " + String.join(",", columns) + ")");
            }
        }
    }

    /** An error about the header: {@code <label>:<header line>: <problem>}. */
    public ConfigException headerError(String problem) {
        return new ConfigException(label + ":" + headerLine + ": " + problem);
    }

    /**
     * The next data row, or null at the end.
     *
     * @throws ConfigException for a row with another number of fields than the header (the table
     *                         reads on after it) or for malformed quoting (the table ends)
     */
    public Row next() {
        Row r = read();
        if (r != null && r.fields.size() != header.size()) {
            throw r.error("expected " + header.size() + " fields, got " + r.fields.size());
        }
        return r;
    }

    private Row read() {
        int line = 0;
        List<String> row = null;
        try {
            while (!ended) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    ended = true;
                    break;
                }
                row = new ArrayList<>();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (row.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr(); // the array's own location is the line before
                    }
                    row.add(parser.getText());
                }
                if (row.size() == 1 && row.get(0).isEmpty()) {
                    continue; // a line of spaces
                }
                return new Row(line, List.copyOf(row));
            }
            return null;
        } catch (JsonProcessingException e) {
            ended = true;
            int at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            int start = row == null ? at : line;
            throw new ConfigException(label + ":" + start + ": " + columnName(row == null ? 1 : row.size() + 1)
                    + ": malformed CSV: " + oneLine(e.getOriginalMessage())
                    + (at > start ? " (at line " + at + ")" : ""));
        } catch (IOException e) {
            ended = true;
            throw new ConfigException(label + ": cannot read: " + oneLine(e.getMessage()));
        }
    }

    private String columnName(int column) {
        boolean named = header != null && column <= header.size();
        return "column " + column + (named ? " (" + header.get(column - 1) + ")" : "");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // closing a reader of a read stream; nothing was lost
        }
    }

    /** One data row: its line in the file (where it starts) and its fields by header column. */
    public final class Row {
        private final int line;
        private final List<String> fields;

        private Row(int line, List<String> fields) {
            this.line = line;
            this.fields = fields;
        }

        /** The line the row starts on (a quoted field may continue it over more lines). */
        public int line() {
            return line;
        }

        /** The fields in header order, trimmed; an empty field is "". */
        public List<String> fields() {
            return fields;
        }

        /** The field of {@code column} (a header name), trimmed; "" when empty. */
        public String get(String column) {
            int i = header.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException("no column '" + column + "' in " + header);
            }
            return fields.get(i);
        }

        /** The field of {@code column} as an integer; a ConfigException naming the column when it is not one. */
        public int integer(String column) {
            String v = get(column);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw error("column " + column + ": expected an integer, got '" + v + "'");
            }
        }

        /** An error about this row: {@code <label>:<line>: <problem>}. */
        public ConfigException error(String problem) {
            return new ConfigException(label + ":" + line + ": " + problem);
        }
    }
}
