package io.perpspot.engine.exec;

import java.util.SplittableRandom;

/** A latency that is always the same (zero for "instant" legs in reference tests). Draws nothing. */
public record ConstantLatency(long nanos) implements LatencySampler {
    public ConstantLatency {
        if (nanos < 0) {
            throw new IllegalArgumentException("latency: must be >= 0, got " + nanos + " ns");
        }
    }

    @Override
    public long sampleNanos(SplittableRandom rng) {
        return nanos;
    }
}
