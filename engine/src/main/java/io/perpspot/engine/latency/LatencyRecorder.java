package io.perpspot.engine.latency;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.journal.JournalHandler;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The engine's own latency, per source, by the wall clock of the ring (the clock that stamped
 * {@link MarketEvent#recvNanos}): receive → journaled for every market event, and receive →
 * opportunity written for the events that produced one. Runs on the consumer thread, beside the
 * {@link JournalHandler} and the strategy, never inside the strategy's fold.
 *
 * <p>Reads ring events after each handler; writes, every {@code latency.internal-interval} of
 * wall time and when the consumer stops, one LatencySnapshot input record (EventType 12) per
 * source and kind with data, through the journal handler's appender. These are measurements, not
 * market input: the strategy ignores them, so replay is unaffected. Allocation-free per event
 * (a source's histogram is created on its first value).
 */
public final class LatencyRecorder {
    private final EpochNanoClock clock;
    private final long periodNanos;
    private final JournalHandler journal;
    private final SourceHistograms journaled = new SourceHistograms(LatencyKind.JOURNAL);
    private final SourceHistograms opportunity = new SourceHistograms(LatencyKind.OPPORTUNITY);
    private final LatencyFigures figures;
    private final LatencySnapshot snapshot = new LatencySnapshot();
    private long nextNanos = Long.MIN_VALUE;
    private long snapshots;
    private volatile StageProbe probe;

    /**
     * Seam for the benchmarks' wire harness: told each market event's stage instants (the ring's clock,
     * as {@link MarketEvent#recvNanos}) on the consumer thread. Nothing but a null check when unset.
     */
    public interface StageProbe {
        /** {@code e} was journaled at {@code nowNanos}. */
        void journaled(MarketEvent e, long nowNanos);

        /** The strategy finished {@code e} at {@code nowNanos}; {@code wroteOpportunity} if it wrote one for it. */
        void processed(MarketEvent e, long nowNanos, boolean wroteOpportunity);
    }

    /**
     * @param periodNanos wall time between snapshots, {@code > 0}
     */
    public LatencyRecorder(EpochNanoClock clock, long periodNanos, JournalHandler journal) {
        this(clock, periodNanos, journal, new LatencyFigures());
    }

    /**
     * @param periodNanos wall time between snapshots, {@code > 0}
     * @param figures     where each journaled interval is added, for the metrics endpoint
     */
    public LatencyRecorder(EpochNanoClock clock, long periodNanos, JournalHandler journal, LatencyFigures figures) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("latency snapshot period must be > 0: " + periodNanos);
        }
        this.clock = clock;
        this.periodNanos = periodNanos;
        this.journal = journal;
        this.figures = figures;
    }

    /** After the journal handler appended {@code e}: its receive → journaled latency. */
    public void onJournaled(MarketEvent e) {
        if (!EventType.isMarketData(e.type)) {
            return;
        }
        long now = clock.nanoTime();
        if (nextNanos == Long.MIN_VALUE) {
            start(now);
        } else if (now >= nextNanos) {
            flush(now);
        }
        journaled.record(e.source, now - e.recvNanos);
        StageProbe p = probe;
        if (p != null) {
            p.journaled(e, now);
        }
    }

    /** After the strategy handled {@code e}; {@code wroteOpportunity} if it wrote one for it. */
    public void onStrategy(MarketEvent e, boolean wroteOpportunity) {
        StageProbe p = probe;
        if (p != null && EventType.isMarketData(e.type)) {
            long now = clock.nanoTime();
            p.processed(e, now, wroteOpportunity);
            if (wroteOpportunity && nextNanos != Long.MIN_VALUE) {
                opportunity.record(e.source, now - e.recvNanos);
            }
            return;
        }
        if (wroteOpportunity && nextNanos != Long.MIN_VALUE) {
            opportunity.record(e.source, clock.nanoTime() - e.recvNanos);
        }
    }

    /** Sets (or with null removes) the {@link StageProbe}; any thread, seen by the consumer from its next event. */
    public void probe(StageProbe p) {
        probe = p;
    }

    /** Journals what was recorded since the last snapshot (on the consumer thread, e.g. at stop). */
    public void flush() {
        if (nextNanos != Long.MIN_VALUE) {
            flush(clock.nanoTime());
        }
    }

    private void flush(long now) {
        write(journaled, now);
        write(opportunity, now);
        start(now);
    }

    private void write(SourceHistograms h, long now) {
        for (int source = 0; source < SourceHistograms.SOURCES; source++) {
            if (h.hasData(source)) {
                h.snapshot(source, now, snapshot);
                journal.appendLatency(snapshot, now);
                h.addTo(source, figures);
                snapshots++;
            }
        }
    }

    private void start(long now) {
        journaled.reset(now);
        opportunity.reset(now);
        nextNanos = now + periodNanos;
    }

    /** The intervals so far, for the metrics endpoint (any thread). */
    public LatencyFigures figures() {
        return figures;
    }

    /** LatencySnapshot records journaled. */
    public long snapshots() {
        return snapshots;
    }
}
