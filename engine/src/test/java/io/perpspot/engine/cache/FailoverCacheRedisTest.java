package io.perpspot.engine.cache;

import static io.perpspot.engine.cache.CacheTestSupport.settings;
import static io.perpspot.engine.testkit.Await.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.perpspot.engine.cache.CacheTestSupport.Recorder;
import io.perpspot.engine.cache.CacheTestSupport.Status;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.testing.LogCapture;
import io.perpspot.engine.testing.Ports;
import io.perpspot.engine.testing.RedisProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache against a real redis-server on loopback: round trips, failover both ways, bad input. */
class FailoverCacheRedisTest {
    private static final Duration BOUND = Duration.ofSeconds(10); // generous: the configured bound is ~0.4 s

    private RedisProcess redis;
    private FailoverCache cache;

    @AfterEach
    void stop() {
        if (cache != null) {
            cache.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static Optional<String> get(PerpspotCache c, CacheKind kind, String key) throws Exception {
        return c.get(kind, key).get(5, TimeUnit.SECONDS);
    }

    @Test
    void valuesOfEveryKindRoundTripThroughRedisWithTheirTtl() throws Exception {
        redis = RedisProcess.start();
        Recorder events = new Recorder();
        cache = FailoverCache.start(settings(redis.uri(), "cache.ttl.tokens=7m"), events);
        assertEquals(CacheBackend.REDIS, cache.backend(), cache.describe());
        assertTrue(cache.describe().startsWith("cache: redis at " + redis.uri()), cache.describe());
        for (CacheKind k : CacheKind.values()) {
            cache.put(k, "SOL", "{\"kind\":\"" + k.id() + "\",\"text\":\"é ✓\"}");
        }
        assertTrue(within(BOUND, () -> redis.command(null, "EXISTS", "perpspot:templates:SOL").equals(":1")));
        for (CacheKind k : CacheKind.values()) {
            assertEquals(Optional.of("{\"kind\":\"" + k.id() + "\",\"text\":\"é ✓\"}"), get(cache, k, "SOL"));
            // In Redis itself, with the envelope and the kind's TTL.
            assertEquals("ps1|{\"kind\":\"" + k.id() + "\",\"text\":\"é ✓\"}",
                    redis.command(null, "GET", "perpspot:" + k.id() + ":SOL"));
            long pttl = Long.parseLong(redis.command(null, "PTTL", "perpspot:" + k.id() + ":SOL").substring(1));
            assertTrue(pttl > 0 && pttl <= cache.ttl(k).toMillis(), k + " pttl " + pttl);
        }
        long tokensTtl = Long.parseLong(redis.command(null, "PTTL", "perpspot:tokens:SOL").substring(1));
        assertTrue(tokensTtl > Duration.ofMinutes(6).toMillis(), "cache.ttl.tokens=7m applied: " + tokensTtl);

        // A second process sees the same values: they live in Redis, not in this JVM's map.
        try (FailoverCache other = FailoverCache.start(settings(redis.uri()), new Recorder())) {
            assertEquals(Optional.of("{\"kind\":\"spread\",\"text\":\"é ✓\"}"), get(other, CacheKind.SPREAD, "SOL"));
            assertEquals(Optional.empty(), get(other, CacheKind.SPREAD, "NOPE"));
            assertEquals(1, other.stats().hits());
            assertEquals(1, other.stats().misses());
        }
        assertEquals(List.of(new Status(Source.CACHE_REDIS, SourceState.UP,
                        "serving the cache: redis at " + redis.uri() + " answers"),
                new Status(Source.CACHE_LOCAL, SourceState.DOWN, "standby: redis serves the cache")),
                events.snapshot());
    }

    @Test
    void killedRedisSwitchesToLocalAndARestartedOneSwitchesBack() throws Exception {
        redis = RedisProcess.start();
        Recorder events = new Recorder();
        cache = FailoverCache.start(settings(redis.uri()), events);
        assertEquals(CacheBackend.REDIS, cache.backend());
        cache.put(CacheKind.PRICE, "SOL:jupiter-price", "{\"px\":\"150\"}");

        redis.kill();
        assertTrue(within(BOUND, () -> cache.backend() == CacheBackend.LOCAL), "switched to local");
        // Served from the local copy every put leaves behind, and new values keep working.
        assertEquals(Optional.of("{\"px\":\"150\"}"), get(cache, CacheKind.PRICE, "SOL:jupiter-price"));
        cache.put(CacheKind.PRICE, "BTC:jupiter-price", "{\"px\":\"90000\"}");
        assertEquals(Optional.of("{\"px\":\"90000\"}"), get(cache, CacheKind.PRICE, "BTC:jupiter-price"));

        redis.restart();
        assertTrue(within(BOUND, () -> cache.backend() == CacheBackend.REDIS), "switched back to redis");
        cache.put(CacheKind.PRICE, "ETH:jupiter-price", "{\"px\":\"3000\"}");
        assertTrue(within(BOUND, () -> "ps1|{\"px\":\"3000\"}".equals(redis.command(null, "GET",
                "perpspot:price:ETH:jupiter-price"))));

        List<Status> ev = events.snapshot();
        assertEquals(6, ev.size(), ev.toString());
        assertEquals(List.of(Source.CACHE_REDIS, Source.CACHE_LOCAL, Source.CACHE_REDIS, Source.CACHE_LOCAL,
                Source.CACHE_REDIS, Source.CACHE_LOCAL), ev.stream().map(Status::source).toList());
        assertEquals(List.of(SourceState.UP, SourceState.DOWN, SourceState.DOWN, SourceState.UP, SourceState.UP,
                SourceState.DOWN), ev.stream().map(Status::state).toList());
        assertEquals(3, cache.stats().switches());
        assertFalse(ev.get(2).reason().isBlank(), "the down event says why");
    }

    @Test
    void redisModeFailsOverLikeAutoAndComesBack() throws Exception {
        redis = RedisProcess.start();
        Recorder events = new Recorder();
        cache = FailoverCache.start(settings(redis.uri(), "cache.mode=redis"), events);
        assertEquals(CacheBackend.REDIS, cache.backend());
        assertTrue(cache.describe().contains("cache.mode=redis"), cache.describe());
        redis.kill();
        assertTrue(within(BOUND, () -> cache.backend() == CacheBackend.LOCAL), "a cache never stops the engine: local");
        cache.put(CacheKind.SPREAD, "SOL", "{\"z\":1.5}");
        assertEquals(Optional.of("{\"z\":1.5}"), get(cache, CacheKind.SPREAD, "SOL"));
        redis.restart();
        assertTrue(within(BOUND, () -> cache.backend() == CacheBackend.REDIS), "back on redis");
        assertEquals(3, cache.stats().switches(), "onto redis at start, to local, back to redis");
        assertEquals(List.of(Source.CACHE_REDIS, Source.CACHE_LOCAL, Source.CACHE_REDIS, Source.CACHE_LOCAL),
                events.snapshot().stream().limit(4).map(Status::source).toList(), events.snapshot().toString());
    }

    @Test
    void unreachableRedisMeansLocalFromTheStartAndSaysWhyOnce() throws Exception {
        int port = Ports.freeLoopbackPort();
        Recorder events = new Recorder();
        CacheSettings s = settings("redis://127.0.0.1:" + port);
        CountingProbes redisProbes = new CountingProbes(new RedisBackend(s));
        cache = FailoverCache.start(s, events, redisProbes, System::nanoTime);
        assertEquals(CacheBackend.LOCAL, cache.backend());
        assertTrue(cache.describe().startsWith("cache: local"), cache.describe());
        cache.put(CacheKind.QUOTE_LADDER, "mint", "ladder");
        assertEquals(Optional.of("ladder"), get(cache, CacheKind.QUOTE_LADDER, "mint"));
        assertTrue(within(BOUND, () -> redisProbes.count.get() >= 4), "several failed health checks");
        List<Status> ev = events.snapshot();
        assertEquals(2, ev.size(), ev.toString());
        assertEquals(new Status(Source.CACHE_LOCAL, SourceState.UP, "serving the cache: redis unavailable at start"),
                ev.get(1));
        assertEquals(Source.CACHE_REDIS, ev.get(0).source());
        assertEquals(SourceState.DOWN, ev.get(0).state());
    }

    @Test
    void aCleanCloseRightAfterABurstOfPutsLetsRedisAnswerThemAndCountsNoError() throws Exception {
        redis = RedisProcess.start();
        Recorder events = new Recorder();
        cache = FailoverCache.start(settings(redis.uri()), events);
        assertEquals(CacheBackend.REDIS, cache.backend());
        for (int i = 0; i < 600; i++) { // about one mirror pass of 160 pairs, as at an engine's stop
            cache.put(CacheKind.PRICE, "T" + i, "{\"px\":\"" + i + "\"}");
        }
        cache.close();
        CacheStats s = cache.stats();
        assertEquals(0, s.errors(), s.toString());
        assertEquals("*600", redis.command(null, "KEYS", "perpspot:price:*"),
                "every put reached redis");
        Status last = events.snapshot().get(events.snapshot().size() - 1);
        assertEquals(new Status(Source.CACHE_REDIS, SourceState.DOWN, "stopped: " + s.figures()), last);
        assertTrue(last.reason().contains(" errors=0 "), last.toString());
    }

    @Test
    void somethingThatIsNotRedisOnThePortMeansLocal() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!s.isClosed()) {
                    try (Socket c = s.accept()) {
                        byte[] http = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                        c.getOutputStream().write(http);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            cache = FailoverCache.start(settings("redis://127.0.0.1:" + s.getLocalPort()), new Recorder());
            assertEquals(CacheBackend.LOCAL, cache.backend());
            assertNotNull(cache.stats().lastError());
        }
    }

    @Test
    void passwordAuthWorksAndAWrongPasswordFallsBackWithoutEverShowingIt() throws Exception {
        redis = RedisProcess.start("--requirepass", "corr3ct-h0rse");
        try (LogCapture logs = LogCapture.root()) {
            String good = "redis://:corr3ct-h0rse@127.0.0.1:" + redis.port();
            cache = FailoverCache.start(settings(good), new Recorder());
            assertEquals(CacheBackend.REDIS, cache.backend(), cache.describe());
            cache.put(CacheKind.SPREAD, "SOL", "x");
            assertTrue(within(BOUND, () -> "ps1|x".equals(redis.command("corr3ct-h0rse", "GET",
                    "perpspot:spread:SOL"))));
            cache.close();

            // The password from the environment when the URI has none.
            cache = FailoverCache.start(settings(redis.uri(), Map.of(CacheSettings.ENV_PASSWORD, "corr3ct-h0rse")),
                    new Recorder());
            assertEquals(CacheBackend.REDIS, cache.backend(), cache.describe());
            cache.close();

            Recorder events = new Recorder();
            String wrong = "redis://:wr0ng-b4ttery@127.0.0.1:" + redis.port();
            cache = FailoverCache.start(settings(wrong), events);
            assertEquals(CacheBackend.LOCAL, cache.backend());
            String everything = events.snapshot() + cache.describe() + cache.stats();
            for (ILoggingEvent e : logs.events()) {
                everything += e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            }
            assertFalse(everything.contains("wr0ng-b4ttery"), everything);
            assertFalse(everything.contains("corr3ct-h0rse"), everything);
            assertTrue(cache.describe().contains("redis://***@127.0.0.1:" + redis.port()), cache.describe());
        }
    }

    @Test
    void redisAnsweringErrorsFallsBackAndRecoversWhenItAcceptsWritesAgain() throws Exception {
        redis = RedisProcess.start();
        Recorder events = new Recorder();
        cache = FailoverCache.start(settings(redis.uri()), events);
        assertEquals(CacheBackend.REDIS, cache.backend());
        // Redis now refuses every write with "-OOM command not allowed when used memory > 'maxmemory'".
        assertEquals("+OK", redis.command(null, "CONFIG", "SET", "maxmemory-policy", "noeviction"));
        assertEquals("+OK", redis.command(null, "CONFIG", "SET", "maxmemory", "1"));
        cache.put(CacheKind.PRICE, "SOL:x", "1");
        assertTrue(within(BOUND, () -> cache.backend() == CacheBackend.LOCAL), "errors mean local");
        assertTrue(cache.stats().errors() >= 1, cache.stats().toString());
        assertEquals(Optional.of("1"), get(cache, CacheKind.PRICE, "SOL:x"));
        assertTrue(events.snapshot().get(2).reason().contains("OOM"), events.snapshot().toString());
        assertEquals("+OK", redis.command(null, "CONFIG", "SET", "maxmemory", "0"));
        assertTrue(within(BOUND, () -> cache.backend() == CacheBackend.REDIS), "back to redis");
    }

    @Test
    void undecodableValueIsAnErrorAnsweredFromTheLocalCopy() throws Exception {
        redis = RedisProcess.start();
        cache = FailoverCache.start(settings(redis.uri()), new Recorder());
        cache.put(CacheKind.SPREAD, "SOL", "{\"good\":1}");
        assertTrue(within(BOUND, () -> redis.command(null, "EXISTS", "perpspot:spread:SOL").equals(":1")));
        // Someone else overwrites it: no envelope. And one with the envelope but invalid UTF-8.
        assertEquals("+OK", redis.command(null, "SET", "perpspot:spread:SOL", "{\"foreign\":true}"));
        assertEquals(Optional.of("{\"good\":1}"), get(cache, CacheKind.SPREAD, "SOL"));
        assertEquals(1, cache.stats().errors());
        assertEquals("+OK", redis.commandBytes("SET", "perpspot:spread:BTC", new byte[] {'p', 's', '1', '|',
                (byte) 0xC3, (byte) 0x28}));
        assertEquals(Optional.empty(), get(cache, CacheKind.SPREAD, "BTC"));
        assertEquals(2, cache.stats().errors());
        assertEquals(CacheBackend.REDIS, cache.backend(), "one foreign value does not move the whole cache");
    }

    /** The real backend, counting its health probes. */
    private static final class CountingProbes implements RemoteBackend {
        final AtomicInteger count = new AtomicInteger();
        private final RemoteBackend real;

        CountingProbes(RemoteBackend real) {
            this.real = real;
        }

        @Override
        public Probe probe() {
            Probe p = real.probe();
            count.incrementAndGet();
            return p;
        }

        @Override
        public boolean connected() {
            return real.connected();
        }

        @Override
        public CompletableFuture<byte[]> get(String key) {
            return real.get(key);
        }

        @Override
        public CompletableFuture<?> set(String key, byte[] value, long ttlMillis) {
            return real.set(key, value, ttlMillis);
        }

        @Override
        public int drain(Duration bound) {
            return real.drain(bound);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void aRedisThatStopsAnsweringNeverBlocksCallersAndBoundsWhatIsOutstanding() throws Exception {
        redis = RedisProcess.start();
        cache = FailoverCache.start(settings(redis.uri(), "cache.redis.max-in-flight=4", "cache.redis.timeout=1s",
                "cache.redis.health-interval=5m"), new Recorder());
        assertEquals(CacheBackend.REDIS, cache.backend());
        redis.pause();
        try {
            for (int i = 0; i < 100; i++) {
                cache.put(CacheKind.PRICE, "T" + i, "v" + i); // returns at once: fire-and-forget
            }
            // The 5th and later commands are not sent: at most 4 were outstanding.
            assertEquals(96, cache.stats().dropped(), cache.stats().toString());
            // A get with every slot taken answers from the local copy without waiting for Redis.
            assertEquals(Optional.of("v50"), cache.get(CacheKind.PRICE, "T50").getNow(Optional.of("not completed")));
            // The timed-out commands ask for a health check, which fails: local.
            assertTrue(within(BOUND, () -> cache.backend() == CacheBackend.LOCAL), "a silent redis means local");
        } finally {
            redis.resume();
        }
    }
}
