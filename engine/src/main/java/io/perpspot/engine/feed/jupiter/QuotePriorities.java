package io.perpspot.engine.feed.jupiter;

import io.perpspot.engine.strategy.PriorityHint;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The strategy's nearness-to-signal per token ({@link PriorityHint}), kept as float bits in an
 * atomic array: the strategy thread writes with a lazy store (no lock, no allocation), the
 * quote scheduler reads. Token ids beyond the capacity are ignored (they get no priority boost).
 */
public final class QuotePriorities implements PriorityHint {
    private final AtomicIntegerArray bits;

    public QuotePriorities(int capacity) {
        bits = new AtomicIntegerArray(capacity);
    }

    @Override
    public void nearness(int tokenId, double absZOverThreshold) {
        if (tokenId >= 0 && tokenId < bits.length()) {
            float v = Double.isNaN(absZOverThreshold) ? 0f : (float) Math.min(4.0, absZOverThreshold);
            bits.lazySet(tokenId, Float.floatToRawIntBits(v));
        }
    }

    /** The last nearness of a token (0 if none). */
    public double nearness(int tokenId) {
        return tokenId >= 0 && tokenId < bits.length() ? Float.intBitsToFloat(bits.get(tokenId)) : 0;
    }
}
