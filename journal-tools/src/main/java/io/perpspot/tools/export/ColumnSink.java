package io.perpspot.tools.export;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.tools.format.FieldSink;

/**
 * A {@link FieldSink} that also takes the export's header columns: event, exchange and receive
 * times as UTC timestamps in epoch nanoseconds. One implementation collects a table's columns
 * ({@link TableSchema}); the others write a row (Parquet, CSV).
 */
interface ColumnSink extends FieldSink {
    /** A UTC timestamp in epoch nanoseconds; {@code absent} writes a null. */
    void timestamp(String name, long epochNanos, boolean absent);

    /** A fixed-point value: units with {@code decimals} decimals; {@link FixedPoint#NULL} writes a null. */
    void fixed(String name, long units, int decimals);

    @Override
    default void price(String name, long units) {
        fixed(name, units, FixedPoint.PRICE_DECIMALS);
    }

    @Override
    default void size(String name, long units) {
        fixed(name, units, FixedPoint.SIZE_DECIMALS);
    }
}
