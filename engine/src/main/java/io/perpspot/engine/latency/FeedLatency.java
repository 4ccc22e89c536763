package io.perpspot.engine.latency;

import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.MarketEvent;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Feed latency as part of the strategy's fold: for each input event whose venue gave a
 * timestamp, {@code recvNanos − exchTimeMs × 10⁶} goes into the histogram of its source; every
 * {@code strategy.latency.snapshot-interval} of event time (boundaries at multiples of the
 * interval since the epoch) the non-empty histograms are handed out as snapshots and cleared.
 *
 * <p>A pure function of the input sequence (event times only, never the wall clock), so the
 * snapshots belong in the output queue and replay reproduces them. The last, incomplete interval
 * of a run is not journaled: nothing in the input says it ended. Allocation-free per event
 * (histograms are created on a source's first value).
 */
public final class FeedLatency {
    private static final long NOT_STARTED = Long.MIN_VALUE;
    /** Exchange times beyond this many ms would overflow in nanoseconds. */
    private static final long MAX_MS = Long.MAX_VALUE / 1_000_000L;

    private final SourceHistograms histograms = new SourceHistograms(LatencyKind.FEED);
    private long periodNanos;
    private long nextNanos = NOT_STARTED;

    /** A new run: forgets everything; {@code periodNanos ≤ 0} switches recording off. */
    public void start(long periodNanos) {
        this.periodNanos = periodNanos;
        this.nextNanos = NOT_STARTED;
        histograms.reset(0);
    }

    /**
     * Called before {@link #record} with each event's time: true when the current interval
     * ended before {@code nowNanos}, and the caller should {@link #snapshot} each source that
     * {@link #hasData} and then {@link #roll}.
     */
    public boolean due(long nowNanos) {
        if (periodNanos <= 0) {
            return false;
        }
        if (nextNanos == NOT_STARTED) {
            roll(nowNanos);
            return false;
        }
        return nowNanos >= nextNanos;
    }

    /** Records the feed latency of {@code e} if its venue gave a timestamp. */
    public void record(MarketEvent e) {
        if (periodNanos <= 0 || e.exchTimeMs <= 0) {
            return;
        }
        long latency = e.exchTimeMs > MAX_MS ? -1 : e.recvNanos - e.exchTimeMs * 1_000_000L;
        histograms.record(e.source, latency);
    }

    /** True if {@code source} recorded a value (or counted an out-of-range one) in the current interval. */
    public boolean hasData(int source) {
        return histograms.hasData(source);
    }

    /** The ended interval of {@code source}: from its start to the boundary that ended it. */
    public void snapshot(int source, LatencySnapshot snap) {
        histograms.snapshot(source, nextNanos, snap);
    }

    /** Adds the ended interval of {@code source} to {@code figures} (the metrics endpoint's; once per interval). */
    public void addTo(int source, LatencyFigures figures) {
        histograms.addTo(source, figures);
    }

    /** Appends the state (period, next boundary, open interval), for state snapshots. */
    public void writeState(Bytes<?> b, LatencySnapshot scratch) {
        b.writeLong(periodNanos);
        b.writeLong(nextNanos);
        histograms.writeState(b, scratch);
    }

    /** Reads what {@link #writeState} wrote. */
    public void readState(Bytes<?> b, LatencySnapshot scratch) {
        periodNanos = b.readLong();
        nextNanos = b.readLong();
        histograms.readState(b, scratch);
    }

    /** Starts the interval that holds {@code nowNanos}. */
    public void roll(long nowNanos) {
        long start = Math.floorDiv(nowNanos, periodNanos) * periodNanos;
        histograms.reset(start);
        nextNanos = start + periodNanos;
    }
}
