package io.perpspot.bench.wire;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.latency.LatencyRecorder;
import org.HdrHistogram.Histogram;

/**
 * The engine's stage instants of one run, on the consumer thread: for each Hyperliquid event of the run
 * (its sequence number is its exchange time minus the generator's time base; an activeAssetCtx, which
 * has no time, is the frame after the last numbered one), the intended send time from the
 * {@link Schedule}, then send → received (the Netty handler's stamp, {@code recvNanos}), send →
 * journaled, send → processed (the strategy done) and send → opportunity written; and the engine's own
 * part without the generator's send lag, received → journaled and received → processed (both stamps on
 * the ring's clock). Events due in the warm-up are counted, not recorded. Read the figures after the run has drained.
 */
final class StageProbe implements LatencyRecorder.StageProbe {
    static final long HIGHEST = 60_000_000_000L;

    final Histogram received = new Histogram(HIGHEST, 3);
    final Histogram journaled = new Histogram(HIGHEST, 3);
    final Histogram processed = new Histogram(HIGHEST, 3);
    final Histogram opportunity = new Histogram(HIGHEST, 3);
    /** The engine's own part, free of the generator's send lag: the Netty handler's stamp → journaled. */
    final Histogram receivedToJournaled = new Histogram(HIGHEST, 3);
    /** The same to the strategy done. */
    final Histogram receivedToProcessed = new Histogram(HIGHEST, 3);
    private long currentRecv;
    private final Schedule schedule;
    private final long timeBase;
    private final long recordFrom;
    /** The ring's clock minus System.nanoTime(), taken at the first event (the ring's clock is an offset of it). */
    private long offset = Long.MIN_VALUE;
    private long lastSeq = -1;
    private long currentSeq = -1;
    private volatile long journaledCount;
    private long count;

    StageProbe(Schedule schedule, long timeBase, long warmupNanos) {
        this.schedule = schedule;
        this.timeBase = timeBase;
        this.recordFrom = schedule.startNanos() + warmupNanos;
    }

    @Override
    public void journaled(MarketEvent e, long nowNanos) {
        currentSeq = -1;
        if (e.source != Source.HL_WS_MAINNET) {
            return;
        }
        long seq;
        if (e.type == EventType.PERP_BBO || e.type == EventType.PERP_BOOK) {
            seq = e.exchTimeMs - timeBase;
        } else if (e.type == EventType.PERP_CTX && lastSeq >= 0) {
            seq = lastSeq + 1;
        } else {
            return;
        }
        if (!schedule.contains(seq)) {
            return;
        }
        lastSeq = seq;
        currentSeq = seq;
        journaledCount = ++count;
        if (offset == Long.MIN_VALUE) {
            offset = nowNanos - System.nanoTime();
        }
        long intended = schedule.due(seq) + offset;
        if (intended - offset >= recordFrom) {
            received.recordValue(clamp(e.recvNanos - intended));
            journaled.recordValue(clamp(nowNanos - intended));
            receivedToJournaled.recordValue(clamp(nowNanos - e.recvNanos));
        }
        currentRecv = e.recvNanos;
    }

    @Override
    public void processed(MarketEvent e, long nowNanos, boolean wroteOpportunity) {
        long seq = currentSeq;
        if (seq < 0 || offset == Long.MIN_VALUE) {
            return;
        }
        long intendedMono = schedule.due(seq);
        if (intendedMono >= recordFrom) {
            long l = clamp(nowNanos - offset - intendedMono);
            processed.recordValue(l);
            receivedToProcessed.recordValue(clamp(nowNanos - currentRecv));
            if (wroteOpportunity) {
                opportunity.recordValue(l);
            }
        }
    }

    /** Events of the run journaled so far (any thread). */
    long journaledCount() {
        return journaledCount;
    }

    private static long clamp(long v) {
        return Math.max(0, Math.min(v, HIGHEST));
    }
}
