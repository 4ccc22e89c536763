package io.perpspot.tools.export;

import io.perpspot.tools.format.FieldSink;

/**
 * A {@link FieldSink} that also takes the export's header columns: event, exchange and receive
 * times as UTC timestamps in epoch nanoseconds. One implementation collects a table's columns
 * ({@link TableSchema}); the others write a row (Parquet, CSV).
 */
interface ColumnSink extends FieldSink {
    /** A UTC timestamp in epoch nanoseconds; {@code absent} writes a null. */
    void timestamp(String name, long epochNanos, boolean absent);
}
