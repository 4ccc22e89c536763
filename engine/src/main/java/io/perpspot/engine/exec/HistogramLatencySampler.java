package io.perpspot.engine.exec;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * An execution-leg latency distribution fitted from what was observed: inverse-CDF sampling over
 * a recorded {@link Histogram} (nanoseconds), optionally scaled and shifted (e.g. a round trip
 * as twice a one-way feed latency plus a fixed confirmation time).
 *
 * <p>Construction flattens the histogram's non-empty buckets into two arrays: cumulative counts
 * and each bucket's value range. A draw picks a rank uniformly in {@code [0, totalCount)}, finds
 * its bucket by binary search, and returns a value uniform within the bucket's range, so the
 * sample's quantiles match the histogram's within sampling error and its precision. Two random
 * numbers per draw (one when the bucket holds a single value): the same generator state gives
 * the same draws. Allocation-free after construction; immutable, so one instance may serve many threads (each with its
 * own generator).
 */
public final class HistogramLatencySampler implements LatencySampler {
    private final long[] cumulative;
    private final long[] low;
    private final long[] width;
    private final long total;
    private final double scale;
    private final long offsetNanos;

    /** Samples the histogram as recorded. */
    public HistogramLatencySampler(Histogram h) {
        this(h, 1.0, 0);
    }

    /**
     * @param scale multiplies each draw ({@code > 0})
     * @param offsetNanos is added to each scaled draw ({@code >= 0})
     * @throws IllegalArgumentException for an empty histogram or a bad scale or offset
     */
    public HistogramLatencySampler(Histogram h, double scale, long offsetNanos) {
        if (h == null || h.getTotalCount() == 0) {
            throw new IllegalArgumentException("latency sampler: the histogram holds no values");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("latency sampler: scale must be > 0, got " + scale);
        }
        if (offsetNanos < 0) {
            throw new IllegalArgumentException("latency sampler: offset must be >= 0, got " + offsetNanos);
        }
        int n = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            n++;
        }
        cumulative = new long[n];
        low = new long[n];
        width = new long[n];
        long c = 0;
        int i = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            long value = v.getValueIteratedTo();
            c += v.getCountAtValueIteratedTo();
            cumulative[i] = c;
            low[i] = h.lowestEquivalentValue(value);
            width[i] = h.sizeOfEquivalentValueRange(value);
            i++;
        }
        this.total = c;
        this.scale = scale;
        this.offsetNanos = offsetNanos;
    }

    @Override
    public long sampleNanos(SplittableRandom rng) {
        long rank = rng.nextLong(total);
        // first bucket whose cumulative count exceeds the rank
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > rank) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        long v = low[lo] + (width[lo] > 1 ? rng.nextLong(width[lo]) : 0);
        long scaled = scale == 1.0 ? v : (long) (v * scale);
        return Math.max(0, scaled) + offsetNanos;
    }

    /** Values in the fitted histogram. */
    public long totalCount() {
        return total;
    }
}
