package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.cache.CacheBackend;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.testing.RedisProcess;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * is printed at start, the switches are in the journal and in {@code journal stats}, and the
 * output is what the input implies either way ({@code replay --verify}).
 */
class EngineCacheRunTest {
    @TempDir
    Path dir;

    /** Runs the engine for a while with System.out teed into a buffer; returns what was printed. */
    private String run(Path journal, String uri, Duration duration, Runnable midRun) throws Exception {
        var config = ConfigLoader.load(null, List.of("cache.redis.uri=" + uri, "cache.redis.health-interval=100ms",
                "cache.redis.timeout=300ms", "cache.mirror-interval=200ms", "sim.tokens=20"));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        Engine engine = new Engine(EngineOptions.of(config, journal).feed("sim").duration(duration));
        try {
            engine.start();
            midRun.run();
            engine.awaitStop(duration);
        } finally {
            engine.close();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withNoRedisAutoRunsOnTheLocalCacheAndSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path journal = dir.resolve("j");
        String out = run(journal, "redis://:not-logged@127.0.0.1:" + port, Duration.ofSeconds(3), () -> { });
        assertTrue(out.lines().anyMatch(l -> l.startsWith("cache: local")), out);
        assertTrue(out.contains("cache             local now (mode auto)"), out);
        assertTrue(!out.contains("not-logged"), out);

        Cli.Run stats = Cli.run("journal", "stats", journal, "--format", "json");
        assertEquals(0, stats.code(), stats.toString());
        JsonNode cache = new ObjectMapper().readTree(stats.out()).path("cache");
        assertEquals("stopped", cache.path("backend").asText(), cache.toString());
        assertEquals(0, cache.path("switchesToRedis").asLong());
        assertEquals(1, cache.path("switchesToLocal").asLong());
        assertEquals("local", cache.path("lastFigures").path("backend").asText(), cache.toString());
        assertTrue(cache.path("lastFigures").path("puts").asLong() >= 1, cache.toString());
        assertTrue(!stats.out().contains("not-logged"), stats.out());

        Cli.Run verify = Cli.run("replay", journal, "--verify");
        assertEquals(0, verify.code(), verify.toString());
    }

    @Test
    void withRedisAutoUsesItAndAKillAndRestartMidRunIsJournaledWhileTheOutputStaysExact() throws Exception {
        Path journal = dir.resolve("j");
        try (RedisProcess redis = RedisProcess.start()) {
            List<String> errors = new ArrayList<>();
            String out = run(journal, redis.uri(), Duration.ofSeconds(6), () -> {
                try {
                    Thread.sleep(1500);
                    redis.kill();
                    Thread.sleep(1500);
                    redis.restart();
                } catch (Exception e) {
                    errors.add(e.toString());
                }
            });
            assertEquals(List.of(), errors);
            assertTrue(out.lines().anyMatch(l -> l.equals("cache: redis at " + redis.uri() + " (cache.mode=auto)")), out);
            assertTrue(out.contains("cache             redis now (mode auto)"), out);
            // What the engine shares through Redis after the restart (which came back empty): the
            // mirrored prices, and the discovered tokens and templates, put again on the switch back.
            assertNotNull(redis.command(null, "GET", "perpspot:price:SOL:jupiter-price"), "latest SOL spot price mirrored");
            String tokens = redis.command(null, "GET", "perpspot:tokens:discovered");
            assertNotNull(tokens, "discovered tokens put again after the restart");
            assertTrue(tokens.contains("\"symbol\":\"SOL\""), tokens);
            String templates = redis.command(null, "GET", "perpspot:templates:all");
            assertNotNull(templates, "templates put again after the restart");
            assertTrue(templates.contains("SOL Scalping") && templates.contains("BTC Large Size"), templates);
        }
        Cli.Run stats = Cli.run("journal", "stats", journal, "--format", "json");
        assertEquals(0, stats.code(), stats.toString());
        JsonNode cache = new ObjectMapper().readTree(stats.out()).path("cache");
        Cli.Run dump = Cli.run("journal", "dump", journal, "--type", "SourceStatus", "--format", "text");
        assertEquals(2, cache.path("switchesToRedis").asLong(), cache + "\n" + dump.out());
        assertEquals(1, cache.path("switchesToLocal").asLong(), cache.toString());
        assertEquals("redis", cache.path("lastFigures").path("backend").asText(), cache.toString());
        Cli.Run text = Cli.run("journal", "stats", journal);
        assertTrue(text.out().contains("cache (from the cache-redis / cache-local status events)"), text.out());
        assertTrue(text.out().contains("2 to redis, 1 to local"), text.out());

        Cli.Run verify = Cli.run("replay", journal, "--verify");
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(verify.out().contains("identical"), verify.out());
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
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
