package io.perpspot.engine.metrics;

import io.perpspot.engine.core.Source;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * When each source's frame counter, and the consumer's journaled counter, last moved: sampled by
 * the metrics server a few times a second from counters the engine already keeps, so the data
 * age costs nothing on the path of an event. Thread-safe.
 */
final class Freshness {
    private static final long NEVER = Long.MIN_VALUE;

    private final long[] lastCount = new long[Source.COUNT];
    private final long[] lastMoved = new long[Source.COUNT];
    private long consumerCount = -1;
    private long consumerMoved;
    private final LongSupplier nanos;

    Freshness(LongSupplier nanos) {
        this.nanos = nanos;
        Arrays.fill(lastMoved, NEVER);
        consumerMoved = nanos.getAsLong();
    }

    /** Takes one sample of {@code frames(source)} for every source and of the consumer's count. */
    synchronized void sample(FramesBySource frames, long journaled) {
        long now = nanos.getAsLong();
        for (int s = 0; s < Source.COUNT; s++) {
            long n = frames.frames(s);
            if (n != lastCount[s]) {
                lastCount[s] = n;
                lastMoved[s] = now;
            }
        }
        if (journaled != consumerCount) {
            consumerCount = journaled;
            consumerMoved = now;
        }
    }

    /** Seconds since {@code source} last sent a frame, or NaN if it never did. */
    synchronized double ageSeconds(int source) {
        long t = lastMoved[source];
        return t == NEVER ? Double.NaN : (nanos.getAsLong() - t) / 1e9;
    }

    /** Seconds since the consumer last journaled an event (or since the first sample). */
    synchronized double consumerIdleSeconds() {
        return (nanos.getAsLong() - consumerMoved) / 1e9;
    }

    /** The frame counter of a source. */
    interface FramesBySource {
        long frames(int source);
    }
}
