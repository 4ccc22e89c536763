package io.perpspot.engine.cache;

import static io.perpspot.engine.cache.CacheTestSupport.settings;
import static io.perpspot.engine.cache.FakeBackend.REFUSED;
import static io.perpspot.engine.testkit.Await.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.cache.CacheTestSupport.Recorder;
import io.perpspot.engine.cache.RemoteBackend.Probe;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror's constants (tokens, templates) reach a Redis that came back, however short the
 * outage: a switch away and back between two of its passes still puts them again. (An engine
 * run lost them for 12 h when Redis was killed and restarted within one mirror interval.)
 */
class CacheMirrorConstantsTest {
    private static final String TOKENS_KEY = "perpspot:tokens:discovered";

    @TempDir
    Path dir;

    @Test
    void aSwitchAwayAndBackBetweenTwoPassesPutsTheConstantsAgain() throws Exception {
        FakeBackend redis = new FakeBackend().then(Probe.OK);
        TokenRegistry registry = new TokenRegistry(List.of(
                new Token(0, "SOL", "SOL", 0, "So11111111111111111111111111111111111111112", 9)));
        try (Journal journal = Journal.openForWrite(dir, "daily", 1L << 20);
             FailoverCache cache = FailoverCache.start(settings("redis://127.0.0.1:6399",
                     "cache.redis.health-interval=20ms"), new Recorder(), redis, System::nanoTime)) {
            // Passes only when the test runs them: the interval is longer than the test.
            CacheMirror mirror = CacheMirror.start(cache, journal, registry, Duration.ofHours(1));
            mirror.constant(CacheKind.TOKENS, "discovered", CacheMirror.tokensJson(registry.all(), "test"));
            pass(cache, mirror);
            assertEquals(2, setsOf(redis, TOKENS_KEY), "put, and again by the first pass");
            pass(cache, mirror);
            assertEquals(2, setsOf(redis, TOKENS_KEY), "not again while nothing switched");

            redis.then(REFUSED, Probe.OK); // the next health checks: refused, then answers again
            assertTrue(within(Duration.ofSeconds(10), () -> cache.stats().switches() == 3), "to local and back");
            assertEquals(CacheBackend.REDIS, cache.backend(), "the mirror's passes never saw local serving");
            pass(cache, mirror);
            assertEquals(3, setsOf(redis, TOKENS_KEY), "put again on the redis that came back");
            pass(cache, mirror);
            assertEquals(3, setsOf(redis, TOKENS_KEY), "and only once");
            mirror.close();
        }
    }

    private static void pass(FailoverCache cache, CacheMirror mirror) throws Exception {
        cache.executor().submit(mirror::pass).get(5, TimeUnit.SECONDS);
    }

    private static long setsOf(FakeBackend redis, String key) {
        return redis.sent().stream().filter(c -> c.op().equals("SET") && c.key().equals(key)).count();
    }
}
