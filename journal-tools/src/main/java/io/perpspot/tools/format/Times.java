package io.perpspot.tools.format;

import java.math.BigDecimal;
import java.time.Instant;

/** Event times (epoch nanoseconds or milliseconds) as ISO-8601 UTC text and spans as seconds. */
public final class Times {
    private Times() {
    }

    /** {@code 2025-01-15T12:00:00.001234567Z}; null for 0 (no time). */
    public static String isoNanos(long epochNanos) {
        if (epochNanos == 0) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L))
                .toString();
    }

    /** ISO-8601 of epoch milliseconds; null for 0 (the record carries no exchange time). */
    public static String isoMillis(long epochMillis) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    /** A span in nanoseconds as exact seconds text, e.g. {@code 69.75}. */
    public static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    /** A span as {@code 1h 02m 03.5s} / {@code 2m 03.25s} / {@code 4.5s}, for people. */
    public static String human(long nanos) {
        long s = nanos / 1_000_000_000L;
        long h = s / 3600;
        long m = s % 3600 / 60;
        String sec = seconds(nanos - (h * 3600 + m * 60) * 1_000_000_000L);
        if (h > 0) {
            return h + "h " + String.format("%02dm ", m) + sec + "s";
        }
        if (m > 0) {
            return m + "m " + sec + "s";
        }
        return sec + "s";
    }
}
