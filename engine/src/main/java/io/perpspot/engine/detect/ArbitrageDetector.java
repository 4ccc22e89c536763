package io.perpspot.engine.detect;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.spread.PairState;
import io.perpspot.engine.spread.SpreadBook;

/**
 * Decides whether a token's basis on one {@link VenuePair} is an opportunity. Reads a {@link SpreadBook}, the pair's
 * {@link PairState} and its Z-score; writes the opportunity fields of an {@link OutputRecord}.
 *
 * <p>The dislocation's sign picks the direction: z ≥ +threshold means leg A (the perp; Hyperliquid spot against
 * Jupiter) is rich, so sell A at its bid and buy leg B at its ask (Jupiter: its price); z ≤ −threshold means the
 * reverse. The gross edge is the executable basis in that direction; the net edge subtracts the pair's round-trip
 * fees (both legs, entry and exit), and on {@code hlspot-jupiter} also the transfer cost and the price risk of the
 * transfer's delay ({@code strategy.transfer.risk-sigmas} × the perp mid's volatility × √delay): the token bought
 * on one venue waits for Unit's bridge before it can be sold on the other. A signal is published when it starts
 * and then at most once per {@code opportunity-interval} while it lasts.
 *
 * <p>Source gating: every leg carries its source and age. A would-be opportunity whose legs are
 * older than {@code max-spot-age} (Jupiter) / {@code max-perp-age} (the perp, and Hyperliquid spot's
 * book, pushed like the perp's), or come from a source listed in
 * {@code strategy.gate.fallback-sources}, is refused: it is written as an Opportunity with a
 * non-zero {@code rejectReason} (throttled like opportunities), so the opportunity stream
 * counts its refusals by reason. Delisted pairs never signal.
 */
public final class ArbitrageDetector {
    private final DetectorRules s;
    private final double[] feesBps = new double[VenuePair.COUNT];
    private final double[] transferBps = new double[VenuePair.COUNT];

    public ArbitrageDetector(DetectorRules settings) {
        this.s = settings;
        for (int p = 0; p < VenuePair.COUNT; p++) {
            feesBps[p] = settings.roundTripFeesBps(p);
            transferBps[p] = settings.transferCostBps(p);
        }
    }

    /**
     * Evaluates one venue pair of the book at event time {@code now}.
     *
     * @return true if an opportunity was written into {@code out}
     */
    public boolean evaluate(SpreadBook b, int pair, double basisBps, double z, long now, int gate, OutputRecord out) {
        PairState ps = b.pairs[pair];
        long bidA = b.bidA(pair);
        long askA = b.askA(pair);
        if (Double.isNaN(z) || Math.abs(z) < s.minAbsZ() || b.delisted
                || bidA == FixedPoint.NULL || askA == FixedPoint.NULL) {
            ps.activeDirection = 0;
            return false;
        }
        int direction;
        long pxA;
        long pxB;
        double gross;
        if (z > 0) {
            direction = OutputRecord.SHORT_PERP_LONG_SPOT;
            pxA = bidA;
            pxB = b.buyB(pair);
            gross = (double) (pxA - pxB) / pxB * 10_000.0;
        } else {
            direction = OutputRecord.LONG_PERP_SHORT_SPOT;
            pxA = askA;
            pxB = b.sellB(pair);
            gross = (double) (pxB - pxA) / pxB * 10_000.0;
        }
        double costs = feesBps[pair] + transferBps[pair];
        double net = gross - costs;
        if (net < s.minNetEdgeBps()) {
            ps.activeDirection = 0;
            return false;
        }
        long delay = s.transferDelayNanos(pair, direction);
        if (delay > 0 && s.transferRiskSigmas() > 0) {
            // Only once the edge beats the fixed costs: the volatility is a loop over the window.
            double risk = transferRiskBps(b, delay);
            costs += risk;
            net -= risk;
            if (!(net >= s.minNetEdgeBps())) {
                ps.activeDirection = 0;
                return false;
            }
        }
        int refusal = gate != 0 ? gate : tradeGate(b, pair, now);
        if (refusal != 0) {
            ps.activeDirection = 0;
            if (ps.lastRefusalNanos != SpreadBook.NEVER && now - ps.lastRefusalNanos < s.opportunityIntervalNanos()) {
                return false;
            }
            ps.lastRefusalNanos = now;
            fill(out, pair, direction, pxA, pxB, gross, net, costs, z, basisBps);
            out.rejectReason = refusal;
            return true;
        }
        boolean repeatDue = ps.lastOpportunityNanos == SpreadBook.NEVER
                || now - ps.lastOpportunityNanos >= s.opportunityIntervalNanos();
        if (ps.activeDirection == direction && !repeatDue) {
            return false;
        }
        ps.activeDirection = direction;
        ps.lastOpportunityNanos = now;
        fill(out, pair, direction, pxA, pxB, gross, net, costs, z, basisBps);
        return true;
    }

    /**
     * The price risk of holding the bought leg through a transfer, in bps: {@code risk-sigmas} standard deviations of
     * the perp mid's realised volatility over the delay. No volatility measured yet (under two returns) is no
     * evidence of a calm market: the edge is refused (infinite risk) rather than priced at zero.
     */
    private double transferRiskBps(SpreadBook b, long delayNanos) {
        double perSqrtSecond = b.midVolatility.perSqrtSecond();
        if (Double.isNaN(perSqrtSecond)) {
            return Double.POSITIVE_INFINITY;
        }
        return VenuePair.transferRiskBps(s.transferRiskSigmas(), perSqrtSecond, delayNanos);
    }

    private static void fill(OutputRecord out, int pair, int direction, long pxA, long pxB, double gross, double net,
                             double costs, double z, double basisBps) {
        out.pair = pair;
        out.direction = direction;
        out.spotPx = pxB;
        out.perpPx = pxA;
        out.grossBps = gross;
        out.netBps = net;
        out.feesBps = costs;
        out.z = z;
        out.basisBps = basisBps;
    }

    /**
     * Whether the pair's mid legs may feed statistics and signals at {@code now}: 0, or the refusal reason (a
     * fallback source first, then a stale spot, then a stale perp mid). Jupiter's age is held to
     * {@code max-spot-age}, the perp's and Hyperliquid spot's to {@code max-perp-age}; a stale Hyperliquid spot leg
     * B is {@code stale-spot}, a stale Hyperliquid spot leg A {@code stale-perp}.
     */
    public int gate(SpreadBook b, int pair, long now) {
        if (s.isFallback(b.sourceB(pair)) || s.isFallback(b.midSourceA(pair))) {
            return OutputRecord.GATE_FALLBACK_SOURCE;
        }
        long maxB = SpreadBook.legBIsBook(pair) ? s.maxPerpAgeNanos() : s.maxSpotAgeNanos();
        if (now - b.timeB(pair) > maxB) {
            return OutputRecord.GATE_STALE_SPOT;
        }
        if (now - b.midTimeA(pair) > s.maxPerpAgeNanos()) {
            return OutputRecord.GATE_STALE_PERP;
        }
        return 0;
    }

    /** The executable leg A price (bid/ask) must be fresh and from an allowed source too. */
    private int tradeGate(SpreadBook b, int pair, long now) {
        if (s.isFallback(b.quoteSourceA(pair))) {
            return OutputRecord.GATE_FALLBACK_SOURCE;
        }
        return now - b.quoteTimeA(pair) > s.maxPerpAgeNanos() ? OutputRecord.GATE_STALE_PERP : 0;
    }
}
