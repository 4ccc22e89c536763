package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.latency.SourceHistograms;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The fitted sampler reproduces the observed distribution and is reproducible from a seed. */
class HistogramLatencySamplerTest {
    private static final int OBSERVED = 100_000;
    private static final int DRAWS = 200_000;

    /** Log-normal around 40 ms (sigma 0.5) plus a 2 % tail of 400..800 ms: a realistic, skewed feed. */
    private static long[] observed() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] v = new long[OBSERVED];
        for (int i = 0; i < OBSERVED; i++) {
            v[i] = rnd.nextInt(50) == 0 ? 400_000_000L + rnd.nextLong(400_000_000L)
                    : (long) (40e6 * Math.exp(0.5 * rnd.nextGaussian()));
        }
        Arrays.sort(v);
        return v;
    }

    private static Histogram histogram(long[] values) {
        Histogram h = SourceHistograms.newHistogram();
        for (long x : values) {
            h.recordValue(x);
        }
        return h;
    }

    /** Nearest-rank quantile of sorted values. */
    private static long quantile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    @Test
    void samplesReproduceTheObservedQuantilesWithinSamplingError() {
        long[] obs = observed();
        HistogramLatencySampler sampler = new HistogramLatencySampler(histogram(obs));
        assertEquals(OBSERVED, sampler.totalCount());
        SplittableRandom rng = new SplittableRandom(2024);
        long[] draws = new long[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = sampler.sampleNanos(rng);
        }
        Arrays.sort(draws);
        for (double q : new double[] {0.01, 0.10, 0.50, 0.90, 0.97, 0.99}) {
            // The sample quantile lies between the true quantiles q ± 4 standard errors of a
            // proportion (sqrt(q(1-q)/n)), widened by the histogram's 0.1 % value precision.
            double se = 4 * Math.sqrt(q * (1 - q) / DRAWS) + 4 * Math.sqrt(q * (1 - q) / OBSERVED);
            long lo = (long) (quantile(obs, Math.max(0, q - se)) * 0.998);
            long hi = (long) (quantile(obs, Math.min(1, q + se)) * 1.002);
            long got = quantile(draws, q);
            assertTrue(got >= lo && got <= hi, "q" + q + ": " + got + " not in [" + lo + ", " + hi + "]");
        }
        assertTrue(draws[0] >= (long) (obs[0] * 0.998), "nothing below the observed minimum");
        assertTrue(draws[DRAWS - 1] <= (long) (obs[OBSERVED - 1] * 1.002), "nothing above the observed maximum");
    }

    @Test
    void sameSeedSameDrawsOtherSeedOtherDraws() {
        HistogramLatencySampler sampler = new HistogramLatencySampler(histogram(observed()));
        long[] a = draw(sampler, 42);
        long[] b = draw(sampler, 42);
        long[] c = draw(sampler, 43);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void scaleAndOffsetTurnAOneWayLatencyIntoALegEstimate() {
        Histogram h = SourceHistograms.newHistogram();
        h.recordValue(10_000_000L);
        HistogramLatencySampler leg = new HistogramLatencySampler(h, 2.0, 5_000_000L);
        long v = leg.sampleNanos(new SplittableRandom(1));
        assertTrue(Math.abs(v - 25_000_000L) <= 2 * h.sizeOfEquivalentValueRange(10_000_000L), "2 × 10 ms + 5 ms: "
                + v);
    }

    @Test
    void anEmptyHistogramOrABadScaleIsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HistogramLatencySampler(SourceHistograms.newHistogram()));
        assertTrue(e.getMessage().contains("no values"), e.getMessage());
        Histogram h = histogram(new long[] {1_000_000L});
        assertThrows(IllegalArgumentException.class, () -> new HistogramLatencySampler(h, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new HistogramLatencySampler(h, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new HistogramLatencySampler(h, 1, -1));
    }

    private static long[] draw(LatencySampler s, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] out = new long[1000];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.sampleNanos(rng);
        }
        return out;
    }
}
