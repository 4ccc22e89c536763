package io.perpspot.engine.exec;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A latency distribution given as a percentile table (e.g. from a benchmark report): the
 * inverse CDF is linear between the points, so a uniform draw maps to a latency. The table
 * must start at percentile 0 and end at 100, with percentiles and latencies non-decreasing.
 */
public final class EmpiricalLatency implements LatencySampler {
    private final double[] quantile;
    private final long[] nanos;

    /**
     * @param percentiles in [0, 100], strictly increasing, first 0 and last 100
     * @param latencyNanos the latency at each percentile, non-decreasing, >= 0
     */
    public EmpiricalLatency(double[] percentiles, long[] latencyNanos) {
        if (percentiles.length != latencyNanos.length || percentiles.length < 2) {
            throw new IllegalArgumentException("latency table: needs at least two points (percentile 0 and 100)");
        }
        if (percentiles[0] != 0 || percentiles[percentiles.length - 1] != 100) {
            throw new IllegalArgumentException("latency table: must start at percentile 0 and end at 100");
        }
        for (int i = 0; i < percentiles.length; i++) {
            if (latencyNanos[i] < 0) {
                throw new IllegalArgumentException("latency table: latencies must be >= 0");
            }
            if (i > 0 && (percentiles[i] <= percentiles[i - 1] || latencyNanos[i] < latencyNanos[i - 1])) {
                throw new IllegalArgumentException("latency table: percentiles must increase and latencies must not "
                        + "decrease");
            }
        }
        quantile = new double[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            quantile[i] = percentiles[i] / 100.0;
        }
        nanos = latencyNanos.clone();
    }

    /** The latency at probability {@code u} in [0, 1]. */
    public long quantileNanos(double u) {
        int i = Arrays.binarySearch(quantile, u);
        if (i >= 0) {
            return nanos[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (u - quantile[lo]) / (quantile[hi] - quantile[lo]);
        return Math.round(nanos[lo] + f * (nanos[hi] - nanos[lo]));
    }

    @Override
    public long sampleNanos(SplittableRandom rng) {
        return quantileNanos(rng.nextDouble());
    }
}
