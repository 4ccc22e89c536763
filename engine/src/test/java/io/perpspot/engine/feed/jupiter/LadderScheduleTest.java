package io.perpspot.engine.feed.jupiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link LadderSchedule} and {@link NoRouteBackoff} on an injected clock. */
class LadderScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void nearSignalTokensGetALadderAtLeastEveryMinuteWhileTheOthersStillGetSome() {
        int n = 40;
        double[] nearness = new double[n];
        int[] near = {3, 17, 38};
        for (int id : near) {
            nearness[id] = 1.0;
        }
        LadderSchedule s = new LadderSchedule();
        long[] last = new long[n];
        Arrays.fill(last, Long.MIN_VALUE);
        long maxGapNear = 0;
        int farLadders = 0;
        // The quote side's half of the free key: 0.5 requests/s, a ladder of 6 rungs every 12 s (5 a minute:
        // room for the 3 near-signal tokens' one a minute, and 2 for the 37 others).
        long now = 0;
        for (int ladder = 0; ladder < 200; ladder++) {
            int id = s.pick(now, n, x -> false, x -> nearness[x]);
            now += 12 * SECOND;
            s.laddered(id, now);
            if (nearness[id] > 0) {
                if (last[id] != Long.MIN_VALUE) {
                    maxGapNear = Math.max(maxGapNear, now - last[id]);
                }
            } else if (ladder >= n) {
                farLadders++;
            }
            last[id] = now;
        }
        for (int id : near) {
            assertTrue(now - last[id] <= 60 * SECOND, "token " + id + " last laddered " + (now - last[id]) / 1e9);
        }
        assertTrue(maxGapNear <= 60 * SECOND, "longest gap between ladders of a near-signal token "
                + maxGapNear / 1e9 + " s");
        assertTrue(farLadders > 0, "tokens far from a signal still get ladders");
    }

    @Test
    void neverQuotedTokensComeFirstInIdOrderAndSkippedOnesNever() {
        LadderSchedule s = new LadderSchedule();
        assertEquals(1, s.pick(0, 4, id -> id == 0, id -> 0));
        s.laddered(1, 0);
        assertEquals(2, s.pick(SECOND, 4, id -> id == 0, id -> 0));
        assertEquals(-1, s.pick(SECOND, 4, id -> true, id -> 0));
    }

    @Test
    void aRungWithNoRouteBacksOffLongerEachTimeUpToTheCapAndResetsOnAQuote() {
        NoRouteBackoff b = new NoRouteBackoff();
        long now = 0;
        assertTrue(!b.pausedAt(7, 2, now));
        long expected = NoRouteBackoff.INITIAL_NANOS;
        for (int i = 0; i < 10; i++) {
            b.noRoute(7, 2, now);
            assertEquals(Math.min(expected, NoRouteBackoff.MAX_NANOS), b.pauseNanos(7, 2), "after " + (i + 1));
            assertTrue(b.pausedAt(7, 2, now + b.pauseNanos(7, 2) - 1), "paused until the end of its pause");
            assertTrue(!b.pausedAt(7, 2, now + b.pauseNanos(7, 2)), "tried again once the pause is over");
            assertTrue(!b.pausedAt(7, 1, now), "another rung of the token is not paused");
            now += b.pauseNanos(7, 2);
            expected *= 2;
        }
        assertEquals(NoRouteBackoff.MAX_NANOS, b.pauseNanos(7, 2));
        b.quoted(7, 2);
        assertEquals(0, b.pauseNanos(7, 2));
        b.noRoute(7, 2, now);
        assertEquals(NoRouteBackoff.INITIAL_NANOS, b.pauseNanos(7, 2), "a quote starts the backoff afresh");
    }

    @Test
    void aTokenIsSkippedOnlyWhenEveryRungIsPaused() {
        NoRouteBackoff b = new NoRouteBackoff();
        b.noRoute(4, 0, 0);
        b.noRoute(4, 1, 0);
        assertTrue(!b.allPausedAt(4, 3, SECOND));
        b.noRoute(4, 2, 0);
        assertTrue(b.allPausedAt(4, 3, SECOND));
        assertTrue(!b.allPausedAt(4, 3, NoRouteBackoff.INITIAL_NANOS));
    }
}
