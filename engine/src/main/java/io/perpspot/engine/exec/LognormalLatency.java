package io.perpspot.engine.exec;

import java.util.SplittableRandom;

/**
 * A lognormal latency through two percentiles: the median is {@code p50} and the 99th
 * percentile {@code p99}, so {@code ln L ~ N(ln p50, σ²)} with
 * {@code σ = (ln p99 − ln p50) / z₀.₉₉}. Latencies are right-skewed and positive, which a
 * lognormal captures with the two numbers people actually quote. {@code p50 == p99} is a constant.
 */
public final class LognormalLatency implements LatencySampler {
    /** Φ⁻¹(0.99). */
    public static final double Z99 = 2.3263478740408408;

    private final double mu;
    private final double sigma;
    private final long p50;
    private final long p99;

    public LognormalLatency(long p50Nanos, long p99Nanos) {
        if (p50Nanos <= 0) {
            throw new IllegalArgumentException("latency p50: must be > 0, got " + p50Nanos + " ns");
        }
        if (p99Nanos < p50Nanos) {
            throw new IllegalArgumentException("latency p99: must be >= p50 (" + p50Nanos + " ns), got " + p99Nanos
                    + " ns");
        }
        this.p50 = p50Nanos;
        this.p99 = p99Nanos;
        this.mu = Math.log(p50Nanos);
        this.sigma = (Math.log(p99Nanos) - mu) / Z99;
    }

    @Override
    public long sampleNanos(SplittableRandom rng) {
        return Math.round(Math.exp(mu + sigma * Gaussian.next(rng)));
    }

    /** The median latency it was built from, in nanoseconds. */
    public long p50Nanos() {
        return p50;
    }

    /** The 99th-percentile latency it was built from, in nanoseconds. */
    public long p99Nanos() {
        return p99;
    }

    /** σ of ln L. */
    public double sigma() {
        return sigma;
    }
}
