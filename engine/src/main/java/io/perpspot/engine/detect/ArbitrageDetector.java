package io.perpspot.engine.detect;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.spread.SpreadBook;

/**
 * Decides whether a token's basis is an opportunity. Reads a {@link SpreadBook} and its
 * Z-score; writes the opportunity fields of an {@link OutputRecord}.
 *
 * <p>The dislocation's sign picks the direction: z ≥ +threshold means the perp is rich, so
 * sell the perp at its bid and buy spot; z ≤ −threshold means the reverse, buying the perp at
 * its ask. The gross edge is the executable basis in that direction; the net edge subtracts
 * the round-trip fees (both legs, entry and exit). A signal is published when it starts and
 * then at most once per {@code opportunity-interval} while it lasts.
 *
 * <p>Source gating: every leg carries its source and age. A would-be opportunity whose legs are
 * older than {@code max-spot-age} / {@code max-perp-age}, or come from a source listed in
 * {@code strategy.gate.fallback-sources}, is refused: it is written as an Opportunity with a
 * non-zero {@code rejectReason} (throttled like opportunities), so the opportunity stream
 * counts its refusals by reason. Delisted pairs never signal.
 */
public final class ArbitrageDetector {
    private final DetectorRules s;
    private final double feesBps;

    public ArbitrageDetector(DetectorRules settings) {
        this.s = settings;
        this.feesBps = settings.roundTripFeesBps();
    }

    /**
     * Evaluates the book at event time {@code now}.
     *
     * @return true if an opportunity was written into {@code out}
     */
    public boolean evaluate(SpreadBook b, double basisBps, double z, long now, int gate, OutputRecord out) {
        if (Double.isNaN(z) || Math.abs(z) < s.minAbsZ() || b.delisted
                || b.perpBid == FixedPoint.NULL || b.perpAsk == FixedPoint.NULL) {
            b.activeDirection = 0;
            return false;
        }
        int direction;
        long perpPx;
        double gross;
        if (z > 0) {
            direction = OutputRecord.SHORT_PERP_LONG_SPOT;
            perpPx = b.perpBid;
            gross = (double) (perpPx - b.spotPx) / b.spotPx * 10_000.0;
        } else {
            direction = OutputRecord.LONG_PERP_SHORT_SPOT;
            perpPx = b.perpAsk;
            gross = (double) (b.spotPx - perpPx) / b.spotPx * 10_000.0;
        }
        double net = gross - feesBps;
        if (net < s.minNetEdgeBps()) {
            b.activeDirection = 0;
            return false;
        }
        int refusal = gate != 0 ? gate : tradeGate(b, now);
        if (refusal != 0) {
            b.activeDirection = 0;
            if (b.lastRefusalNanos != SpreadBook.NEVER && now - b.lastRefusalNanos < s.opportunityIntervalNanos()) {
                return false;
            }
            b.lastRefusalNanos = now;
            fill(out, direction, b, perpPx, gross, net, z, basisBps);
            out.rejectReason = refusal;
            return true;
        }
        boolean repeatDue = b.lastOpportunityNanos == SpreadBook.NEVER
                || now - b.lastOpportunityNanos >= s.opportunityIntervalNanos();
        if (b.activeDirection == direction && !repeatDue) {
            return false;
        }
        b.activeDirection = direction;
        b.lastOpportunityNanos = now;
        fill(out, direction, b, perpPx, gross, net, z, basisBps);
        return true;
    }

    private void fill(OutputRecord out, int direction, SpreadBook b, long perpPx, double gross, double net, double z,
                      double basisBps) {
        out.direction = direction;
        out.spotPx = b.spotPx;
        out.perpPx = perpPx;
        out.grossBps = gross;
        out.netBps = net;
        out.feesBps = feesBps;
        out.z = z;
        out.basisBps = basisBps;
    }

    /**
     * Whether the spread's mid legs may feed statistics and signals at {@code now}: 0, or the
     * refusal reason (a fallback source first, then a stale spot, then a stale perp mid).
     */
    public int gate(SpreadBook b, long now) {
        if (s.isFallback(b.spotSource) || s.isFallback(b.perpSource)) {
            return OutputRecord.GATE_FALLBACK_SOURCE;
        }
        if (now - b.spotTime > s.maxSpotAgeNanos()) {
            return OutputRecord.GATE_STALE_SPOT;
        }
        if (now - b.perpMidTime > s.maxPerpAgeNanos()) {
            return OutputRecord.GATE_STALE_PERP;
        }
        return 0;
    }

    /** The executable perp price (bid/ask) must be fresh and from an allowed source too. */
    private int tradeGate(SpreadBook b, long now) {
        if (s.isFallback(b.perpBidAskSource)) {
            return OutputRecord.GATE_FALLBACK_SOURCE;
        }
        return now - b.perpBidAskTime > s.maxPerpAgeNanos() ? OutputRecord.GATE_STALE_PERP : 0;
    }
}
