package io.perpspot.dashboard.state;

import io.perpspot.engine.core.FixedPoint;

/** How the folds' numbers become JSON values: absent (NULL, NaN, infinite, zero time) is null. */
final class JsonFigures {
    private JsonFigures() {
    }

    /** A price in fixed-point units as its exact decimal string, null when absent. */
    static String price(long units) {
        return units == FixedPoint.NULL ? null : FixedPoint.price(units);
    }

    /** A price in fixed-point units as a double, NaN when absent. */
    static double px(long units) {
        return units == FixedPoint.NULL ? Double.NaN : FixedPoint.toDouble(units, FixedPoint.PRICE_DECIMALS);
    }

    /** NaN and infinities become JSON null. */
    static Double num(double d) {
        return Double.isFinite(d) ? d : null;
    }

    /** A journal time in nanoseconds as epoch milliseconds, null for 0 (never). */
    static Long ms(long nanos) {
        return nanos == 0 ? null : nanos / 1_000_000;
    }

    /** A millisecond figure, null for 0 (never). */
    static Long orNull(long ms) {
        return ms == 0 ? null : ms;
    }

    /** An hourly funding rate (fixed point) as an annual percentage, null when absent. */
    static Double aprPct(long hourlyFunding) {
        return hourlyFunding == FixedPoint.NULL ? null : num(px(hourlyFunding) * 24 * 365 * 100);
    }
}
