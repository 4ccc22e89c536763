package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.Json;
import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.engine.cache.CacheKind;
import io.perpspot.engine.cache.CacheSettings;
import io.perpspot.engine.cache.FailoverCache;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.testing.RedisProcess;
import io.perpspot.engine.testkit.Await;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/cache} and {@code POST /api/cache/flush} against a real redis-server: a dashboard run alone
 * counts perpspot's keys by kind through its own connection; in the engine's process it shows the engine's
 * cache (hits, misses, local entries); a flush deletes perpspot's prefix only (another prefix's keys
 * survive) and needs the token when the dashboard requires one.
 */
class DashboardCacheTest {
    static final String TOKEN = "test-token-0123456789abcdef";

    @TempDir
    static Path dir;
    static TestJournal journal;
    static RedisProcess redis;
    static Config config;

    @BeforeAll
    static void start() {
        journal = new TestJournal(dir.resolve("j"));
        Fixture.write(journal);
        redis = RedisProcess.start();
        config = ConfigLoader.load(null, List.of("cache.redis.uri=" + redis.uri(), "cache.mode=redis"));
    }

    @AfterAll
    static void stop() {
        if (journal != null) {
            journal.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static void seed() {
        assertEquals("+OK", redis.command(null, "SET", "perpspot:price:SOL:jupiter-price", "1"));
        assertEquals("+OK", redis.command(null, "SET", "perpspot:spread:SOL", "2"));
        assertEquals("+OK", redis.command(null, "SET", "perpspot:spread:BONK", "3"));
        assertEquals("+OK", redis.command(null, "SET", "otherapp:spread:SOL", "keep"));
        assertEquals("+OK", redis.command(null, "SET", "perpspotx:price:SOL", "keep too"));
    }

    private static JsonNode cache(Dashboard d) throws Exception {
        Fixture.Reply r = Fixture.get(d, "/api/cache");
        assertEquals(200, r.status(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void aStandaloneDashboardCountsAndFlushesPerpspotsKeysOnlyThroughItsOwnConnection() throws Exception {
        seed();
        try (Dashboard d = Fixture.start(dir.resolve("j"), Fixture.settings(), DashboardServices.engine(config))) {
            JsonNode c = cache(d);
            assertEquals("standalone", c.get("process").asText(), c.toString());
            assertEquals("redis", c.get("backend").asText(), c.toString());
            assertEquals(1, c.get("keys").get("price").asLong(), c.toString());
            assertEquals(2, c.get("keys").get("spread").asLong(), c.toString());
            assertEquals(0, c.get("keys").get("quote-ladder").asLong(), c.toString());
            assertTrue(c.has("journaled"), "the engine's figures as journaled come with it");

            Fixture.Reply f = Fixture.post(d, "/api/cache/flush", "");
            assertEquals(200, f.status(), f.body());
            assertTrue(Json.MAPPER.readTree(f.body()).get("redisKeysDeleted").asLong() >= 3, f.body());
            assertEquals(null, redis.command(null, "GET", "perpspot:spread:SOL"));
            assertEquals("keep", redis.command(null, "GET", "otherapp:spread:SOL"));
            assertEquals("keep too", redis.command(null, "GET", "perpspotx:price:SOL"));
            assertEquals(0, cache(d).get("keys").get("spread").asLong());
        }
    }

    @Test
    void inTheEnginesProcessItShowsTheEnginesCacheAndFlushesBothStores() throws Exception {
        try (FailoverCache engine = FailoverCache.start(CacheSettings.from(config, Map.of()), (s, st, r) -> {
        }); Dashboard d = Fixture.start(dir.resolve("j"), Fixture.settings(), DashboardServices.engine(config))) {
            d.attachCache(engine);
            engine.put(CacheKind.TEMPLATES, "all", "[]");
            engine.put(CacheKind.SPREAD, "T000", "{}");
            Await.await("the puts reach Redis", 20, () -> ":1".equals(redis.command(null, "EXISTS",
                    "perpspot:spread:T000")) && ":1".equals(redis.command(null, "EXISTS", "perpspot:templates:all")));
            engine.get(CacheKind.SPREAD, "T000").get();
            engine.get(CacheKind.SPREAD, "missing").get();
            JsonNode c = cache(d);
            assertEquals("engine", c.get("process").asText(), c.toString());
            assertEquals(1, c.get("keys").get("spread").asLong(), c.toString());
            assertEquals(1, c.get("keys").get("templates").asLong(), c.toString());
            assertEquals(1, c.get("hits").asLong(), c.toString());
            assertEquals(1, c.get("misses").asLong(), c.toString());
            assertTrue(c.get("localSize").asLong() >= 2, c.toString());

            assertEquals("+OK", redis.command(null, "SET", "otherapp:price:SOL", "keep"));
            Fixture.Reply f = Fixture.post(d, "/api/cache/flush", "");
            assertEquals(200, f.status(), f.body());
            assertTrue(Json.MAPPER.readTree(f.body()).get("localEntriesDropped").asLong() >= 2, f.body());
            assertEquals(0, engine.stats().localSize());
            assertEquals(":0", redis.command(null, "EXISTS", "perpspot:spread:T000"));
            assertEquals("keep", redis.command(null, "GET", "otherapp:price:SOL"));
        }
    }

    @Test
    void aFlushWithoutTheTokenIsRefusedWhenOneIsRequired() throws Exception {
        seed();
        try (Dashboard d = Fixture.start(dir.resolve("j"), Fixture.settings().withToken(TOKEN),
                DashboardServices.engine(config))) {
            assertEquals(401, Fixture.post(d, "/api/cache/flush", "").status());
            assertEquals(401, Fixture.get(d, "/api/cache").status());
            assertEquals("2", redis.command(null, "GET", "perpspot:spread:SOL"), "nothing was flushed");
            HttpResponse<String> ok = Fixture.HTTP.send(HttpRequest.newBuilder(URI.create(d.url() + "/api/cache/flush"))
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(null, redis.command(null, "GET", "perpspot:spread:SOL"));
        }
    }
}
