package io.perpspot.dashboard.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parameter parsing with limits; every failure is a 400 naming the parameter. */
public final class Params {
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9._\\-]{1,32}");

    private Params() {
    }

    /** An integer in [min, max], or {@code def} when absent. */
    public static long integer(String name, String raw, long min, long max, long def) {
        if (raw == null || raw.isEmpty()) {
            return def;
        }
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("parameter '" + name + "' must be an integer in [" + min + ", " + max
                    + "], got '" + clip(raw) + "'");
        }
        if (v < min || v > max) {
            throw ApiError.badRequest("parameter '" + name + "' must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    /** A finite number in [min, max]. */
    public static double decimal(String name, double v, double min, double max) {
        if (!Double.isFinite(v) || v < min || v > max) {
            throw ApiError.badRequest("parameter '" + name + "' must be a number in [" + min + ", " + max + "], got "
                    + v);
        }
        return v;
    }

    /**
     * A time: epoch milliseconds or an ISO-8601 instant ({@code 2025-01-15T12:00:00Z}); {@code def}
     * when absent. Must lie in [0, year 9999].
     */
    public static long time(String name, String raw, long def) {
        if (raw == null || raw.isEmpty()) {
            return def;
        }
        String t = raw.trim();
        long v;
        if (t.matches("-?\\d{1,19}")) {
            v = integer(name, t, 0, 253_402_300_799_999L, def);
        } else {
            try {
                v = Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw ApiError.badRequest("parameter '" + name + "' must be epoch milliseconds or an ISO-8601 instant"
                        + " like 2025-01-15T12:00:00Z, got '" + clip(raw) + "'");
            }
        }
        if (v < 0 || v > 253_402_300_799_999L) {
            throw ApiError.badRequest("parameter '" + name + "' is out of range: '" + clip(raw) + "'");
        }
        return v;
    }

    /** A token symbol's syntax (existence is checked by the caller: 404). */
    public static String symbol(String name, String raw) {
        if (raw == null || !SYMBOL.matcher(raw).matches()) {
            throw ApiError.badRequest("parameter '" + name
                    + "' must be a token symbol (1-32 of A-Z a-z 0-9 . _ -), got '"
                    + clip(raw == null ? "" : raw) + "'");
        }
        return raw;
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
