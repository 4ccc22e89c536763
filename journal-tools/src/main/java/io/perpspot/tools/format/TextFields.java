package io.perpspot.tools.format;

import io.perpspot.engine.core.FixedPoint;

/**
 * Appends fields as {@code name=value} separated by spaces, for compact human lines. Absent
 * values are left out; book sides print as {@code bids=[px x sz (n), ...]}; statistics are
 * rounded to 4 decimals (the JSON form keeps every digit).
 */
public final class TextFields implements FieldSink {
    private final StringBuilder sb;

    public TextFields(StringBuilder sb) {
        this.sb = sb;
    }

    private StringBuilder name(String name) {
        if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ' ') {
            sb.append(' ');
        }
        return sb.append(name).append('=');
    }

    @Override
    public void price(String name, long units) {
        if (units != FixedPoint.NULL) {
            name(name).append(FixedPoint.price(units));
        }
    }

    @Override
    public void size(String name, long units) {
        if (units != FixedPoint.NULL) {
            name(name).append(FixedPoint.size(units));
        }
    }

    @Override
    public void integer(String name, long value, boolean absent) {
        if (!absent) {
            name(name).append(value);
        }
    }

    @Override
    public void decimal(String name, double value) {
        if (!Double.isNaN(value)) {
            name(name).append(Numbers.plain(Math.round(value * 10_000.0) / 10_000.0));
        }
    }

    @Override
    public void text(String name, String value) {
        if (value != null) {
            boolean quote = value.isEmpty() || value.indexOf(' ') >= 0 || value.indexOf('\n') >= 0;
            name(name).append(quote ? '"' + value.replace("\n", "\\n") + '"' : value);
        }
    }

    @Override
    public void levels(String name, long[] px, long[] sz, int[] orders, int count) {
        name(name).append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(FixedPoint.price(px[i])).append(" x ").append(FixedPoint.size(sz[i]))
                    .append(" (").append(orders[i]).append(')');
        }
        sb.append(']');
    }
}
