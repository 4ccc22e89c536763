package io.perpspot.engine.feed.jupiter;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.sim.SimJupiterServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.testing.CountingPublisher;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.Test;

/**
 * Every Jupiter request (prices and quote ladders) goes through one limiter: when the venue
 * answers 429 with its rate-limit headers the limiter slows and waits for the reset, and over
 * the whole run the request times measured at the venue never exceed the configured rate.
 */
class JupiterRateLimitTest {
    private static final double RATE = 6;

    @Test
    void a429WithRateLimitHeadersSlowsTheLimiterAndNothingExceedsTheConfiguredRate() throws Exception {
        SimVenues venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=60")));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        // At shutdown only the request in flight finishes; a tick scheduled for later is dropped.
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        JupiterScheduler jup = null;
        try {
            SimJupiterServer server = venues.jupiter();
            // The venue allows 4 requests per 1 s window (fewer than we are configured for) and
            // answers the first two requests with 429 and its x-ratelimit-* headers.
            server.rateLimit(4, Duration.ofSeconds(1));
            server.rateLimitNext(2);
            TokenRegistry registry = new TokenRegistry(venues.market().universe());
            CountingPublisher out = new CountingPublisher();
            FeedStats stats = new FeedStats();
            HttpFetcher http = new HttpFetcher(Duration.ofSeconds(5));
            FeedContext ctx = new FeedContext(out, stats, new StatusPublisher(out, new OffsetEpochNanoClock()),
                    new OffsetEpochNanoClock());
            JupiterLimiter limiter = new JupiterLimiter(RATE);
            Backoff.Bounds backoff = new Backoff.Bounds(Duration.ofMillis(50), Duration.ofMillis(200));
            JupiterPricePoller prices = new JupiterPricePoller(new JupiterPricePoller.Settings(server.priceUrl(), 50,
                    1 << 20, backoff), registry, limiter, http, ctx, scheduler);
            JupiterQuotePoller quotes = new JupiterQuotePoller(new JupiterQuotePoller.Settings(server.quoteUrl(),
                    List.of(1000L, 10_000L), 50, 1 << 20), registry, limiter, http, ctx, QuoteCache.NONE,
                    new QuotePriorities(64));
            jup = new JupiterScheduler(limiter, prices, quotes,
                    new JupiterScheduler.Settings(Duration.ofSeconds(9), 0.5), scheduler);
            jup.start();

            await("two 429s read by the limiter", 20, () -> limiter.rateLimited() >= 2);
            assertTrue(limiter.currentRate() < RATE, "slowed after 429: " + limiter.currentRate());
            await("prices and quote rungs arrive once the window resets", 30,
                    () -> out.count(EventType.SPOT_PRICE) > 0 && out.count(EventType.SPOT_QUOTE) > 0);
            long flowing = server.totalRequests();
            await("twenty more requests", 60, () -> server.totalRequests() >= flowing + 20);
            jup.close();
            // Requests are made on the scheduler thread: once it has finished, every one has landed.
            scheduler.shutdown();
            assertTrue(scheduler.awaitTermination(10, TimeUnit.SECONDS), "the scheduler thread finished");

            // Each endpoint counts its own 429s; together they are every 429 the shared limiter read.
            long quote429s = quotes.outcomes().count(RequestOutcomes.Outcome.RATE_LIMITED);
            assertEquals(limiter.rateLimited(), prices.rateLimited() + quote429s,
                    "prices " + prices.rateLimited() + " + quotes " + quote429s);
            assertTrue(prices.outcomes().count(RequestOutcomes.Outcome.OK) > 0
                    && quotes.outcomes().count(RequestOutcomes.Outcome.OK) > 0, "both endpoints answered 200");

            List<Long> at = server.requestArrivals();
            assertTrue(at.size() >= 6, "requests: " + at.size());
            // Never more than RATE per second: in any 1 s window, at most RATE + 1 (the bucket holds one).
            for (int i = 0; i < at.size(); i++) {
                int n = 0;
                for (int j = i; j < at.size() && at.get(j) - at.get(i) < 1_000_000_000L; j++) {
                    n++;
                }
                assertTrue(n <= RATE + 1, "requests in the second after #" + i + ": " + n + " > " + (RATE + 1));
            }
            double seconds = (at.get(at.size() - 1) - at.get(0)) / 1e9;
            assertTrue(at.size() <= RATE * seconds + 1, at.size() + " requests in " + seconds + " s");
            // The venue's window allows 4/s and its headers say so: the limiter pauses until each
            // reset instead of spending its full 6/s on 429s.
            assertTrue(limiter.rateLimited() <= 2 + seconds, "429s: " + limiter.rateLimited());
            assertTrue(at.size() <= 5 * seconds + 5, "kept near the venue's 4/s: " + at.size() + " in " + seconds
                    + " s");
        } finally {
            if (jup != null) {
                jup.close();
            }
            scheduler.shutdownNow();
            venues.close();
        }
    }
}
