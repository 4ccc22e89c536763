package io.perpspot.tools.format;

import java.math.BigDecimal;

/** Plain decimal text for doubles: the shortest text that reads back to the same double, never an exponent. */
public final class Numbers {
    private Numbers() {
    }

    /** {@code 0.00001} rather than {@code 1.0E-5}; null for NaN and infinities (absent values). */
    public static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        if (v == 0) {
            // Keeps the sign of -0.0 out of reports: both zeros print as 0.
            return "0";
        }
        // Double.toString is the shortest round-tripping text; BigDecimal only removes the exponent.
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
