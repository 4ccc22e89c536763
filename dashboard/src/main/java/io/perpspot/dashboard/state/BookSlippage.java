package io.perpspot.dashboard.state;

import io.perpspot.engine.codec.FixedPoint;

/**
 * Executable slippage of a market order of a given USD notional against one side of a journaled
 * Hyperliquid L2 book (up to 20 levels): the volume-weighted fill price against the book's mid,
 * in bps of cost (positive = worse than mid). This is what the journal can tell today; the
 * execution model's own figure (book walk plus Jupiter quote ladder) plugs in through
 * {@link io.perpspot.dashboard.seam.ExecutionSlippageSource}.
 */
public final class BookSlippage {
    /** The notionals the overview offers, in USD. */
    public static final double[] SIZES_USD = {100, 1_000, 10_000, 50_000};
    /** The notionals of the token page's slippage-by-size curve, in USD. */
    public static final double[] CURVE_SIZES_USD = {100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000};

    private BookSlippage() {
    }

    /**
     * Cost in bps of buying (walking {@code pxs} ascending asks) or selling (walking descending bids)
     * {@code usd} of notional. {@code +Infinity} when the visible book is too thin; NaN when
     * {@code mid} is not positive.
     */
    public static double costBps(long[] pxs, long[] szs, int count, double mid, double usd, boolean buy) {
        if (!(mid > 0)) {
            return Double.NaN;
        }
        double remaining = usd;
        double qty = 0;
        for (int i = 0; i < count && remaining > 1e-9; i++) {
            double px = FixedPoint.toDouble(pxs[i], FixedPoint.PRICE_DECIMALS);
            double sz = FixedPoint.toDouble(szs[i], FixedPoint.SIZE_DECIMALS);
            if (!(px > 0) || !(sz > 0)) {
                continue;
            }
            double levelUsd = px * sz;
            double take = Math.min(levelUsd, remaining);
            qty += take / px;
            remaining -= take;
        }
        if (remaining > 1e-9 || qty <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double vwap = usd / qty;
        double bps = (vwap - mid) / mid * 10_000;
        return buy ? bps : -bps;
    }
}
