package io.perpspot.engine.cache;

import static io.perpspot.engine.cache.CacheTestSupport.settings;
import static io.perpspot.engine.testkit.Await.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.jupiter.JupiterLimiter;
import io.perpspot.engine.feed.jupiter.JupiterQuotePoller;
import io.perpspot.engine.feed.jupiter.QuoteCache;
import io.perpspot.engine.feed.jupiter.QuotePriorities;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.testing.RedisProcess;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The QUOTE_LADDER contract the spot feed's quote fetcher relies on: a ladder younger than
 * {@code cache.ttl.quote-ladder} is served from the cache and the fetch is not called; an
 * older one is fetched again. On both backends, with a counting fetch and with the sim
 * Jupiter's {@code /swap/v1/quote} over loopback (counted at the fake Jupiter).
 */
class QuoteLadderFetchThroughTest {
    private static final String SOL = "So11111111111111111111111111111111111111112";
    private static final String USDC = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";

    private RedisProcess redis;
    private FailoverCache cache;
    private SimVenues venues;

    @AfterEach
    void stop() {
        if (cache != null) {
            cache.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (venues != null) {
            venues.close();
        }
    }

    @Test
    void localBackendCallsTheFetchOnlyOnAMissAndAgainAfterTheTtl() throws Exception {
        AtomicLong now = new AtomicLong();
        cache = FailoverCache.start(settings("redis://127.0.0.1:1", "cache.mode=local", "cache.ttl.quote-ladder=15s"),
                new CacheTestSupport.Recorder(), now::get);
        AtomicInteger calls = new AtomicInteger();
        Callable<String> ladder = () -> "ladder-" + calls.incrementAndGet();
        assertEquals("ladder-1", cache.getOrFetch(CacheKind.QUOTE_LADDER, SOL, ladder));
        now.addAndGet(Duration.ofSeconds(14).toNanos());
        assertEquals("ladder-1", cache.getOrFetch(CacheKind.QUOTE_LADDER, SOL, ladder));
        assertEquals(1, calls.get(), "within the TTL: no second call");
        // Another mint is another key.
        assertEquals("ladder-2", cache.getOrFetch(CacheKind.QUOTE_LADDER, USDC, ladder));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals("ladder-3", cache.getOrFetch(CacheKind.QUOTE_LADDER, SOL, ladder));
        assertEquals(3, calls.get(), "past the TTL: fetched again");
        assertEquals(1, cache.stats().hits());
        assertEquals(3, cache.stats().misses());
    }

    @Test
    void aFailedFetchIsNotCachedAndPropagates() throws Exception {
        cache = FailoverCache.start(settings("redis://127.0.0.1:1", "cache.mode=local"),
                new CacheTestSupport.Recorder());
        assertThrows(IllegalStateException.class, () -> cache.getOrFetch(CacheKind.QUOTE_LADDER, SOL, () -> {
            throw new IllegalStateException("429");
        }));
        assertEquals("ok", cache.getOrFetch(CacheKind.QUOTE_LADDER, SOL, () -> "ok"));
    }

    @Test
    void redisBackendServesTheLadderWithinItsTtlAndRefetchesAfterRedisExpiresIt() throws Exception {
        redis = RedisProcess.start();
        cache = FailoverCache.start(settings(redis.uri(), "cache.ttl.quote-ladder=1m"),
                new CacheTestSupport.Recorder());
        assertEquals(CacheBackend.REDIS, cache.backend());
        String key = "perpspot:quote-ladder:" + SOL;
        AtomicInteger calls = new AtomicInteger();
        Callable<String> ladder = () -> "ladder-" + calls.incrementAndGet();
        assertEquals("ladder-1", cache.getOrFetch(CacheKind.QUOTE_LADDER, SOL, ladder));
        assertTrue(within(Duration.ofSeconds(5), () -> redis.command(null, "EXISTS", key).equals(":1")));
        long pttl = Long.parseLong(redis.command(null, "PTTL", key).substring(1));
        assertTrue(pttl > 0 && pttl <= 60_000, "the kind's TTL is Redis's own: " + pttl);
        // A minute of TTL left: the second call is always within it, however slow the machine.
        assertEquals("ladder-1", cache.getOrFetch(CacheKind.QUOTE_LADDER, SOL, ladder));
        assertEquals(1, calls.get(), "within the TTL: no second fetch");
        // Redis expires it (its clock moved on; the local copy would still be young): fetched again.
        assertEquals(":1", redis.command(null, "PEXPIRE", key, "1"));
        assertTrue(within(Duration.ofSeconds(5), () -> redis.command(null, "EXISTS", key).equals(":0")),
                "Redis expired it");
        assertEquals("ladder-2", cache.getOrFetch(CacheKind.QUOTE_LADDER, SOL, ladder));
        assertEquals(2, calls.get());
    }

    @Test
    void asyncFetchThroughCallsTheFetchOnceWithinTheTtl() throws Exception {
        redis = RedisProcess.start();
        cache = FailoverCache.start(settings(redis.uri(), "cache.ttl.quote-ladder=1m"),
                new CacheTestSupport.Recorder());
        assertEquals(CacheBackend.REDIS, cache.backend(), cache.describe());
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            String v = cache.getOrFetchAsync(CacheKind.QUOTE_LADDER, USDC,
                    () -> CompletableFuture.completedFuture("async-" + calls.incrementAndGet()))
                    .get(5, TimeUnit.SECONDS);
            assertEquals("async-1", v);
            // let the fire-and-forget SET land before the next lookup
            assertTrue(within(Duration.ofSeconds(5),
                    () -> redis.command(null, "EXISTS", "perpspot:quote-ladder:" + USDC).equals(":1")));
        }
        assertEquals(1, calls.get());
    }

    @Test
    void cachedLadderPreventsASecondCallToTheSimJupiterWithinItsTtlOnBothBackends() throws Exception {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=20")));
        HttpFetcher http = new HttpFetcher(Duration.ofSeconds(5));
        String url = venues.quoteUrl() + "?inputMint=" + SOL + "&outputMint=" + USDC
                + "&amount=1000000000&slippageBps=50";
        redis = RedisProcess.start();
        for (String mode : List.of("auto", "local")) {
            cache = FailoverCache.start(settings(redis.uri(), "cache.mode=" + mode, "cache.ttl.quote-ladder=1m",
                    "cache.redis.key-prefix=" + mode + ":"), new CacheTestSupport.Recorder());
            assertEquals(mode.equals("auto") ? CacheBackend.REDIS : CacheBackend.LOCAL, cache.backend());
            long before = venues.jupiter().requests("/swap/v1/quote");
            String first = cache.getOrFetch(CacheKind.QUOTE_LADDER, SOL, () -> fetch(http, url));
            assertEquals(before + 1, venues.jupiter().requests("/swap/v1/quote"));
            if (mode.equals("auto")) {
                assertTrue(within(Duration.ofSeconds(5),
                        () -> redis.command(null, "EXISTS", "auto:quote-ladder:" + SOL).equals(":1")));
            }
            String second = cache.getOrFetch(CacheKind.QUOTE_LADDER, SOL, () -> fetch(http, url));
            assertEquals(first, second);
            assertTrue(first.contains("\"outAmount\""), first);
            assertEquals(before + 1, venues.jupiter().requests("/swap/v1/quote"), mode + ": no second quote call");
            cache.close();
            cache = null;
        }
    }

    @Test
    void theQuotePollerSkipsTheSimJupiterWhileRedisHoldsTheLadderAndJournalsOnlyWhatItFetched() throws Exception {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=20")));
        redis = RedisProcess.start();
        cache = FailoverCache.start(settings(redis.uri(), "cache.ttl.quote-ladder=1m"),
                new CacheTestSupport.Recorder());
        assertEquals(CacheBackend.REDIS, cache.backend(), cache.describe());
        TokenRegistry sol = new TokenRegistry(List.of(new Token(0, "SOL", "SOL", 0, SOL, 9)));
        Fixtures.Collector out = new Fixtures.Collector();
        OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
        JupiterQuotePoller.Settings ladder = new JupiterQuotePoller.Settings(venues.quoteUrl(), List.of(1000L, 10000L),
                50, 1 << 20);
        FeedContext ctx = new FeedContext(out, new FeedStats(), new StatusPublisher(out, clock), clock);
        JupiterQuotePoller quotes = new JupiterQuotePoller(ladder, sol, new JupiterLimiter(50),
                new HttpFetcher(Duration.ofSeconds(5)), ctx, QuoteCache.shared(cache, 2000), new QuotePriorities(4));
        long before = venues.jupiter().requests("/swap/v1/quote");
        for (int i = 0; i < 4; i++) { // one ladder: BUY and SELL at $1k and $10k
            quotes.fetchNext();
        }
        assertEquals(before + 4, venues.jupiter().requests("/swap/v1/quote"));
        assertEquals(4, out.events.stream().filter(e -> e.type == EventType.SPOT_QUOTE).count());
        assertTrue(within(Duration.ofSeconds(5),
                () -> redis.command(null, "KEYS", "perpspot:quote-ladder:*").equals("*4")),
                "the four answers reached Redis");
        // The same ladder again within the TTL: fetchNext walks cache hits without spending a
        // request (bounded per call), so one call re-walks the whole ladder from Redis.
        quotes.fetchNext();
        assertEquals(before + 4, venues.jupiter().requests("/swap/v1/quote"), "no second call within the TTL");
        assertTrue(quotes.cacheHits() >= 4, "hits " + quotes.cacheHits());
        assertEquals(4, out.events.stream().filter(e -> e.type == EventType.SPOT_QUOTE).count(),
                "nothing read from the cache is journaled");
        assertTrue(quotes.ladders() >= 2, "ladders " + quotes.ladders());
    }

    private static String fetch(HttpFetcher http, String url) {
        HttpFetcher.Response r = http.get(url, Map.of());
        if (r.status() != 200) {
            throw new IllegalStateException("quote: HTTP " + r.status());
        }
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
