package io.perpspot.engine.exec;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.spread.PerpDepth;
import io.perpspot.engine.spread.QuoteLadder;
import io.perpspot.engine.spread.SpreadBook;

/**
 * One token's market state for the execution model, as the two legs of one {@link VenuePair}: a copy, so the
 * strategy thread may keep folding while a simulation runs on it. Prices are doubles (USD per token); absent values
 * are NaN; the books and the ladder are never null (possibly empty).
 *
 * <p>The field names are today's pair's: {@code depth} and {@code perp*} are leg A (the perp; Hyperliquid spot's
 * book on {@code hlspot-jupiter}), {@code spotPx} is leg B's mid, priced through the Jupiter {@code ladder} or, on
 * {@code perp-hlspot}, by walking Hyperliquid spot's {@code spotDepth} (top of book {@code spotBid}/{@code spotAsk}).
 *
 * @param fundingHourly     Hyperliquid's hourly funding rate (0.0000125 = 0.00125 %/h); NaN if unknown
 * @param volPerSqrtSecond  realised volatility of the perp mid per sqrt(second); NaN if unknown
 * @param volReturns        returns behind that estimate
 * @param basisHistoryBps   the rolling window of basis samples, oldest first
 * @param solUsd            SOL's price (Solana fees in USD); NaN if unknown
 * @param pair              the {@link VenuePair} the legs are of
 * @param spotDepth         leg B's L2 book when leg B is Hyperliquid spot, else empty
 * @param spotBid           leg B's top of book when it is Hyperliquid spot, else NaN
 * @param spotAsk           likewise
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
        long timeNanos,
        int pair,
        PerpDepth spotDepth,
        double spotBid,
        double spotAsk) {

    private static final double PRICE = FixedPoint.PRICE_SCALE;

    /** A snapshot of {@code perp-jupiter} (leg B Jupiter: no spot book). */
    public MarketSnapshot(String symbol, PerpDepth depth, QuoteLadder ladder, double perpBid, double perpAsk,
                          double perpMid, double spotPx, double fundingHourly, double volPerSqrtSecond, int volReturns,
                          double spotLiquidityUsd, double perpDayNtlVlm, double[] basisHistoryBps, double solUsd,
                          long timeNanos) {
        this(symbol, depth, ladder, perpBid, perpAsk, perpMid, spotPx, fundingHourly, volPerSqrtSecond, volReturns,
                spotLiquidityUsd, perpDayNtlVlm, basisHistoryBps, solUsd, timeNanos, VenuePair.PERP_JUPITER,
                new PerpDepth(), Double.NaN, Double.NaN);
    }

    /**
     * Copies a token's {@link SpreadBook}.
     *
     * @param ladder the token's Jupiter quote ladder, or null when none is kept
     * @param solUsd SOL's spot price, or NaN
     */
    public static MarketSnapshot of(String symbol, SpreadBook b, QuoteLadder ladder, double solUsd) {
        return of(symbol, b, ladder, solUsd, VenuePair.PERP_JUPITER);
    }

    /**
     * Copies the two legs of one venue pair of a token's {@link SpreadBook}. On {@code hlspot-jupiter} leg A has no
     * funding and no daily volume (spot has neither: no carry, the impact model's default depth); the volatility is
     * the perp mid's on every pair (the one measured, and the same asset).
     *
     * @param ladder the token's Jupiter quote ladder, or null when none is kept (ignored on {@code perp-hlspot})
     */
    public static MarketSnapshot of(String symbol, SpreadBook b, QuoteLadder ladder, double solUsd, int pair) {
        boolean aIsHlSpot = pair == VenuePair.HLSPOT_JUPITER;
        boolean bIsHlSpot = pair == VenuePair.PERP_HLSPOT;
        PerpDepth depth = new PerpDepth();
        depth.copyFrom(aIsHlSpot ? b.hlSpotDepth : b.depth);
        PerpDepth spotDepth = new PerpDepth();
        if (bIsHlSpot) {
            spotDepth.copyFrom(b.hlSpotDepth);
        }
        QuoteLadder l = copy(bIsHlSpot ? null : ladder);
        var window = b.pairs[pair].basis;
        double[] basis = new double[window.count()];
        for (int i = 0; i < basis.length; i++) {
            basis[i] = window.get(i);
        }
        long time = Math.max(b.midTimeA(pair), b.timeB(pair));
        return new MarketSnapshot(symbol, depth, l, px(b.bidA(pair)), px(b.askA(pair)), px(b.midA(pair)),
                px(b.midB(pair)), aIsHlSpot ? Double.NaN : px(b.funding), b.midVolatility.perSqrtSecond(),
                b.midVolatility.count(),
                bIsHlSpot || b.spotLiquidityUsd == FixedPoint.NULL ? Double.NaN : (double) b.spotLiquidityUsd,
                aIsHlSpot || b.dayNtlVlm == FixedPoint.NULL ? Double.NaN
                : FixedPoint.toDouble(b.dayNtlVlm, FixedPoint.SIZE_DECIMALS),
                basis, solUsd, time, pair, spotDepth,
                bIsHlSpot ? px(b.hlSpotBid) : Double.NaN, bIsHlSpot ? px(b.hlSpotAsk) : Double.NaN);
    }

    /** True when leg B is a Hyperliquid spot book (walked like the perp's), false when it is Jupiter. */
    public boolean spotIsBook() {
        return pair == VenuePair.PERP_HLSPOT;
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
