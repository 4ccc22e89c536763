package io.perpspot.engine.feed.jupiter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link FreshnessPlanner} on an injected clock: permits handed out one by one, as the scheduler does. */
class FreshnessPlannerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int TOKENS = 160;
    private static final int[] LISTED = IntStream.range(0, TOKENS).toArray();

    /** What a run of permits gave: the oldest spot price seen at any permit after warm-up, and the split. */
    private record Run(long maxAgeNanos, int pricePermits, int quotePermits) {
    }

    /** Permits every 1 / rate seconds for {@code seconds}; the rate may change at {@code changeAt}. */
    private static Run run(FreshnessPlanner p, double rate, double rateAfter, long changeAt, long seconds) {
        p.listed(LISTED);
        long now = 1_000 * SECOND; // any origin: the planner only takes differences
        long end = now + seconds * SECOND;
        long warm = now + 40 * SECOND;
        long change = now + changeAt * SECOND;
        long maxAge = 0;
        int price = 0;
        int quote = 0;
        while (now < end) {
            double r = now < change ? rate : rateAfter;
            if (now >= warm) {
                for (int id : LISTED) {
                    maxAge = Math.max(maxAge, now - p.pricedAt(id));
                }
            }
            int[] due = p.dueBatch(now, r);
            if (due != null) {
                p.sent(now);
                p.priced(due, now);
                if (now >= warm) {
                    price++;
                }
            } else if (now >= warm) {
                quote++;
            }
            now += (long) (SECOND / r);
        }
        return new Run(maxAge, price, quote);
    }

    /** 600 s of permits at {@code rate} with the shipped target and ceiling: the oldest price and the quotes' share. */
    private static void assertSteady(double rate, long maxAgeSeconds) {
        FreshnessPlanner p = new FreshnessPlanner(Duration.ofSeconds(9), 0.5, rate, 50);
        Run r = run(p, rate, rate, Long.MAX_VALUE / SECOND / 2, 600);
        assertTrue(r.maxAgeNanos() <= maxAgeSeconds * SECOND, "oldest spot price " + r.maxAgeNanos() / 1e9 + " s");
        int permits = r.pricePermits() + r.quotePermits();
        assertTrue(r.quotePermits() >= permits * 0.45, r.quotePermits() + " of " + permits + " to quotes");
    }

    @Test
    void atTheFreeKeyRatePricesStayUnderTheTargetAndHalfThePermitsGoToQuotes() {
        assertSteady(1.0, 9);
    }

    @Test
    void keylessThePriceCeilingKeepsHalfForQuotesAndSpotAgeUnderTwentySeconds() {
        // The target cannot be met at 0.25 price requests/s: 4 batches take 16 s, and no more is spent on them.
        assertSteady(0.5, 18);
    }

    @Test
    void afterA429HalvesTheRatePricesKeepTheirTargetAndQuotesGiveWay() {
        FreshnessPlanner p = new FreshnessPlanner(Duration.ofSeconds(9), 0.5, 1.0, 50);
        // 120 s at the configured 1/s, then the limiter at 0.5/s (one 429) for the rest.
        Run before = run(p, 1.0, 1.0, Long.MAX_VALUE / SECOND / 2, 120);
        FreshnessPlanner halved = new FreshnessPlanner(Duration.ofSeconds(9), 0.5, 1.0, 50);
        Run after = run(halved, 1.0, 0.5, 60, 600);
        assertTrue(after.maxAgeNanos() <= 9 * SECOND, "oldest spot price after the 429 "
                + after.maxAgeNanos() / 1e9 + " s");
        double shareBefore = (double) before.pricePermits() / (before.pricePermits() + before.quotePermits());
        double shareAfter = (double) after.pricePermits() / (after.pricePermits() + after.quotePermits());
        assertTrue(shareAfter > shareBefore + 0.3, "price share of the permits " + shareBefore + " -> " + shareAfter);
    }

    @Test
    void theBatchDueHoldsTheOldestTokensAndNeverMoreThanTheBatchSize() {
        FreshnessPlanner p = new FreshnessPlanner(Duration.ofSeconds(9), 1, 10.0, 50);
        p.listed(LISTED);
        long now = 0;
        // Price tokens 50..159 now; 0..49 were never priced: they come first.
        p.priced(IntStream.range(50, TOKENS).toArray(), now);
        int[] due = p.dueBatch(now, 10.0);
        assertArrayEquals(IntStream.range(0, 50).toArray(), due);
        p.sent(now);
        p.priced(due, now + SECOND);
        // Every token priced within a second: nothing is late, the permit is the quotes'.
        assertNull(p.dueBatch(now + SECOND, 10.0));
        // 8.85 s on, tokens 50..99 (priced at 0, before 0..49) are the oldest, and the fourth batch's
        // permit (0.4 s on at 10/s) would come too late for 150..159 too: a batch is due.
        assertNull(p.dueBatch(now + 8_500_000_000L, 10.0), "8.5 s old and 0.3 s to the third batch: in time");
        int[] next = p.dueBatch(now + 8_850_000_000L, 10.0);
        assertEquals(50, next.length);
        assertArrayEquals(IntStream.range(50, 100).toArray(), next);
    }
}
