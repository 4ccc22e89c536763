package io.perpspot.tools.export;

import java.nio.file.Path;

/** One file being written of one table (a part): rows in, then closed. Written under a temporary name. */
interface TablePart extends AutoCloseable {
    /** Appends the record's row. */
    void write(ExportRecord r);

    /** The table this is a part of ({@code perp_bbo}). */
    String table();

    /** Rows written so far. */
    long rows();

    /** Finishes the file (footer, flush). */
    @Override
    void close();

    /** Opens parts of one file format. */
    interface Format {
        /** File name extension, without the dot ({@code parquet}, {@code csv}). */
        String extension();

        /** A new part at {@code file} (which must not exist) for the table {@code schema}. */
        TablePart open(Path file, TableSchema schema, ExportIdentity identity);
    }
}
