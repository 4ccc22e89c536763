package io.perpspot.bench.harness;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One pipeline under load: the producer thread offers frames ({@link #offer}), one consumer
 * thread journals each event, runs the strategy and then records the event's latency.
 *
 * <p><b>Latency.</b> The load generator stamps each frame with its <em>intended</em> send time
 * on a fixed-rate schedule (carried in {@code recvNanos}, which is the strategy's clock, shifted
 * to epoch nanoseconds). After the strategy has processed the event, the consumer records
 * {@code System.nanoTime() - intended}. Measuring from the schedule, not from when the producer
 * actually got to the frame, is the coordinated-omission correction: when anything stalls, the
 * frames that should have been sent meanwhile carry the stall in their latency.
 * Histograms are recorded on the consumer thread only and read after it has drained.
 */
public abstract class Pipeline implements AutoCloseable {
    /** Highest latency tracked (longer ones are clamped to it and counted). */
    static final long HIGHEST_NANOS = 60_000_000_000L;

    /** Epoch nanoseconds minus System.nanoTime(): turns a schedule instant into event time. */
    protected final long epochOffset;
    private final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram opportunityLatency = new Histogram(HIGHEST_NANOS, 3);
    private final AtomicLong processed = new AtomicLong();
    private long processedPlain;
    private long clamped;
    /** Events intended before this instant (System.nanoTime) are warm-up: not recorded. */
    private volatile long recordFrom = Long.MAX_VALUE;

    protected Pipeline(long epochOffset) {
        this.epochOffset = epochOffset;
    }

    /** Events published while setting up (EngineStart and the TokenDefs), before any frame. */
    protected int setupEvents;

    /** Engine events published at construction; the load starts after the consumer handled them. */
    public int setupEvents() {
        return setupEvents;
    }

    /** Short name: fullPath or baseline. */
    public abstract String name();

    /** Decodes a frame on the calling (producer) thread and hands its event(s) to the consumer. */
    public abstract void offer(byte[] frame, boolean jupiter, long intendedNanoTime);

    /** Market events refused because the ring or queue was full. */
    public abstract long dropped();

    /** Frames the decoder rejected. */
    public abstract long rejected();

    /** Events published but not yet taken by the consumer. */
    public abstract long backlog();

    /** The consumer's failure, or null. */
    public abstract Throwable failure();

    /** The consumer thread (for its allocation counter). */
    public abstract Thread consumerThread();

    /** Input records journaled, output records written (for the summary). */
    public abstract long journaled();

    /** Output records the strategy wrote (opportunities, spreads, snapshots) during the run. */
    public abstract long outputs();

    /** Called by the consumer after the journal and the strategy handled the event. */
    protected final void processed(MarketEvent e, boolean opportunity) {
        if (EventType.isMarketData(e.type)) {
            long intended = e.recvNanos - epochOffset;
            if (intended >= recordFrom) {
                long l = System.nanoTime() - intended;
                if (l > HIGHEST_NANOS) {
                    l = HIGHEST_NANOS;
                    clamped++;
                }
                latency.recordValue(Math.max(l, 0));
                if (opportunity) {
                    opportunityLatency.recordValue(Math.max(l, 0));
                }
            }
        }
        processed.lazySet(++processedPlain);
    }

    /** Every event the consumer finished, including engine events and warm-up. */
    public long processed() {
        return processed.get();
    }

    /** Starts recording events intended at or after {@code nanoTime}. */
    public void recordFrom(long nanoTime) {
        recordFrom = nanoTime;
    }

    /** Receive-to-strategy-processed latency of every measured event (read after draining). */
    public Histogram latency() {
        return latency;
    }

    /** The same for events that produced an opportunity. */
    public Histogram opportunityLatency() {
        return opportunityLatency;
    }

    /** Latencies above the highest tracked value, recorded as that value (see the histogram bound). */
    public long clamped() {
        return clamped;
    }

    @Override
    public abstract void close();
}
