package io.perpspot.engine.pipeline;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;

/**
 * How the {@link Pipeline} is built: the ring, the consumer's wait, the overload policy, engine
 * latency recording and what a failing journal does.
 *
 * @param ringSize           ring slots, a power of two ({@code ring.size})
 * @param waitStrategy       the consumer's wait ({@code ring.wait-strategy}, see
 *                           {@link io.perpspot.engine.ring.WaitStrategies})
 * @param overflowCapacity   the publisher's FIFO of never-dropped events ({@code ring.overflow-capacity});
 *                           0 for the plain drop-and-count policy of tools, tests and benchmarks
 * @param latencyPeriodNanos wall time between engine-latency snapshots
 *                           ({@code latency.internal.interval}); 0: off
 * @param pauseOnError       {@code journal.on-error}: pause (retry, then recover and resume) or exit
 * @param retryNanos         pause mode: how often an append is tried again ({@code journal.retry-interval})
 */
public record PipelineSettings(int ringSize, String waitStrategy, int overflowCapacity, long latencyPeriodNanos,
                               boolean pauseOnError, long retryNanos) {
    private static final long DEFAULT_RETRY_NANOS = 5_000_000_000L;

    /** The engine's pipeline, from the configuration. */
    public static PipelineSettings from(Config config) {
        return new PipelineSettings(config.get(Settings.RING_SIZE), config.get(Settings.RING_WAIT),
                config.get(Settings.RING_OVERFLOW), config.get(Settings.LATENCY_INTERNAL_INTERVAL).toNanos(),
                config.get(Settings.JOURNAL_ON_ERROR).equals("pause"), config.get(Settings.JOURNAL_RETRY).toNanos());
    }

    /**
     * A plain pipeline (tools, tests, benchmarks): drop-and-count when the ring is full, no engine
     * latency, a journal failure stops ingestion.
     */
    public static PipelineSettings plain(int ringSize, String waitStrategy) {
        return new PipelineSettings(ringSize, waitStrategy, 0, 0, false, DEFAULT_RETRY_NANOS);
    }

    /** The same with engine-latency snapshots every {@code periodNanos} of wall time. */
    public PipelineSettings withLatency(long periodNanos) {
        return new PipelineSettings(ringSize, waitStrategy, overflowCapacity, periodNanos, pauseOnError, retryNanos);
    }

    /** The same with the engine's overload policy and a FIFO of {@code capacity} events. */
    public PipelineSettings withOverflow(int capacity) {
        return new PipelineSettings(ringSize, waitStrategy, capacity, latencyPeriodNanos, pauseOnError, retryNanos);
    }

    /** The same with journal-failure handling: pause (retry every {@code retry}) or exit. */
    public PipelineSettings withJournalFailure(boolean pause, long retry) {
        return new PipelineSettings(ringSize, waitStrategy, overflowCapacity, latencyPeriodNanos, pause, retry);
    }
}
