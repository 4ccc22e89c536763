package io.perpspot.engine.feed.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Hyperliquid's number rules and number text. Perp prices are held as long micro-dollars: a perp
 * price has at most {@code 6 - szDecimals} decimals, so micros hold every valid price exactly.
 * Text follows the wire: shortest plain decimal, and a trailing {@code .0} on whole numbers
 * ({@code "84143.0"}, {@code "0.004411"}, {@code "2058973.0"}).
 */
final class HlNumbers {
    static final long MICROS = 1_000_000L;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private HlNumbers() {
    }

    static long pow10(int n) {
        return POW10[n];
    }

    /** Number of decimal digits of a positive long. */
    static int digits(long v) {
        int d = 1;
        while (d < 19 && v >= POW10[d]) {
            d++;
        }
        return d;
    }

    /**
     * The price step at a price: at most 5 significant figures and at most {@code 6 - szDecimals}
     * decimals, but whole numbers are always valid (so the step never exceeds 1 dollar).
     */
    static long tickMicros(long pxMicros, int szDecimals) {
        long decimalTick = POW10[szDecimals];
        int d = digits(Math.max(1, pxMicros));
        long sigTick = d > 5 ? POW10[d - 5] : 1;
        return Math.max(decimalTick, Math.min(sigTick, MICROS));
    }

    /** Whether a price obeys the perp price rule for that szDecimals. */
    static boolean validPx(long pxMicros, int szDecimals) {
        if (pxMicros <= 0) {
            return false;
        }
        if (pxMicros % MICROS == 0) {
            return true;
        }
        if (pxMicros % POW10[szDecimals] != 0) {
            return false;
        }
        long m = pxMicros;
        while (m % 10 == 0) {
            m /= 10;
        }
        return digits(m) <= 5;
    }

    /** Rounds a price to the nearest valid price (half up), in micros; at least one tick. */
    static long roundPx(double px, int szDecimals) {
        long raw = Math.max(1, Math.round(px * MICROS));
        long tick = tickMicros(raw, szDecimals);
        long r = Math.max(tick, Math.round((double) raw / tick) * tick);
        // Rounding up can cross a power of ten; the coarser step there is still a multiple of tick.
        return validPx(r, szDecimals) ? r : r - r % tickMicros(r, szDecimals);
    }

    /** Appends {@code units / 10^scale} in Hyperliquid style. */
    static StringBuilder append(StringBuilder sb, long units, int scale) {
        if (units < 0) {
            sb.append('-');
            units = -units;
        }
        long p = POW10[scale];
        long whole = units / p;
        long frac = units % p;
        sb.append(whole).append('.');
        if (frac == 0 || scale == 0) {
            return sb.append('0');
        }
        int width = scale;
        while (frac % 10 == 0) {
            frac /= 10;
            width--;
        }
        String f = Long.toString(frac);
        for (int i = f.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(f);
    }

    static StringBuilder appendPx(StringBuilder sb, long micros) {
        return append(sb, micros, 6);
    }

    /** Appends a double rounded to at most {@code maxDecimals} decimals, Hyperliquid style. */
    static StringBuilder appendDecimal(StringBuilder sb, double v, int maxDecimals) {
        if (!Double.isFinite(v)) {
            return sb.append("0.0");
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(maxDecimals, RoundingMode.HALF_EVEN);
        if (d.signum() == 0) {
            return sb.append("0.0");
        }
        d = d.stripTrailingZeros();
        if (d.scale() <= 0) {
            return sb.append(d.toBigInteger()).append(".0");
        }
        return sb.append(d.toPlainString());
    }

    static String px(long micros) {
        return appendPx(new StringBuilder(16), micros).toString();
    }
}
