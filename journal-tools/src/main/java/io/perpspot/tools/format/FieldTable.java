package io.perpspot.tools.format;

import io.perpspot.engine.core.FixedPoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects fields as exact text in order, name to value ({@code "null"} when absent), for
 * printing two records side by side. Statistics keep every digit of the double.
 */
public final class FieldTable implements FieldSink {
    private final Map<String, String> fields = new LinkedHashMap<>();

    /** The fields collected so far, in order. */
    public Map<String, String> fields() {
        return fields;
    }

    /** Adds a field by hand (e.g. the record type). */
    public void put(String name, String value) {
        fields.put(name, value == null ? "null" : value);
    }

    @Override
    public void price(String name, long units) {
        put(name, FixedPoint.price(units));
    }

    @Override
    public void size(String name, long units) {
        put(name, FixedPoint.size(units));
    }

    @Override
    public void integer(String name, long value, boolean absent) {
        put(name, absent ? null : Long.toString(value));
    }

    @Override
    public void decimal(String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            put(name, Double.toString(value));
        } else if (value == 0 && Double.doubleToRawLongBits(value) != 0) {
            // A diff must show -0.0 and 0.0 apart: their bytes differ.
            put(name, "-0");
        } else {
            put(name, Numbers.plain(value));
        }
    }

    @Override
    public void text(String name, String value) {
        put(name, value);
    }

    @Override
    public void levels(String name, long[] px, long[] sz, int[] orders, int count) {
        for (int i = 0; i < count; i++) {
            put(name + "[" + i + "]", FixedPoint.price(px[i]) + " x " + FixedPoint.size(sz[i]) + " (" + orders[i]
                    + ")");
        }
    }
}
