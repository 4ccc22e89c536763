package io.perpspot.engine.exec;

import java.util.Locale;

/**
 * Executable basis and net edge of a basis trade for a size. Reads a {@link MarketSnapshot};
 * writes an {@link ExecutionEstimate}.
 *
 * <p>Prices the two legs of the snapshot's venue pair with {@link ExecutionParams#forPair}'s fees: on
 * {@code perp-hlspot} the spot leg walks Hyperliquid spot's L2 book like the perp's (no gas); on
 * {@code hlspot-jupiter} the "perp" leg is Hyperliquid spot's book (no funding) and the trade also pays the
 * {@link TransferCosts}: Unit's fee plus the price risk of the transfer's delay (risk-sigmas × volatility × √delay).
 *
 * <p>Both legs trade the same number of tokens, {@code q = notional / spot mid}. The perp leg
 * walks the L2 book ({@link BookWalk}); with no book it takes the top of book plus the
 * {@link ImpactModel} on Hyperliquid's daily volume. The spot leg interpolates the Jupiter
 * quote ladder ({@link LadderPricing}); with no ladder it takes Jupiter's price plus the impact
 * model on Jupiter's liquidity figure. The exit is priced now, on the opposite sides, at the
 * basis the position is expected to revert to (the rolling window's mean). Funding accrues at
 * the live hourly rate over the holding horizon: a short perp receives a positive rate.
 *
 * <pre>
 *  entry capture  = sign · q · (perpEntry − spotEntry)
 *  exit           = sign · q · (spotMid·(1 − sign·s_spotExit) − spotMid·(1 + b)·(1 + sign·s_perpExit))
 *  net            = entry capture + exit − fees − gas − transfer + sign · funding · hours · notional
 * </pre>
 */
public final class ExecutionModel {
    private final ExecutionParams p;

    public ExecutionModel(ExecutionParams params) {
        this.p = params;
    }

    /** The parameters it prices with (fees, gas, impact model, ladder extrapolation). */
    public ExecutionParams params() {
        return p;
    }

    /**
     * The estimate for a direction, a size in USD and a holding horizon in hours: deterministic (no randomness),
     * it reads only the snapshot, so any thread may call it.
     *
     * @throws ExecutionException naming {@code size} (not positive, beyond depth), {@code holding horizon}
     *         (negative) or {@code token} (no prices)
     */
    public ExecutionEstimate estimate(MarketSnapshot m, Direction d, double notionalUsd, double holdingHours) {
        // This pair's legs: their fees, Solana gas (Jupiter legs only), the transfer between venues.
        ExecutionParams legs = p.forPair(m.pair());
        if (!(notionalUsd > 0) || Double.isInfinite(notionalUsd)) {
            throw new ExecutionException("size", "must be a positive number of USD, got " + notionalUsd);
        }
        if (!(holdingHours >= 0) || Double.isInfinite(holdingHours)) {
            throw new ExecutionException("holding horizon", "must be >= 0 hours, got " + holdingHours);
        }
        double spotRef = m.spotPx();
        if (!(spotRef > 0)) {
            throw new ExecutionException("token", m.symbol() + " has no spot price in the market state");
        }
        boolean hasBook = m.depth().twoSided();
        if (!hasBook && !(m.perpBid() > 0 && m.perpAsk() > 0)) {
            throw new ExecutionException("token", m.symbol()
                    + " has an empty perp book (no L2 levels, no top of book)");
        }
        int sign = d.sign();
        boolean buyPerp = sign < 0;
        double q = notionalUsd / spotRef;

        LegFill f = new LegFill();
        LegQuote perpIn = perpLeg(m, hasBook, buyPerp, q, notionalUsd, f);
        LegQuote perpOut = perpLeg(m, hasBook, !buyPerp, q, notionalUsd, f);
        LegQuote spotIn = spotLeg(m, !buyPerp, q, notionalUsd, spotRef, f);
        LegQuote spotOut = spotLeg(m, buyPerp, q, notionalUsd, spotRef, f);

        double b = m.basisMeanBps() / 10_000.0;
        double entryUsd = sign * q * (perpIn.price() - spotIn.price());
        double exitUsd = exitUsd(sign, q, spotRef, b, perpOut.slippageBps() / 10_000.0,
                spotOut.slippageBps() / 10_000.0);
        double perpFeesBps = 2 * legs.perpFeeBps();
        double spotFeesBps = 2 * legs.spotFeeBps();
        double feesUsd = (perpFeesBps + spotFeesBps) / 10_000.0 * notionalUsd;
        double solUsd = m.solUsd() > 0 ? m.solUsd() : legs.solUsdFallback();
        double gasUsd = 2 * legs.solanaTxUsd(solUsd);
        double funding = Double.isNaN(m.fundingHourly()) ? 0.0 : m.fundingHourly();
        double carryUsd = carryUsd(sign, funding, holdingHours, notionalUsd);
        TransferCosts t = legs.transfer();
        long delay = t.equals(TransferCosts.NONE) ? 0 : t.delayNanos(d);
        boolean observed = m.volReturns() >= legs.volMinReturns() && Double.isFinite(m.volPerSqrtSecond());
        double transferBps = delay == 0 && t.costBps() == 0 ? 0
                : t.costBps() + t.riskBps(d, observed ? m.volPerSqrtSecond() : legs.volFallbackPerSqrtSecond());
        double netUsd = entryUsd + exitUsd - feesUsd - gasUsd + carryUsd - transferBps / 10_000.0 * notionalUsd;

        return new ExecutionEstimate(m.symbol(), d, notionalUsd, q, perpIn, spotIn, perpOut, spotOut,
                m.midBasisBps(),
                (perpIn.price() - spotIn.price()) / spotIn.price() * 10_000.0,
                entryUsd / notionalUsd * 10_000.0,
                b * 10_000.0,
                -exitUsd / notionalUsd * 10_000.0,
                perpFeesBps, spotFeesBps, gasUsd, gasUsd / notionalUsd * 10_000.0,
                funding, holdingHours, carryUsd / notionalUsd * 10_000.0,
                netUsd / notionalUsd * 10_000.0, netUsd, m.pair(), transferBps, delay);
    }

    /** The exit leg pair's P&amp;L in USD (negative: a cost); shared with the Monte Carlo. */
    static double exitUsd(int sign, double q, double spotRef, double exitBasis, double perpExitSlip,
            double spotExitSlip) {
        return sign * q * (spotRef * (1 - sign * spotExitSlip) - spotRef * (1 + exitBasis) * (1 + sign * perpExitSlip));
    }

    /** Funding received (positive) or paid over {@code hours}: a short perp receives a positive rate. */
    static double carryUsd(int sign, double fundingHourly, double hours, double notionalUsd) {
        return sign * fundingHourly * hours * notionalUsd;
    }

    private LegQuote perpLeg(MarketSnapshot m, boolean hasBook, boolean buy, double q, double notional, LegFill f) {
        if (hasBook) {
            if (!BookWalk.walk(m.depth(), buy, q, f)) {
                double have = BookWalk.depthTokens(m.depth(), buy);
                throw new ExecutionException("size", String.format(Locale.ROOT,
                        "$%,.2f is %,.6f %s; the perp book's %s side holds only %,.6f %s (about $%,.2f): beyond depth",
                        notional, q, m.symbol(), buy ? "ask" : "bid", have, m.symbol(),
                        BookWalk.depthUsd(m.depth(), buy)));
            }
            return LegQuote.of(f, buy);
        }
        double mid = (m.perpBid() + m.perpAsk()) / 2;
        double top = buy ? m.perpAsk() : m.perpBid();
        double depth = m.perpDayNtlVlm() > 0 ? m.perpDayNtlVlm() : p.defaultDepthUsd();
        double s = p.impact().slippageBps(notional, depth) / 10_000.0;
        f.clear();
        f.refPrice = mid;
        f.avgPrice = buy ? top * (1 + s) : top * (1 - s);
        f.worstPrice = f.avgPrice;
        f.quantity = q;
        f.source = PriceSource.MODEL;
        return LegQuote.of(f, buy);
    }

    /** Leg B: Jupiter's quote ladder, or on {@code perp-hlspot} a walk of Hyperliquid spot's book. */
    private LegQuote spotLeg(MarketSnapshot m, boolean buy, double q, double notional, double ref, LegFill f) {
        if (m.spotIsBook()) {
            return bookSpotLeg(m, buy, q, notional, f);
        }
        return ladderSpotLeg(m, buy, notional, ref, f);
    }

    /** Hyperliquid spot as leg B: walked like the perp's book; no book, its top plus the impact model. */
    private LegQuote bookSpotLeg(MarketSnapshot m, boolean buy, double q, double notional, LegFill f) {
        if (m.spotDepth().twoSided()) {
            if (!BookWalk.walk(m.spotDepth(), buy, q, f)) {
                throw new ExecutionException("size", String.format(Locale.ROOT,
                        "$%,.2f is %,.6f %s; the Hyperliquid spot book's %s side holds only %,.6f (about $%,.2f):"
                                + " beyond depth", notional, q, m.symbol(), buy ? "ask" : "bid",
                        BookWalk.depthTokens(m.spotDepth(), buy), BookWalk.depthUsd(m.spotDepth(), buy)));
            }
            return LegQuote.of(f, buy);
        }
        if (!(m.spotBid() > 0 && m.spotAsk() > 0)) {
            throw new ExecutionException("token", m.symbol() + " has an empty Hyperliquid spot book");
        }
        double s = p.impact().slippageBps(notional, p.defaultDepthUsd()) / 10_000.0;
        f.clear();
        f.refPrice = (m.spotBid() + m.spotAsk()) / 2;
        f.avgPrice = buy ? m.spotAsk() * (1 + s) : m.spotBid() * (1 - s);
        f.worstPrice = f.avgPrice;
        f.quantity = q;
        f.source = PriceSource.MODEL;
        return LegQuote.of(f, buy);
    }

    private LegQuote ladderSpotLeg(MarketSnapshot m, boolean buy, double notional, double ref, LegFill f) {
        int r = LadderPricing.price(m.ladder(), buy, notional, ref, p.ladderMaxExtrapolation(), f);
        if (r == LadderPricing.OK) {
            return LegQuote.of(f, buy);
        }
        if (r == LadderPricing.BEYOND_DEPTH) {
            throw new ExecutionException("size", String.format(Locale.ROOT,
                    "$%,.2f is beyond the Jupiter quote ladder's depth for %s (%s side: up to $%,.2f)", notional,
                    m.symbol(),
                    buy ? "buy" : "sell", LadderPricing.maxNotional(m.ladder(), buy, p.ladderMaxExtrapolation())));
        }
        double depth = m.spotLiquidityUsd() > 0 ? m.spotLiquidityUsd() : p.defaultDepthUsd();
        double s = p.impact().slippageBps(notional, depth) / 10_000.0;
        f.clear();
        f.refPrice = ref;
        f.avgPrice = buy ? ref * (1 + s) : ref * (1 - s);
        f.worstPrice = f.avgPrice;
        f.quantity = notional / f.avgPrice;
        f.source = PriceSource.MODEL;
        return LegQuote.of(f, buy);
    }

    /**
     * One leg's entry price for a size, priced exactly as {@link #estimate} prices it (perp: the
     * L2 book walk, else top of book plus the impact model; spot: the Jupiter quote ladder, else
     * the impact model on Jupiter's liquidity figure), for the dashboard's slippage-by-size
     * figures of each venue on its own.
     *
     * @param perp true for the Hyperliquid leg, false for the Jupiter leg
     * @param buy  true to buy (perp: walk the asks; spot: USDC → token)
     * @return the quote, or null when the size is beyond the known depth or the venue has no price
     */
    public LegQuote legQuote(MarketSnapshot m, boolean perp, boolean buy, double notionalUsd) {
        if (!(notionalUsd > 0) || Double.isInfinite(notionalUsd)) {
            throw new ExecutionException("size", "must be a positive number of USD, got " + notionalUsd);
        }
        LegFill f = new LegFill();
        try {
            if (perp) {
                boolean hasBook = m.depth().twoSided();
                if (!hasBook && !(m.perpBid() > 0 && m.perpAsk() > 0)) {
                    return null;
                }
                double ref = m.spotPx() > 0 ? m.spotPx() : hasBook ? BookWalk.mid(m.depth()) : m.perpMid();
                if (!(ref > 0)) {
                    return null;
                }
                return perpLeg(m, hasBook, buy, notionalUsd / ref, notionalUsd, f);
            }
            if (!(m.spotPx() > 0)) {
                return null;
            }
            return spotLeg(m, buy, notionalUsd / m.spotPx(), notionalUsd, m.spotPx(), f);
        } catch (ExecutionException beyondDepth) {
            return null;
        }
    }

    /**
     * One leg's entry slippage in bps at a size, as the dashboard shows it: {@link #legQuote}'s, +Infinity when the
     * venue has a price but the size is beyond its known depth, NaN when it has no price (or {@code m} is null).
     */
    public double legSlippageBps(MarketSnapshot m, boolean perp, boolean buy, double notionalUsd) {
        return m == null ? Double.NaN : slippageBps(m, legQuote(m, perp, buy, notionalUsd), perp);
    }

    /**
     * {@link #legSlippageBps} for a quote already priced by {@link #legQuote} ({@code q}, null when it could not
     * be): its slippage, else +Infinity if the venue has a price in {@code m} (beyond the depth), else NaN.
     */
    public static double slippageBps(MarketSnapshot m, LegQuote q, boolean perp) {
        if (q != null) {
            return q.slippageBps();
        }
        if (m == null) {
            return Double.NaN;
        }
        boolean priced = perp ? m.depth().twoSided() || (m.perpBid() > 0 && m.perpAsk() > 0) : m.spotPx() > 0;
        return priced ? Double.POSITIVE_INFINITY : Double.NaN;
    }
}
