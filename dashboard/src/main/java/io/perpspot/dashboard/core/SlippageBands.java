package io.perpspot.dashboard.core;

import io.perpspot.engine.exec.SlippageBand;

/**
 * Band names for the pages. The thresholds are the engine's {@link SlippageBand} (green ≤ 50,
 * orange ≤ 200, red &gt; 200 bps): the dashboard has none of its own. The pages map the name to a
 * CSS class ({@code slip-green}, {@code slip-orange}, {@code slip-red}, {@code slip-none}) and
 * read the thresholds from {@code /api/meta} for the tolerance line.
 */
public final class SlippageBands {
    private SlippageBands() {
    }

    /**
     * The band label of a slippage in bps: {@link SlippageBand#of} (a price improvement is green;
     * beyond the known depth, +Infinity, is red), or "none" for NaN (no price: not known).
     */
    public static String band(double bps) {
        return Double.isNaN(bps) ? "none" : SlippageBand.of(bps).label();
    }
}
