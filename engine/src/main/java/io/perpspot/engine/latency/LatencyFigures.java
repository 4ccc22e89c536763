package io.perpspot.engine.latency;

import io.perpspot.engine.core.LatencyKind;
import org.HdrHistogram.Histogram;

/**
 * The engine latencies for the metrics endpoint: per kind and source, the quantiles of the last
 * interval and the count and sum over the run. The consumer adds one interval per source when it
 * journals a LatencySnapshot (journal, opportunity) or the strategy writes a Latency record (feed):
 * once per period, not per event; any thread reads.
 */
public final class LatencyFigures {
    /** The quantiles kept of each interval (1.0: the maximum). */
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 1.0};
    private static final int KINDS = LatencyKind.OPPORTUNITY + 1;
    private static final int FIELDS = 2 + QUANTILES.length;

    private final long[] values = new long[KINDS * SourceHistograms.SOURCES * FIELDS];

    /** The quantiles each interval keeps, in order. */
    public static double quantile(int i) {
        return QUANTILES[i];
    }

    /** How many quantiles each interval keeps. */
    public static int quantiles() {
        return QUANTILES.length;
    }

    /** Adds one interval of {@code kind} and {@code source} (consumer thread; allocation-free). */
    synchronized void add(int kind, int source, Histogram h) {
        int at = slot(kind, source);
        long n = h.getTotalCount();
        values[at] += n;
        values[at + 1] += (long) (h.getMean() * n);
        for (int i = 0; i < QUANTILES.length; i++) {
            values[at + 2 + i] = h.getValueAtPercentile(QUANTILES[i] * 100);
        }
    }

    /**
     * Copies the figures of {@code kind} and {@code source} into {@code out}: count, sum of the
     * values in nanoseconds, then the last interval's quantiles in nanoseconds ({@link #quantiles}).
     * Returns false if nothing was recorded for them.
     */
    public synchronized boolean read(int kind, int source, long[] out) {
        int at = slot(kind, source);
        if (values[at] == 0) {
            return false;
        }
        System.arraycopy(values, at, out, 0, FIELDS);
        return true;
    }

    private static int slot(int kind, int source) {
        return (kind * SourceHistograms.SOURCES + (source & (SourceHistograms.SOURCES - 1))) * FIELDS;
    }
}
