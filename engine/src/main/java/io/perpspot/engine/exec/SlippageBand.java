package io.perpspot.engine.exec;

import java.util.Locale;

/**
 * How bad a slippage is, the one colour scale used everywhere (CLI, dashboard, alerts):
 * {@link #GREEN} up to and including 50 bps, {@link #ORANGE} above 50 up to and including
 * 200 bps, {@link #RED} above 200 bps. A negative slippage (a price improvement) is green.
 */
public enum SlippageBand {
    GREEN,
    ORANGE,
    RED;

    /** Upper bound of green, inclusive. */
    public static final double GREEN_MAX_BPS = 50.0;
    /** Upper bound of orange, inclusive. */
    public static final double ORANGE_MAX_BPS = 200.0;

    /** The band of a slippage in basis points; refuses NaN. */
    public static SlippageBand of(double bps) {
        if (Double.isNaN(bps)) {
            throw new IllegalArgumentException("slippage: not a number");
        }
        if (bps <= GREEN_MAX_BPS) {
            return GREEN;
        }
        return bps <= ORANGE_MAX_BPS ? ORANGE : RED;
    }

    /** Lower-case name for text output ({@code green}, {@code orange}, {@code red}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
