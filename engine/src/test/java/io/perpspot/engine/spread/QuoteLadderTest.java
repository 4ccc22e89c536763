package io.perpspot.engine.spread;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perpspot.engine.core.QuoteSide;
import org.junit.jupiter.api.Test;

class QuoteLadderTest {
    @Test
    void keepsRungsSortedAndReplacesSameNotional() {
        QuoteLadder l = new QuoteLadder();
        l.put(QuoteSide.BUY, 10_000, 102, 20, 2);
        l.put(QuoteSide.BUY, 1_000, 101, 10, 1);
        l.put(QuoteSide.BUY, 100_000, 110, 90, 3);
        l.put(QuoteSide.BUY, 10_000, 103, 25, 4);
        assertEquals(3, l.size(QuoteSide.BUY));
        assertEquals(0, l.size(QuoteSide.SELL));
        assertEquals(1_000, l.notionalUsd(QuoteSide.BUY, 0));
        assertEquals(10_000, l.notionalUsd(QuoteSide.BUY, 1));
        assertEquals(103, l.price(QuoteSide.BUY, 1));
        assertEquals(25, l.impactPpm(QuoteSide.BUY, 1));
        assertEquals(4, l.timeNanos(QuoteSide.BUY, 1));
        assertEquals(100_000, l.notionalUsd(QuoteSide.BUY, 2));
    }

    @Test
    void dropsTheLargestRungWhenFull() {
        QuoteLadder l = new QuoteLadder();
        for (int i = QuoteLadder.MAX_RUNGS; i >= 1; i--) {
            l.put(QuoteSide.SELL, i * 10L, i, 0, 0);
        }
        l.put(QuoteSide.SELL, 5, 99, 0, 0);
        assertEquals(QuoteLadder.MAX_RUNGS, l.size(QuoteSide.SELL));
        assertEquals(5, l.notionalUsd(QuoteSide.SELL, 0));
        assertEquals(10L * (QuoteLadder.MAX_RUNGS - 1), l.notionalUsd(QuoteSide.SELL, QuoteLadder.MAX_RUNGS - 1));
        l.put(QuoteSide.SELL, 1_000, 1, 0, 0);
        assertEquals(10L * (QuoteLadder.MAX_RUNGS - 1), l.notionalUsd(QuoteSide.SELL, QuoteLadder.MAX_RUNGS - 1));
        l.clear();
        assertEquals(0, l.size(QuoteSide.SELL));
    }
}
