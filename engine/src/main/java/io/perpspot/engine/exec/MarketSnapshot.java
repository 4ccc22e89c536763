package io.perpspot.engine.exec;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.spread.PerpDepth;
import io.perpspot.engine.spread.QuoteLadder;
import io.perpspot.engine.spread.SpreadBook;

/**
 * One token's market state for the execution model: a copy, so the strategy thread may keep
 * folding while a simulation runs on it. Prices are doubles (USD per token); absent values
 * are NaN; the book and the ladder are never null (possibly empty).
 *
 * @param fundingHourly     Hyperliquid's hourly funding rate (0.0000125 = 0.00125 %/h); NaN if unknown
 * @param volPerSqrtSecond  realised volatility of the perp mid per sqrt(second); NaN if unknown
 * @param volReturns        returns behind that estimate
 * @param basisHistoryBps   the rolling window of basis samples, oldest first
 * @param solUsd            SOL's price (Solana fees in USD); NaN if unknown
 */
public record MarketSnapshot(
        String symbol,
        PerpDepth depth,
        QuoteLadder ladder,
        double perpBid,
        double perpAsk,
        double perpMid,
        double spotPx,
        double fundingHourly,
        double volPerSqrtSecond,
        int volReturns,
        double spotLiquidityUsd,
        double perpDayNtlVlm,
        double[] basisHistoryBps,
        double solUsd,
        long timeNanos) {

    private static final double PRICE = FixedPoint.PRICE_SCALE;

    /**
     * Copies a token's {@link SpreadBook}.
     *
     * @param ladder the token's Jupiter quote ladder, or null when none is kept
     * @param solUsd SOL's spot price, or NaN
     */
    public static MarketSnapshot of(String symbol, SpreadBook b, QuoteLadder ladder, double solUsd) {
        PerpDepth depth = new PerpDepth();
        depth.copyFrom(b.depth);
        QuoteLadder l = copy(ladder);
        double[] basis = new double[b.basis.count()];
        for (int i = 0; i < basis.length; i++) {
            basis[i] = b.basis.get(i);
        }
        long time = Math.max(b.perpMidTime, b.spotTime);
        return new MarketSnapshot(symbol, depth, l, px(b.perpBid), px(b.perpAsk), px(b.perpMid), px(b.spotPx),
                px(b.funding), b.midVolatility.perSqrtSecond(), b.midVolatility.count(),
                b.spotLiquidityUsd == FixedPoint.NULL ? Double.NaN : (double) b.spotLiquidityUsd,
                b.dayNtlVlm == FixedPoint.NULL ? Double.NaN
                : FixedPoint.toDouble(b.dayNtlVlm, FixedPoint.SIZE_DECIMALS),
                basis, solUsd, time);
    }

    /** A copy of a ladder (an empty one for null). */
    public static QuoteLadder copy(QuoteLadder ladder) {
        QuoteLadder l = new QuoteLadder();
        if (ladder != null) {
            for (int side = QuoteSide.BUY; side <= QuoteSide.SELL; side++) {
                for (int i = 0; i < ladder.size(side); i++) {
                    l.put(side, ladder.notionalUsd(side, i), ladder.price(side, i), ladder.impactPpm(side, i),
                            ladder.timeNanos(side, i));
                }
            }
        }
        return l;
    }

    private static double px(long units) {
        return units == FixedPoint.NULL ? Double.NaN : units / PRICE;
    }

    /** Mean of the basis window, or 0 when it has fewer than two samples. */
    public double basisMeanBps() {
        if (basisHistoryBps.length < 2) {
            return 0;
        }
        double s = 0;
        for (double v : basisHistoryBps) {
            s += v;
        }
        return s / basisHistoryBps.length;
    }

    /** Basis of the mids, (perp − spot)/spot in bps; NaN when a side is unknown. */
    public double midBasisBps() {
        return (perpMid - spotPx) / spotPx * 10_000.0;
    }
}
