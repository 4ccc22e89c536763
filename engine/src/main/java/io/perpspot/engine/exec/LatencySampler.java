package io.perpspot.engine.exec;

import java.util.SplittableRandom;

/**
 * A distribution of one execution leg's latency (Solana confirmation, Hyperliquid
 * acknowledgement), sampled by the Monte Carlo. Implementations come from configuration
 * (a parametric distribution) or are fitted from observed latencies (an HdrHistogram).
 * Sampling must be deterministic for a given random generator state and must not allocate.
 */
public interface LatencySampler {
    /**
     * One latency draw in nanoseconds, {@code >= 0}, from {@code rng} alone: the same generator state gives the
     * same draw. Called by several Monte Carlo threads at once, each with its own generator, so an implementation
     * keeps no mutable state; allocation-free.
     */
    long sampleNanos(SplittableRandom rng);
}
