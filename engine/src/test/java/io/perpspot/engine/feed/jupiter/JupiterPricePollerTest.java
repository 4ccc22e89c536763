package io.perpspot.engine.feed.jupiter;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.sim.SimJupiterServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.testing.CountingPublisher;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jupiter Price API poller against the loopback sim venue: batching, 429, errors, keys, gaps. */
class JupiterPricePollerTest {
    /** 1 s / 5 requests. */
    private static final long PERMIT_NANOS = 200_000_000L;
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
        return start(tokens, new JupiterLimiter(rate), apiKey);
    }

    private JupiterPricePoller start(TokenRegistry tokens, JupiterLimiter limiter, String apiKey) {
        JupiterPricePoller.Settings settings = new JupiterPricePoller.Settings(jupiter.priceUrl(), 50, 8 << 20,
                new Backoff.Bounds(Duration.ofMillis(50), Duration.ofMillis(200)));
        FeedContext ctx = new FeedContext(out, stats, new StatusPublisher(out, new OffsetEpochNanoClock()),
                new OffsetEpochNanoClock());
        HttpFetcher http = new HttpFetcher(Duration.ofSeconds(2)).withApiKey(apiKey);
        poller = new JupiterPricePoller(settings, tokens, limiter, http, ctx, scheduler);
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
    void keepsToTheConfiguredRate() {
        // The limiter reads the test's clock: at 5 requests/s a permit is due every 200 ms of it,
        // however late the scheduler thread runs on a loaded machine.
        AtomicLong now = new AtomicLong();
        JupiterLimiter limiter = new JupiterLimiter(5, now::get, System::currentTimeMillis);
        start(registry, limiter, null);
        await("the immediate first request", 10, () -> jupiter.totalRequests() == 1);
        for (int k = 1; k <= 10; k++) {
            now.addAndGet(PERMIT_NANOS - 1);
            assertEquals(1, limiter.nanosUntilPermit(), "no permit 1 ns before the next is due");
            assertEquals(k, jupiter.totalRequests());
            now.incrementAndGet();
            long expected = k + 1;
            await("request " + expected + " once 200 ms more have passed", 10,
                    () -> jupiter.totalRequests() >= expected);
            assertEquals(expected, jupiter.totalRequests(), "one request per permit");
        }
        // 2 s of the limiter's time at 5/s: the immediate first request and one per 200 ms.
        assertEquals(11, limiter.granted());
        assertEquals(11, poller.requests());
        assertEquals(11, jupiter.totalRequests());
    }

    @Test
    void aRateLimitIsRespectedUntilItsResetTimeNotHammered() {
        // 10 requests per 1 s window at the venue; the poller is (mis)configured for 50/s.
        jupiter.rateLimit(10, Duration.ofSeconds(1));
        start(registry, 50, null);
        await("the first window used up", 10, () -> jupiter.totalRequests() >= 10);
        int atLimit = jupiter.requestArrivals().size() - 1;
        // Three seconds of traffic as the venue saw it (a loaded machine only stretches the wait).
        await("3 s of requests after the limit was reached", 30, () -> {
            List<Long> at = jupiter.requestArrivals();
            return at.get(at.size() - 1) - at.get(atLimit) >= 3_000_000_000L;
        });
        List<Long> at = jupiter.requestArrivals();
        double seconds = (at.get(at.size() - 1) - at.get(atLimit)) / 1e9;
        // Hammering at 50/s would send ~50 requests in every second; waiting for x-ratelimit-reset
        // (on "remaining: 0" or a 429) sends one window's worth per second plus a probe per reset.
        for (int i = atLimit; i < at.size(); i++) {
            int n = 0;
            for (int j = i; j < at.size() && at.get(j) - at.get(i) < 1_000_000_000L; j++) {
                n++;
            }
            assertTrue(n <= 10 + 2, "requests in the second after #" + i + ": " + n);
        }
        assertTrue(poller.rateLimited() <= 2 * Math.ceil(seconds),
                "429s in " + seconds + " s: " + poller.rateLimited());
        await("prices keep coming", 10, () -> out.tokens(EventType.SPOT_PRICE) == registry.size());
    }

    @Test
    void serverErrorsMarkTheSourceDownAndItComesBack() {
        jupiter.failNext(2, 500);
        start(registry, 50, null);
        await("down then up", 10, () ->
                out.statuses().stream().anyMatch(s -> s.startsWith("jupiter-price down: HTTP 500"))
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
        await("401 reported", 10, () ->
                out.statuses().stream().anyMatch(s -> s.startsWith("jupiter-price down: HTTP 401")));
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
