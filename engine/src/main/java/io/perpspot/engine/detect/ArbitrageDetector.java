package io.perpspot.engine.detect;

import io.perpspot.engine.journal.OutputRecord;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.StrategySettings;

/**
 * Decides whether a token's basis is an opportunity. Reads a {@link SpreadBook} and its
 * Z-score; writes the opportunity fields of an {@link OutputRecord}.
 *
 * <p>The dislocation's sign picks the direction: z ≥ +threshold means the perp is rich, so
 * sell the perp at its bid and buy spot; z ≤ −threshold means the reverse, buying the perp at
 * its ask. The gross edge is the executable basis in that direction; the net edge subtracts
 * the round-trip fees (both legs, entry and exit). A signal is published when it starts and
 * then at most once per {@code opportunity-interval} while it lasts.
 */
public final class ArbitrageDetector {
    private final StrategySettings s;
    private final double feesBps;

    public ArbitrageDetector(StrategySettings settings) {
        this.s = settings;
        this.feesBps = settings.roundTripFeesBps();
    }

    /**
     * Evaluates the book at event time {@code now}.
     *
     * @return true if an opportunity was written into {@code out}
     */
    public boolean evaluate(SpreadBook b, double basisBps, double z, long now, OutputRecord out) {
        if (Double.isNaN(z) || Math.abs(z) < s.minAbsZ() || now - b.perpBidAskTime > s.maxPerpAgeNanos()) {
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
        boolean repeatDue = b.lastOpportunityNanos == SpreadBook.NEVER
                || now - b.lastOpportunityNanos >= s.opportunityIntervalNanos();
        if (b.activeDirection == direction && !repeatDue) {
            return false;
        }
        b.activeDirection = direction;
        b.lastOpportunityNanos = now;
        out.direction = direction;
        out.spotPx = b.spotPx;
        out.perpPx = perpPx;
        out.grossBps = gross;
        out.netBps = net;
        out.feesBps = feesBps;
        out.z = z;
        out.basisBps = basisBps;
        return true;
    }
}
