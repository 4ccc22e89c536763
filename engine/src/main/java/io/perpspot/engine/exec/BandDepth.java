package io.perpspot.engine.exec;

/**
 * How much a venue takes within a slippage band: the largest notional whose executable entry
 * slippage ({@link ExecutionModel#legQuote}: the perp book walk, the Jupiter quote ladder, else the
 * impact model) stays at or below the band. Found by doubling from $100 and then bisecting, so it
 * needs no knowledge of how the venue is priced; the answer is within 0.1 % of the true figure.
 */
public final class BandDepth {
    /** Largest notional searched, USD. */
    public static final double MAX_USD = 1e9;
    private static final double MIN_USD = 1;

    private BandDepth() {
    }

    /**
     * USD the leg ({@code perp} or spot, buying or selling) takes with slippage at most {@code bandBps}; 0 when
     * even $1 costs more or the venue has no price, {@link #MAX_USD} when the search never left the band.
     */
    public static double usd(ExecutionModel model, MarketSnapshot m, boolean perp, boolean buy, double bandBps) {
        if (!within(model, m, perp, buy, MIN_USD, bandBps)) {
            return 0;
        }
        double lo = MIN_USD;
        double hi = 100;
        while (within(model, m, perp, buy, hi, bandBps)) {
            lo = hi;
            hi *= 2;
            if (hi >= MAX_USD) {
                return within(model, m, perp, buy, MAX_USD, bandBps) ? MAX_USD : lo;
            }
        }
        while (hi - lo > lo * 1e-3) {
            double mid = (lo + hi) / 2;
            if (within(model, m, perp, buy, mid, bandBps)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean within(ExecutionModel model, MarketSnapshot m, boolean perp, boolean buy, double usd,
                                  double bandBps) {
        LegQuote q = model.legQuote(m, perp, buy, usd);
        return q != null && q.slippageBps() <= bandBps;
    }
}
