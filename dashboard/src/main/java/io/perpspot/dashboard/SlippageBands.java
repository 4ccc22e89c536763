package io.perpspot.dashboard;

/**
 * The slippage colour bands of every dashboard page: green ≤ 50 bps, orange 50–200 bps,
 * red > 200 bps. The one place the thresholds live in the dashboard: the server classifies and
 * sends the band name; the pages only map a band name to a CSS class ({@code slip-green},
 * {@code slip-orange}, {@code slip-red}), and read the thresholds from {@code /api/meta} for
 * the tolerance line.
 *
 * <p>TODO(issue 4 merge): delegate to the engine's {@code io.perpspot.engine.exec.SlippageBand}
 * once it is on main, so the engine, the tools and the dashboard share one definition.
 */
public final class SlippageBands {
    /** Upper bound (inclusive) of green, in bps. */
    public static final double GREEN_MAX_BPS = 50;
    /** Upper bound (inclusive) of orange, in bps. */
    public static final double ORANGE_MAX_BPS = 200;

    private SlippageBands() {
    }

    /**
     * The band of a slippage cost in bps (its magnitude counts: a price improvement is green).
     *
     * @return "green", "orange" or "red"; "red" for an infinite cost (size beyond the book);
     *         "none" for NaN (not known)
     */
    public static String band(double bps) {
        if (Double.isNaN(bps)) {
            return "none";
        }
        double a = Math.abs(bps);
        if (a <= GREEN_MAX_BPS) {
            return "green";
        }
        return a <= ORANGE_MAX_BPS ? "orange" : "red";
    }
}
