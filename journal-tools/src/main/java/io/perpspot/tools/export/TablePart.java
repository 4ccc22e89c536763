package io.perpspot.tools.export;

import java.nio.file.Path;

/** One file being written of one table (a part): rows in, then closed. Written under a temporary name. */
abstract class TablePart implements AutoCloseable {
    private final Path file;
    private final String table;
    private long rows;

    TablePart(Path file, TableSchema schema) {
        this.file = file;
        this.table = schema.table();
    }

    /** Appends the record's row. */
    final void write(ExportRecord r) {
        append(r);
        rows++;
    }

    /** Writes the record's row into the file. */
    abstract void append(ExportRecord r);

    /** The file being written. */
    final Path file() {
        return file;
    }

    /** The table this is a part of ({@code perp_bbo}). */
    final String table() {
        return table;
    }

    /** Rows written so far. */
    final long rows() {
        return rows;
    }

    /** Finishes the file (footer, flush). */
    @Override
    public abstract void close();

    /** Opens parts of one file format. */
    interface Format {
        /** File name extension, without the dot ({@code parquet}, {@code csv}). */
        String extension();

        /** A new part at {@code file} (which must not exist) for the table {@code schema}. */
        TablePart open(Path file, TableSchema schema, ExportIdentity identity);
    }
}
