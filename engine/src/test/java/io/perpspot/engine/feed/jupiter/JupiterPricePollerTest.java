package io.perpspot.engine.feed.jupiter;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.feed.sim.SimJupiterServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.testing.CountingPublisher;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jupiter Price API poller against the loopback sim venue: batching, 429, errors, keys, gaps. */
class JupiterPricePollerTest {
    private SimVenues venues;
    private SimJupiterServer jupiter;
    private TokenRegistry registry;
    private CountingPublisher out;
    private FeedStats stats;
    private ScheduledExecutorService scheduler;
    private JupiterPricePoller poller;

    @BeforeEach
    void setUp() {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=120")));
        jupiter = venues.jupiter();
        registry = new TokenRegistry(venues.market().universe());
        out = new CountingPublisher();
        stats = new FeedStats();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        if (poller != null) {
            poller.close();
        }
        scheduler.shutdownNow();
        venues.close();
    }

    private JupiterPricePoller start(TokenRegistry tokens, double rate, String apiKey) {
        poller = new JupiterPricePoller(jupiter.priceUrl(), tokens, 50, rate, apiKey,
                new HttpFetcher(Duration.ofSeconds(2)), out, stats, new StatusPublisher(out, new OffsetEpochNanoClock()),
                new OffsetEpochNanoClock(), scheduler, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
        poller.start();
        return poller;
    }

    @Test
    void pricesEveryTokenInBatchesOfFifty() {
        start(registry, 50, null);
        await("a price for every token", 10, () -> out.tokens(EventType.SPOT_PRICE) == registry.size());
        assertEquals(0, stats.rejects(Source.JUPITER_PRICE));
        assertTrue(out.statuses().get(0).startsWith("jupiter-price up"), out.statuses().toString());
        assertEquals(0, poller.missing());
    }

    @Test
    void keepsToTheConfiguredRate() throws InterruptedException {
        start(registry, 5, null);
        Thread.sleep(2_000);
        long n = jupiter.totalRequests();
        // 5 requests/s for 2 s, plus the immediate first one
        assertTrue(n >= 8 && n <= 12, "requests in 2 s at 5/s: " + n);
    }

    @Test
    void aRateLimitIsRespectedUntilItsResetTimeNotHammered() throws InterruptedException {
        // 10 requests per 1 s window at the venue; the poller is (mis)configured for 50/s.
        jupiter.rateLimit(10, Duration.ofSeconds(1));
        start(registry, 50, null);
        await("the first window used up", 10, () -> jupiter.totalRequests() >= 10);
        long requestsAtLimit = jupiter.totalRequests();
        Thread.sleep(3_000);
        long sent = jupiter.totalRequests() - requestsAtLimit;
        // Hammering at 50/s would send ~150 requests in 3 s; waiting for x-ratelimit-reset (on
        // "remaining: 0" or a 429) sends about one window's worth per second plus one probe per reset.
        assertTrue(sent <= 3 * (10 + 2) + 2, "requests in 3 s after the limit was reached: " + sent);
        assertTrue(poller.rateLimited() <= 6, "429s: " + poller.rateLimited());
        await("prices keep coming", 10, () -> out.tokens(EventType.SPOT_PRICE) == registry.size());
    }

    @Test
    void serverErrorsMarkTheSourceDownAndItComesBack() {
        jupiter.failNext(2, 500);
        start(registry, 50, null);
        await("down then up", 10, () -> out.statuses().stream().anyMatch(s -> s.startsWith("jupiter-price down: HTTP 500"))
                && out.statuses().get(out.statuses().size() - 1).startsWith("jupiter-price up"));
        await("prices", 10, () -> out.tokens(EventType.SPOT_PRICE) == registry.size());
    }

    @Test
    void sendsTheApiKeyAsHeader() {
        jupiter.requireApiKey("secret-key");
        start(registry, 50, "secret-key");
        await("prices with the key", 10, () -> out.tokens(EventType.SPOT_PRICE) == registry.size());
    }

    @Test
    void aWrongApiKeyIsReportedAsDown() {
        jupiter.requireApiKey("secret-key");
        start(registry, 50, "wrong");
        await("401 reported", 10, () -> out.statuses().stream().anyMatch(s -> s.startsWith("jupiter-price down: HTTP 401")));
        assertTrue(out.statuses().stream().noneMatch(s -> s.contains("wrong")), "the key is never in a status");
        assertEquals(0, out.count(EventType.SPOT_PRICE));
    }

    @Test
    void mintsTheApiLeavesOutAreReportedMissingNotGuessed() {
        List<Token> tokens = new ArrayList<>(venues.market().universe().subList(0, 5));
        tokens.add(new Token(0, "GHOST", "GHOST", 0, "GhostMint1111111111111111111111111111111111", 6));
        TokenRegistry withGhost = new TokenRegistry(tokens);
        start(withGhost, 50, null);
        await("the five known", 10, () -> out.tokens(EventType.SPOT_PRICE) == 5);
        await("ghost missing", 10, () -> poller.missing() >= 1);
        assertEquals(5, out.tokens(EventType.SPOT_PRICE), "no price invented for the missing mint");
    }
}
