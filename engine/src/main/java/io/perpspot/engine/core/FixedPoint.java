package io.perpspot.engine.core;

import java.math.BigDecimal;

/**
 * Fixed-point decimal numbers held in a {@code long}: {@code value = units / 10^decimals}.
 *
 * <p>Two scales are used across perpspot (see {@code docs/journal-format.md}):
 * <ul>
 *   <li>{@link #PRICE_DECIMALS} = 12 for prices, funding rates and premiums: BONK at
 *       0.0000216 is 21,600,000 units, BTC at 100,000 is 10^17 units (the ceiling is
 *       about 9.2 million USD per token);</li>
 *   <li>{@link #SIZE_DECIMALS} = 6 for sizes, open interest and notional volume: Hyperliquid sizes
 *       have at most 5 decimals ({@code szDecimals}); the ceiling is 9.2 trillion.</li>
 * </ul>
 * Parsing reads characters straight from the parser's buffer: no {@code String},
 * {@code BigDecimal} or boxing. Digits beyond the scale are rounded half away from zero,
 * so every Hyperliquid value (at most 6 decimals, 9 after the ×1000 contract division)
 * is held exactly.
 */
public final class FixedPoint {
    public static final int PRICE_DECIMALS = 12;
    public static final int SIZE_DECIMALS = 6;
    public static final long PRICE_SCALE = 1_000_000_000_000L;
    public static final long SIZE_SCALE = 1_000_000L;

    /** Marks an absent value (JSON {@code null}, a side with no level). */
    public static final long NULL = Long.MIN_VALUE;
    /** Returned by the parsers for text that is not a finite decimal that fits. */
    public static final long INVALID = Long.MIN_VALUE + 1;

    private static final long[] POW10 = new long[19];
    /**
     * {@code Long.MAX_VALUE / 10^k}: the largest mantissa that can be scaled up by 10^k (a table, not a division per
     * parse).
     */
    private static final long[] MAX_MANTISSA = new long[19];
    /** A mantissa at most this takes one more digit; at exactly this, digits up to 7 (Long.MAX_VALUE ends in 7). */
    private static final long MANTISSA_LIMIT = Long.MAX_VALUE / 10;

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            MAX_MANTISSA[i] = Long.MAX_VALUE / p;
            p *= 10;
        }
    }

    private FixedPoint() {
    }

    /** 10^n for 0 ≤ n ≤ 18. */
    public static long pow10(int n) {
        return POW10[n];
    }

    /**
     * Parses {@code s} with the given number of decimals; {@link #INVALID} if it is not a number.
     * Copies the text: for tools and tests; the decoders use the {@code char[]} form.
     */
    public static long parse(CharSequence s, int decimals) {
        char[] chars = s.toString().toCharArray();
        return parse(chars, 0, chars.length, decimals);
    }

    /** Parses {@code buf[off, off+len)} with the given number of decimals; {@link #INVALID} if it is not a number. */
    public static long parse(char[] buf, int off, int len, int decimals) {
        long mantissa = 0;
        int fracDigits = 0;
        int droppedIntDigits = 0;
        int firstDropped = -1;
        boolean negative = false;
        boolean seenDigit = false;
        boolean seenDot = false;
        int end = off + len;
        int i = off;
        if (len <= 0) {
            return INVALID;
        }
        if (buf[i] == '-') {
            negative = true;
            i++;
        }
        for (; i < end; i++) {
            char c = buf[i];
            if (c >= '0' && c <= '9') {
                seenDigit = true;
                int d = c - '0';
                // Every digit that fits in a long is kept (up to 19): a value of 19 significant
                // digits is held exactly (found by JupiterPriceFuzzTest: 1179111.111… lost a unit
                // when the mantissa stopped at 18 digits and was scaled up by 10).
                if (mantissa < MANTISSA_LIMIT || (mantissa == MANTISSA_LIMIT && d <= 7)) {
                    mantissa = mantissa * 10 + d;
                    if (seenDot) {
                        fracDigits++;
                    }
                } else {
                    if (firstDropped < 0) {
                        firstDropped = d;
                    }
                    if (!seenDot) {
                        droppedIntDigits++;
                    }
                }
            } else if (c == '.' && !seenDot) {
                seenDot = true;
            } else if ((c == 'e' || c == 'E') && seenDigit) {
                int exp = parseExponent(buf, i + 1, end);
                return scale(mantissa, negative, decimals - fracDigits + droppedIntDigits, firstDropped, exp);
            } else {
                return INVALID;
            }
        }
        if (!seenDigit) {
            return INVALID;
        }
        return scale(mantissa, negative, decimals - fracDigits + droppedIntDigits, firstDropped, 0);
    }

    private static final int BAD_EXPONENT = Integer.MIN_VALUE;

    private static int parseExponent(char[] buf, int i, int end) {
        if (i >= end) {
            return BAD_EXPONENT;
        }
        boolean neg = false;
        char c = buf[i];
        if (c == '-' || c == '+') {
            neg = c == '-';
            i++;
        }
        if (i >= end) {
            return BAD_EXPONENT;
        }
        int exp = 0;
        for (; i < end; i++) {
            c = buf[i];
            if (c < '0' || c > '9') {
                return BAD_EXPONENT;
            }
            if (exp < 10_000) {
                exp = exp * 10 + (c - '0');
            }
        }
        return neg ? -exp : exp;
    }

    /** mantissa × 10^(shift + exp), rounded half away from zero; INVALID on overflow. */
    private static long scale(long mantissa, boolean negative, int shift, int firstDropped, int exp) {
        if (exp == BAD_EXPONENT) {
            return INVALID;
        }
        int k = shift + exp;
        long v;
        if (k >= 0) {
            if (mantissa == 0) {
                return 0;
            }
            if (k > 18 || firstDropped >= 0 && k > 0) {
                // A dropped digit means mantissa × 10 + digit already exceeds a long.
                return INVALID;
            }
            if (mantissa > MAX_MANTISSA[k]) {
                return INVALID;
            }
            v = mantissa * POW10[k];
            if (k == 0 && firstDropped >= 5) {
                v++;
            }
        } else {
            int n = -k;
            if (n > 18) {
                v = 0;
            } else {
                long p = POW10[n];
                v = mantissa / p;
                long rem = mantissa - v * p;
                if (rem * 2 >= p) {
                    v++;
                }
            }
        }
        if (v == Long.MIN_VALUE || v == INVALID) {
            return INVALID;
        }
        return negative ? -v : v;
    }

    /** {@code units / 10^n}, rounded half away from zero (NULL and INVALID pass through). */
    public static long divPow10(long units, int n) {
        if (units == NULL || units == INVALID || n == 0) {
            return units;
        }
        long p = POW10[n];
        long q = units / p;
        long rem = Math.abs(units - q * p);
        if (rem * 2 >= p) {
            q += units < 0 ? -1 : 1;
        }
        return q;
    }

    /** {@code units × 10^n}, or INVALID on overflow (NULL and INVALID pass through). */
    public static long mulPow10(long units, int n) {
        if (units == NULL || units == INVALID || n == 0) {
            return units;
        }
        long p = POW10[n];
        if (Math.abs(units) > Long.MAX_VALUE / p) {
            return INVALID;
        }
        return units * p;
    }

    /** Converts units to a double (for statistics; money is converted back at the edge). */
    public static double toDouble(long units, int decimals) {
        return (double) units / POW10[decimals];
    }

    /** Converts a double to units, rounding half away from zero; NULL for NaN/infinite input. */
    public static long fromDouble(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return NULL;
        }
        return Math.round(value * POW10[decimals]);
    }

    /** Shortest plain decimal text for the units ({@code "0.0000216"}, {@code "84143"}); "null" for NULL. */
    public static String toString(long units, int decimals) {
        if (units == NULL) {
            return "null";
        }
        if (units == 0) {
            return "0";
        }
        return BigDecimal.valueOf(units, decimals).stripTrailingZeros().toPlainString();
    }

    /** Price units to text. */
    public static String price(long units) {
        return toString(units, PRICE_DECIMALS);
    }

    /** Size units to text. */
    public static String size(long units) {
        return toString(units, SIZE_DECIMALS);
    }
}
