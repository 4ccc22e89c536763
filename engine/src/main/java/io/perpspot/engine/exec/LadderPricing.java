package io.perpspot.engine.exec;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.spread.QuoteLadder;

/**
 * The spot leg's executable price for a notional from the Jupiter quote ladder. Each rung is
 * the average price of swapping that notional (impact included), so the price is linear in
 * notional between rungs; below the smallest rung it is linear from the reference price at
 * zero size. Beyond the largest rung the rung's slippage is extrapolated as
 * {@code s(n) = s_last·sqrt(n/n_last)} (the square-root law through the last observed point),
 * up to {@code maxExtrapolation} times that rung; beyond that the size is refused.
 * Allocation-free.
 */
public final class LadderPricing {
    private static final double PRICE = FixedPoint.PRICE_SCALE;
    private static final double SIZE = FixedPoint.SIZE_SCALE;

    /** Result codes of {@link #price}. */
    public static final int OK = 0;
    public static final int EMPTY = 1;
    public static final int BEYOND_DEPTH = 2;

    private LadderPricing() {
    }

    /**
     * @param buy       true to buy the token (ladder BUY side), false to sell it
     * @param notional  USD
     * @param ref       the reference (mid) price; if not positive, the smallest rung's price is used
     * @return {@link #OK}, {@link #EMPTY} (no rung on that side) or {@link #BEYOND_DEPTH}
     */
    public static int price(QuoteLadder ladder, boolean buy, double notional, double ref, double maxExtrapolation,
            LegFill out) {
        int side = buy ? QuoteSide.BUY : QuoteSide.SELL;
        int n = ladder.size(side);
        out.clear();
        if (n == 0) {
            return EMPTY;
        }
        double n0 = ladder.notionalUsd(side, 0) / SIZE;
        double p0 = ladder.price(side, 0) / PRICE;
        double r = ref > 0 ? ref : p0;
        out.refPrice = r;
        double px;
        PriceSource src = PriceSource.LADDER;
        if (notional <= n0) {
            px = r + (p0 - r) * (notional / n0);
        } else {
            int i = 1;
            while (i < n && ladder.notionalUsd(side, i) / SIZE < notional) {
                i++;
            }
            if (i < n) {
                double lo = ladder.notionalUsd(side, i - 1) / SIZE;
                double hi = ladder.notionalUsd(side, i) / SIZE;
                double plo = ladder.price(side, i - 1) / PRICE;
                double phi = ladder.price(side, i) / PRICE;
                px = plo + (phi - plo) * ((notional - lo) / (hi - lo));
            } else {
                double last = ladder.notionalUsd(side, n - 1) / SIZE;
                if (notional > last * maxExtrapolation) {
                    out.refPrice = r;
                    return BEYOND_DEPTH;
                }
                double plast = ladder.price(side, n - 1) / PRICE;
                double rel = (plast - r) / r; // signed relative price change at the last rung
                px = r * (1 + rel * Math.sqrt(notional / last));
                src = PriceSource.LADDER_EXTRAPOLATED;
            }
        }
        out.avgPrice = px;
        out.worstPrice = px;
        out.quantity = notional / px;
        out.source = src;
        return OK;
    }

    /** Largest notional (USD) the ladder prices on a side, including the extrapolation; 0 when empty. */
    public static double maxNotional(QuoteLadder ladder, boolean buy, double maxExtrapolation) {
        int side = buy ? QuoteSide.BUY : QuoteSide.SELL;
        int n = ladder.size(side);
        return n == 0 ? 0 : ladder.notionalUsd(side, n - 1) / SIZE * maxExtrapolation;
    }
}
