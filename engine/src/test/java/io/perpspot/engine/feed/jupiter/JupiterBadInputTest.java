package io.perpspot.engine.feed.jupiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.sim.JupiterGarbage;
import io.perpspot.engine.feed.sim.SimJupiterServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.testing.CountingPublisher;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake Jupiter spoils its answers (truncated, not JSON, wrong types, zero and NaN prices,
 * huge bodies, stale blocks and slots, dropped connections, slow answers): the real clients
 * reject each, count it per source and reason, publish nothing from it, and carry on.
 */
class JupiterBadInputTest {
    private SimVenues venues;
    private SimJupiterServer server;
    private TokenRegistry registry;
    private CountingPublisher out;
    private FeedStats stats;
    private ScheduledExecutorService scheduler;
    private JupiterPricePoller prices;
    private JupiterQuotePoller quotes;

    @BeforeEach
    void setUp() {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=20")));
        server = venues.jupiter();
        registry = new TokenRegistry(venues.market().universe());
        out = new CountingPublisher();
        stats = new FeedStats();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        HttpFetcher http = new HttpFetcher(Duration.ofSeconds(2));
        FeedContext ctx = new FeedContext(out, stats, new StatusPublisher(out, new OffsetEpochNanoClock()),
                new OffsetEpochNanoClock());
        // A zero backoff: every pollNext() makes a request, so the test drives each answer.
        Backoff.Bounds none = new Backoff.Bounds(Duration.ZERO, Duration.ZERO);
        prices = new JupiterPricePoller(new JupiterPricePoller.Settings(server.priceUrl(), 50, 1 << 20, none),
                registry, new JupiterLimiter(100), http, ctx, scheduler);
        quotes = new JupiterQuotePoller(new JupiterQuotePoller.Settings(server.quoteUrl(), List.of(1000L), 50, 1 << 20),
                registry, new JupiterLimiter(100), http, ctx, QuoteCache.NONE, new QuotePriorities(64));
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        venues.close();
    }

    private void poll() {
        prices.pollNext();
    }

    @Test
    void spoiledPriceAnswersAreRejectedByReasonAndMoveNoPrice() throws Exception {
        int p = Source.JUPITER_PRICE;
        for (JupiterGarbage g : List.of(JupiterGarbage.TRUNCATED, JupiterGarbage.NOT_JSON, JupiterGarbage.WRONG_TYPES,
                JupiterGarbage.HUGE)) {
            server.garbageNext(1, g);
            poll();
        }
        assertEquals(1, stats.rejects(p, Reject.TRUNCATED));
        assertEquals(1, stats.rejects(p, Reject.MALFORMED_JSON));
        assertEquals(20, stats.rejects(p, Reject.WRONG_TYPE), "each of the 20 array prices");
        assertEquals(1, stats.rejects(p, Reject.OVERSIZE), "a 3 MB body over the 1 MB limit");
        server.garbageNext(1, JupiterGarbage.ZERO_PRICE);
        poll();
        server.garbageNext(1, JupiterGarbage.NAN_PRICE);
        poll();
        assertEquals(20, stats.rejects(p, Reject.BAD_PRICE), "each of the 20 zero prices");
        assertEquals(20, stats.rejects(p, Reject.BAD_NUMBER), "each of the 20 NaN prices");
        assertEquals(0, out.count(EventType.SPOT_PRICE), "no price moved by garbage");

        poll();
        assertEquals(20, out.count(EventType.SPOT_PRICE), "a good answer after garbage is decoded whole");
        server.garbageNext(1, JupiterGarbage.STALE);
        poll();
        assertEquals(20, stats.rejects(p, Reject.OUT_OF_ORDER), "blockId 1 after a recent block");
        assertEquals(20, out.count(EventType.SPOT_PRICE));

        // Two drops: Java's HTTP client retries an idempotent GET once on a connection closed unanswered.
        server.dropNext(2);
        int before = out.statuses().size();
        poll();
        List<String> after = out.statuses().subList(before, out.statuses().size());
        assertTrue(after.stream().anyMatch(s -> s.startsWith("jupiter-price down")), after.toString());
        assertEquals(20, out.count(EventType.SPOT_PRICE), "nothing from a dropped connection");
        server.slowDown(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        poll();
        assertTrue(System.nanoTime() - t0 >= 300_000_000L, "the answer came late");
        assertEquals(40, out.count(EventType.SPOT_PRICE), "a slow answer is still a good answer");
    }

    @Test
    void spoiledQuoteAnswersAreRejectedByReasonAndAddNoRung() {
        int q = Source.JUPITER_QUOTE;
        for (JupiterGarbage g : List.of(JupiterGarbage.TRUNCATED, JupiterGarbage.WRONG_TYPES, JupiterGarbage.ZERO_PRICE,
                JupiterGarbage.NAN_PRICE, JupiterGarbage.HUGE)) {
            server.garbageNext(1, g);
        }
        for (int i = 0; i < 5; i++) {
            quotes.fetchNext(); // the BUY rung of tokens 0..4, each spoiled (their SELL has nothing to sell)
        }
        assertEquals(5, server.requests("/swap/v1/quote"));
        assertEquals(0, out.count(EventType.SPOT_QUOTE), "no rung from a spoiled answer");
        assertEquals(1, stats.rejects(q, Reject.TRUNCATED));
        assertEquals(1, stats.rejects(q, Reject.WRONG_TYPE));
        assertEquals(1, stats.rejects(q, Reject.BAD_SIZE));
        assertEquals(1, stats.rejects(q, Reject.BAD_NUMBER));
        assertEquals(1, stats.rejects(q, Reject.OVERSIZE));
        quotes.fetchNext();
        assertEquals(1, out.count(EventType.SPOT_QUOTE), "the next good answer is a rung");
    }
}
