package io.perpspot.engine.cache;

import static io.perpspot.engine.cache.CacheTestSupport.settings;
import static io.perpspot.engine.testkit.Await.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.pipeline.PipelineSettings;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.testing.RedisProcess;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: while a publisher loop feeds the ring (as a feed's I/O thread does) and the
 * mirror copies the journal into the cache, Redis is killed and restarted. The cache switches
 * to local and back, each switch journaled as SourceStatus, and the journal holds every tick,
 * in order, with no stall.
 */
class CacheFailoverKeepsEveryTickTest {
    private static final int TICKS = 3000;
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void killingAndRestartingRedisMidRunLosesAndStallsNoTick() throws Exception {
        var config = ConfigLoader.load(null, List.of());
        TokenRegistry registry = new TokenRegistry(List.of(
                new Token(0, "SOL", "SOL", 0, "So11111111111111111111111111111111111111112", 9),
                new Token(0, "BONK", "kBONK", 3, "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263", 5)));
        OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
        try (RedisProcess redis = RedisProcess.start()) {
            Journal journal = Journal.openForWrite(dir, "daily", 1L << 20);
            Pipeline topology = new Pipeline(journal, PipelineSettings.plain(1024, "sleeping"), new FeedStats());
            topology.start();
            StatusPublisher status = new StatusPublisher(topology.publisher(), clock);
            MarketEvent e = new MarketEvent();
            topology.publisher().publish(EngineEvents.engineStart(e, StrategySettings.from(config).text(),
                    clock.nanoTime()));
            for (Token t : registry.all()) {
                topology.publisher().publish(EngineEvents.tokenDef(e, t, clock.nanoTime()));
            }
            FailoverCache cache = FailoverCache.start(settings(redis.uri(), "cache.mirror-interval=50ms"),
                    status::publish);
            CacheMirror mirror = CacheMirror.start(cache, journal, registry, Duration.ofMillis(50));
            assertEquals(CacheBackend.REDIS, cache.backend());

            AtomicInteger published = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            Thread feed = new Thread(() -> {
                MarketEvent tick = new MarketEvent();
                for (int i = 0; i < TICKS; i++) {
                    tick.reset();
                    tick.type = EventType.SPOT_PRICE;
                    tick.source = Source.JUPITER_PRICE;
                    tick.tokenId = i % 2;
                    tick.recvNanos = clock.nanoTime();
                    tick.exchTimeMs = i; // the tick's number, checked in the journal
                    tick.spotPx = (100 + i) * FixedPoint.PRICE_SCALE;
                    tick.liquidityUsd = FixedPoint.NULL;
                    tick.blockId = FixedPoint.NULL;
                    while (!topology.publisher().publish(tick)) {
                        refused.incrementAndGet(); // ring full: retry (never expected at this rate)
                        Thread.onSpinWait();
                    }
                    published.incrementAndGet();
                    if (i % 3 == 0) {
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException ex) {
                            return;
                        }
                    }
                }
            }, "test-feed");
            feed.start();

            assertTrue(within(BOUND, () -> published.get() > TICKS / 5));
            redis.kill();
            assertTrue(within(BOUND, () -> cache.backend() == CacheBackend.LOCAL), "switched to local");
            int atLocal = published.get();
            assertTrue(within(BOUND, () -> published.get() > atLocal + 200), "ticks keep flowing on local");
            redis.restart();
            assertTrue(within(BOUND, () -> cache.backend() == CacheBackend.REDIS), "switched back to redis");
            feed.join(60_000);
            assertEquals(TICKS, published.get());
            assertTrue(within(BOUND, () -> topology.backlog() == 0), "the consumer journaled everything");

            mirror.close();
            cache.close();
            topology.close();
            journal.close();

            // The mirror wrote the last price of each token to the restarted Redis.
            String sol = redis.command(null, "GET", "perpspot:price:SOL:jupiter-price");
            assertNotNull(sol, "price mirrored after the restart");
            assertTrue(sol.contains("\"px\":\"" + (100 + TICKS - 2) + "\""), sol);
            assertNotNull(redis.command(null, "GET", "perpspot:price:BONK:jupiter-price"));
            assertEquals(0, refused.get(), "the ring never refused a tick");
        }

        List<Long> ticks = new ArrayList<>();
        List<Long> tickNanos = new ArrayList<>();
        List<String> cacheStatus = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachInput(ev -> {
                if (ev.type == EventType.SPOT_PRICE) {
                    ticks.add(ev.exchTimeMs);
                    tickNanos.add(ev.recvNanos);
                } else if (ev.type == EventType.SOURCE_STATUS
                        && (ev.source == Source.CACHE_REDIS || ev.source == Source.CACHE_LOCAL)) {
                    cacheStatus.add(Source.name(ev.source) + " " + SourceState.name(ev.status));
                }
                return true;
            });
        }
        assertEquals(TICKS, ticks.size(), "every tick journaled");
        for (int i = 0; i < TICKS; i++) {
            assertEquals(i, ticks.get(i), "tick order");
        }
        long maxGap = 0;
        for (int i = 1; i < tickNanos.size(); i++) {
            maxGap = Math.max(maxGap, tickNanos.get(i) - tickNanos.get(i - 1));
        }
        // Behaviour bound, generous: a tick never waited on Redis (timeout 300 ms, failover ~0.4 s).
        assertTrue(maxGap < Duration.ofSeconds(2).toNanos(), "largest gap between ticks " + maxGap / 1e6 + " ms");
        assertEquals(List.of("cache-redis up", "cache-local down", "cache-redis down", "cache-local up",
                "cache-redis up", "cache-local down", "cache-redis down"), cacheStatus);
    }
}
