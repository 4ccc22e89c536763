package io.perpspot.tools.format;

/**
 * Receives the fields of one journal record by kind, so that one description of each record
 * type ({@link InputFields}, {@link OutputFields}) serves JSON, text and field-by-field diffs.
 * Fixed-point values arrive as units; {@link io.perpspot.engine.core.FixedPoint#NULL} means absent.
 */
public interface FieldSink {
    /** A price, funding rate or premium: units with 12 decimals. */
    void price(String name, long units);

    /** A size, open interest or notional volume: units with 8 decimals. */
    void size(String name, long units);

    /** A whole number; {@code absent} (e.g. FixedPoint.NULL) prints as null. */
    void integer(String name, long value, boolean absent);

    /** A statistic (bps, z-score); NaN prints as null. */
    void decimal(String name, double value);

    /** Text (null prints as null). */
    void text(String name, String value);

    /** Book levels of one side: {@code count} entries of price, size and order count. */
    void levels(String name, long[] px, long[] sz, int[] orders, int count);
}
