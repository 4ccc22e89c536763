package io.perpspot.tools;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.cache.CacheBackend;
import io.perpspot.engine.cache.FailoverCache;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testing.Ports;
import io.perpspot.engine.testing.RedisProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --feed sim} with the cache in auto mode: with no Redis it runs on the local cache,
 * with one it uses Redis (and survives Redis being killed and restarted mid-run); the mode in use
 * is printed at start, the switches are in the journal and in {@code journal stats}, a clean stop
 * counts no cache error, and the output is what the input implies either way
 * ({@code replay --verify}). Each run waits for what it needs to have happened, then stops.
 */
class EngineCacheRunTest {
    /** The longest any awaited step may take, even on a loaded machine. */
    private static final double BOUND_SECONDS = 60;
    private static final String SOL_PRICE = "perpspot:price:SOL:jupiter-price";
    private static final int PAIRS = 20;
    /** sim.tokens of the shipped configuration. */
    private static final int SHIPPED_PAIRS = 160;

    @TempDir
    Path dir;

    /** What a run did while it ran. */
    @FunctionalInterface
    private interface MidRun {
        void during(Engine engine) throws Exception;
    }

    /**
     * Runs the engine until {@code midRun} returns (at most {@link #BOUND_SECONDS} more), with
     * System.out teed into a buffer; returns what was printed, the summary included.
     */
    private String run(Path journal, String uri, MidRun midRun, String... sets) throws Exception {
        // A killed or absent Redis refuses at once; the timeout only keeps a loaded machine's slow answer
        // from counting as an outage (the switch counts below are exact).
        List<String> all = new ArrayList<>(List.of("cache.redis.uri=" + uri, "cache.redis.health-interval=100ms",
                "cache.redis.timeout=2s", "cache.mirror-interval=200ms", "sim.tokens=" + PAIRS));
        all.addAll(List.of(sets));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        Engine engine = new Engine(EngineOptions.of(ConfigLoader.load(null, all), journal).feed("sim")
                .duration(Duration.ofSeconds((long) BOUND_SECONDS * 4)));
        try {
            engine.start();
            midRun.during(engine);
        } finally {
            engine.requestStop();
            engine.close();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Until the mirror has copied journaled spot prices into the cache: puts beyond the tokens and templates. */
    private static void awaitMirroredPrices(Engine engine) throws InterruptedException {
        await("journaled spot prices mirrored into the cache", BOUND_SECONDS,
                () -> engine.assembly().journaled(EventType.SPOT_PRICE) > 0 && cache(engine).stats().puts() > 2);
    }

    private static FailoverCache cache(Engine engine) {
        return engine.assembly().cache();
    }

    private static JsonNode cacheStats(Path journal) throws Exception {
        InProcessCli.Run stats = InProcessCli.run("journal", "stats", journal, "--format", "json");
        assertEquals(0, stats.code(), stats.toString());
        return new ObjectMapper().readTree(stats.out()).path("cache");
    }

    private static void assertReplayIsIdentical(Path journal) {
        InProcessCli.Run verify = InProcessCli.run("replay", journal, "--verify");
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(verify.out().contains("identical"), verify.out());
    }

    @Test
    void withNoRedisAutoRunsOnTheLocalCacheAndSaysSo() throws Exception {
        int port = Ports.freeLoopbackPort();
        Path journal = dir.resolve("j");
        String out = run(journal, "redis://:not-logged@127.0.0.1:" + port, EngineCacheRunTest::awaitMirroredPrices);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("cache: local")), out);
        assertTrue(out.contains("cache             local now (mode auto)"), out);
        assertTrue(!out.contains("not-logged"), out);

        JsonNode cache = cacheStats(journal);
        assertEquals("stopped", cache.path("backend").asText(), cache.toString());
        assertEquals(0, cache.path("switchesToRedis").asLong());
        assertEquals(1, cache.path("switchesToLocal").asLong());
        assertEquals("local", cache.path("lastFigures").path("backend").asText(), cache.toString());
        assertTrue(cache.path("lastFigures").path("puts").asLong() > 2, cache.toString());
        assertTrue(!cache.toString().contains("not-logged"), cache.toString());
        assertReplayIsIdentical(journal);
    }

    @Test
    void aCleanStopOfARunOnRedisCountsNoCacheError() throws Exception {
        Path journal = dir.resolve("j");
        try (RedisProcess redis = RedisProcess.start()) {
            // The shipped universe: every pair priced again since the last pass, so the pass at the stop
            // writes ~600 keys, as in the run whose summary said errors 570. With a timeout no busy machine
            // reaches, an error here is one the stop caused (before the fix, about every second run).
            String out = run(journal, redis.uri(), engine -> {
                await("the mirror's prices in redis", BOUND_SECONDS, () -> redis.command(null, "GET",
                        SOL_PRICE) != null);
                long prices = engine.assembly().journaled(EventType.SPOT_PRICE);
                await("every pair priced again", BOUND_SECONDS,
                        () -> engine.assembly().journaled(EventType.SPOT_PRICE) >= prices + SHIPPED_PAIRS);
                assertEquals(0, cache(engine).stats().errors(), cache(engine).stats().toString());
            }, "sim.tokens=" + SHIPPED_PAIRS, "cache.redis.timeout=10s", "cache.mirror-interval=1s");
            String summary = out.lines().filter(l -> l.startsWith("  cache ")).findFirst().orElse(out);
            assertTrue(summary.startsWith("  cache             redis now (mode auto): "), summary);
            assertTrue(summary.contains(", errors 0,"), summary);
        }
        JsonNode figures = cacheStats(journal).path("lastFigures");
        assertEquals("redis", figures.path("backend").asText(), figures.toString());
        assertEquals(0, figures.path("errors").asLong(), "the journaled final figures: " + figures);
        assertEquals(0, figures.path("dropped").asLong(), figures.toString());
    }

    @Test
    void withRedisAutoUsesItAndAKillAndRestartMidRunIsJournaledWhileTheOutputStaysExact() throws Exception {
        Path journal = dir.resolve("j");
        try (RedisProcess redis = RedisProcess.start()) {
            String out = run(journal, redis.uri(), engine -> {
                await("the mirror's prices in redis", BOUND_SECONDS, () -> redis.command(null, "GET",
                        SOL_PRICE) != null);
                redis.kill();
                await("the switch to local", BOUND_SECONDS, () -> cache(engine).backend() == CacheBackend.LOCAL);
                long putsOnLocal = cache(engine).stats().puts();
                await("the mirror writing on local", BOUND_SECONDS, () -> cache(engine).stats().puts() > putsOnLocal);
                redis.restart();
                await("the switch back to redis", BOUND_SECONDS, () -> cache(engine).backend() == CacheBackend.REDIS);
                // The restarted Redis came back empty: the constants are put again on the switch, the prices
                // by the mirror's next pass.
                await("tokens, templates and prices in the restarted redis", BOUND_SECONDS,
                        () -> redis.command(null, "GET", SOL_PRICE) != null
                                && redis.command(null, "GET", "perpspot:tokens:discovered") != null
                                && redis.command(null, "GET", "perpspot:templates:all") != null);
            });
            assertTrue(out.lines().anyMatch(l -> l.equals("cache: redis at " + redis.uri() + " (cache.mode=auto)")),
                    out);
            assertTrue(out.contains("cache             redis now (mode auto)"), out);
            String tokens = redis.command(null, "GET", "perpspot:tokens:discovered");
            assertTrue(tokens.contains("\"symbol\":\"SOL\""), tokens);
            String templates = redis.command(null, "GET", "perpspot:templates:all");
            assertTrue(templates.contains("SOL Scalping") && templates.contains("BTC Large Size"), templates);
            assertNotNull(redis.command(null, "GET", SOL_PRICE), "latest SOL spot price mirrored");
        }
        JsonNode cache = cacheStats(journal);
        InProcessCli.Run dump = InProcessCli.run("journal", "dump", journal, "--type", "SourceStatus", "--format",
                "text");
        assertEquals(2, cache.path("switchesToRedis").asLong(), cache + "\n" + dump.out());
        assertEquals(1, cache.path("switchesToLocal").asLong(), cache.toString());
        assertEquals("redis", cache.path("lastFigures").path("backend").asText(), cache.toString());
        InProcessCli.Run text = InProcessCli.run("journal", "stats", journal);
        assertTrue(text.out().contains("cache (from the cache-redis / cache-local status events)"), text.out());
        assertTrue(text.out().contains("2 to redis, 1 to local"), text.out());
        assertReplayIsIdentical(journal);
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
