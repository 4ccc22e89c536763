package io.perpspot.engine.cache;

import static io.perpspot.engine.cache.CacheTestSupport.settings;
import static io.perpspot.engine.cache.FakeBackend.REFUSED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.cache.CacheTestSupport.Recorder;
import io.perpspot.engine.cache.CacheTestSupport.Status;
import io.perpspot.engine.cache.FakeBackend.Command;
import io.perpspot.engine.cache.RemoteBackend.Probe;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The router on a {@link FakeBackend} whose commands the test answers: where gets and puts go,
 * the local copy every put leaves, the figures, and what a close waits for. Health checks are
 * 5 minutes apart, so the only checks are the first and those a failed command asks for;
 * {@link #settled()} waits for the cache thread to finish what it was handed.
 */
class FailoverCacheRoutingTest {
    private static final String URI = "redis://127.0.0.1:6399";

    private final Recorder events = new Recorder();
    private final FakeBackend redis = new FakeBackend();
    private final AtomicLong now = new AtomicLong();
    private FailoverCache cache;

    @AfterEach
    void stop() {
        if (cache != null) {
            cache.close();
        }
    }

    private FailoverCache started(Probe... probes) {
        cache = FailoverCache.start(settings(URI, "cache.redis.health-interval=5m", "cache.ttl.price=90s"), events,
                redis.then(probes), now::get);
        return cache;
    }

    /** Runs after everything already handed to the cache thread (a single thread, in order). */
    private void settled() throws Exception {
        cache.executor().submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aPutGoesToRedisEnvelopedWithItsTtlAndToTheLocalMapSoAFailoverStartsWarm() throws Exception {
        started(Probe.OK, REFUSED);
        cache.put(CacheKind.PRICE, "SOL:jupiter-price", "{\"px\":\"150\"}");
        Command set = redis.sent().get(0);
        assertEquals("SET", set.op());
        assertEquals("perpspot:price:SOL:jupiter-price", set.key());
        assertArrayEquals("ps1|{\"px\":\"150\"}".getBytes(StandardCharsets.UTF_8), set.value());
        assertEquals(90_000, set.ttlMillis());

        set.future().completeExceptionally(new IllegalStateException("Connection closed"));
        settled(); // the failed SET asked for a check: refused, so local
        assertEquals(CacheBackend.LOCAL, cache.backend());
        assertEquals(1, cache.stats().errors());
        assertEquals(new Status(Source.CACHE_REDIS, SourceState.DOWN, REFUSED.failure()), events.snapshot().get(2));
        assertEquals(Optional.of("{\"px\":\"150\"}"), cache.get(CacheKind.PRICE, "SOL:jupiter-price").get());
        assertEquals(1, redis.sent().size(), "nothing more goes to redis while local serves");
        now.addAndGet(91_000_000_000L);
        assertEquals(Optional.empty(), cache.get(CacheKind.PRICE, "SOL:jupiter-price").get(), "the local TTL");
    }

    @Test
    void aGetIsAnsweredFromRedisOnTheCacheThreadNeverOnTheStoresIoThread() throws Exception {
        started(Probe.OK);
        var answer = cache.get(CacheKind.SPREAD, "SOL");
        var absent = cache.get(CacheKind.SPREAD, "BTC");
        CountDownLatch busy = new CountDownLatch(1);
        cache.executor().execute(() -> await(busy)); // the cache thread is held here
        redis.sent().get(0).future().complete("ps1|{\"z\":1}".getBytes(StandardCharsets.UTF_8));
        redis.sent().get(1).future().complete(null);
        assertFalse(answer.isDone() || absent.isDone(), "the store's completing thread did not answer the caller");
        busy.countDown();
        assertEquals(Optional.of("{\"z\":1}"), answer.get(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), absent.get(5, TimeUnit.SECONDS));
        assertEquals(1, cache.stats().hits());
        assertEquals(1, cache.stats().misses());
        assertEquals(0, cache.stats().errors());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFailedGetIsAnErrorAnsweredFromTheLocalCopyAndAsksForACheck() throws Exception {
        started(Probe.OK, Probe.OK);
        cache.put(CacheKind.TOKENS, "discovered", "[SOL]");
        var answer = cache.get(CacheKind.TOKENS, "discovered");
        redis.sent().get(1).future().completeExceptionally(new IllegalStateException("timed out"));
        assertEquals(Optional.of("[SOL]"), answer.get(5, TimeUnit.SECONDS));
        settled();
        assertEquals(1, cache.stats().errors());
        assertEquals(2, redis.probes(), "the start's probe and the one the failure asked for");
        assertEquals(CacheBackend.REDIS, cache.backend(), "the probe answered: redis keeps serving");
        assertEquals("GET: IllegalStateException: timed out", cache.stats().lastError());
        // By backend: the put and the failed get went to Redis, the answer came from the local copy.
        CacheCounts counts = cache.counts();
        assertEquals(1, counts.count(CacheBackend.REDIS, CacheCounts.Result.PUT));
        assertEquals(1, counts.count(CacheBackend.REDIS, CacheCounts.Result.ERROR));
        assertEquals(0, counts.count(CacheBackend.REDIS, CacheCounts.Result.HIT));
        assertEquals(1, counts.count(CacheBackend.LOCAL, CacheCounts.Result.HIT));
        assertEquals(0, counts.count(CacheBackend.LOCAL, CacheCounts.Result.PUT));
    }

    @Test
    void commandsNotSentAtTheInFlightBoundAreDroppedAndAGetIsAnsweredLocallyAtOnce() {
        started(Probe.OK);
        cache.put(CacheKind.PRICE, "T1", "v1");
        redis.refuseCommands(true);
        cache.put(CacheKind.PRICE, "T2", "v2");
        assertEquals(Optional.of("v2"), cache.get(CacheKind.PRICE, "T2").getNow(Optional.of("not completed")));
        assertEquals(2, cache.stats().dropped());
        assertEquals(2, cache.stats().puts());
        assertEquals(1, redis.sent().size());
    }

    @Test
    void aCleanCloseLetsWhatWasSentBeAnsweredThenJournalsFiguresWithoutErrors() {
        started(Probe.OK);
        for (int i = 0; i < 50; i++) {
            cache.put(CacheKind.PRICE, "T" + i, "v" + i); // outstanding when the close begins
        }
        cache.close();
        assertEquals(List.of("probe", "drain", "close"), redis.calls(), "drained before the connection closes");
        assertEquals(0, cache.stats().errors(), cache.stats().toString());
        List<Status> ev = events.snapshot();
        assertEquals(new Status(Source.CACHE_REDIS, SourceState.DOWN, "stopped: " + cache.stats().figures()),
                ev.get(ev.size() - 1), "the journaled final figures are the summary's");
        assertTrue(ev.get(ev.size() - 1).reason().contains(" errors=0 "), ev.toString());
        cache.put(CacheKind.PRICE, "late", "x");
        assertEquals(50, redis.sent().size(), "after close nothing goes to redis");
        assertEquals(0, cache.stats().dropped(), "nor is a late put a dropped command");
        assertNull(cache.stats().lastError());
    }

    @Test
    void commandsStillUnansweredAfterTheDrainAreCountedOnceAsErrors() {
        started(Probe.OK);
        for (int i = 0; i < 5; i++) {
            cache.put(CacheKind.PRICE, "T" + i, "v" + i);
        }
        redis.leaveUnansweredAtDrain(2);
        cache.close();
        assertEquals(2, cache.stats().errors(),
                "counted before the final figures, not again when the close fails them");
        assertEquals("2 command(s) unanswered at close", cache.stats().lastError());
        assertTrue(events.snapshot().get(events.snapshot().size() - 1).reason().contains(" errors=2 "));
    }
}
