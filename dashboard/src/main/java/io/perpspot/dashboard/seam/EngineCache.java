package io.perpspot.dashboard.seam;

import io.perpspot.engine.cache.CacheBackend;
import io.perpspot.engine.cache.CacheSettings;
import io.perpspot.engine.cache.CacheStats;
import io.perpspot.engine.cache.FailoverCache;
import io.perpspot.engine.cache.PerpspotCache;
import io.perpspot.engine.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cache behind {@code GET /api/cache} and {@code POST /api/cache/flush}. Inside {@code perpspot run}
 * the engine hands its own cache over ({@link #attach}): its live figures (hits, misses, errors,
 * evictions), its keys and a flush of both its stores. A dashboard run alone has no engine cache: it
 * opens its own client on the configured Redis ({@code cache.*}, the first time it is asked) only to
 * count and delete perpspot's keys there; the engine's figures then come from the journal (the caller
 * adds them). With {@code cache.mode=local} there is nothing this process can reach: it says so.
 */
public final class EngineCache implements AutoCloseable {
    private final Config config;
    private volatile PerpspotCache engine;
    private PerpspotCache own;
    private boolean closed;

    public EngineCache(Config config) {
        this.config = config;
    }

    /** The engine's cache, in the engine's process ({@code perpspot run}). */
    public void attach(PerpspotCache cache) {
        this.engine = cache;
    }

    /**
     * The figures and keys by kind as a JSON-ready map: {@code process} ({@code engine} or {@code
     * standalone}), {@code available}, {@code backend}, the counters (engine only), {@code keys}, {@code
     * keyPrefix} and a {@code note}.
     *
     * @throws IllegalStateException when Redis serves but does not answer
     */
    public synchronized Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        PerpspotCache c = engine;
        m.put("process", c != null ? "engine" : "standalone");
        m.put("keyPrefix", CacheSettings.from(config, System.getenv()).keyPrefix());
        if (c != null) {
            CacheStats s = c.stats();
            m.put("available", true);
            m.put("backend", s.backend().label());
            m.put("mode", s.mode());
            m.put("redis", s.redis());
            m.put("hits", s.hits());
            m.put("misses", s.misses());
            m.put("errors", s.errors());
            m.put("evictions", s.evictions());
            m.put("expired", s.expired());
            m.put("puts", s.puts());
            m.put("dropped", s.dropped());
            m.put("switches", s.switches());
            m.put("localSize", s.localSize());
            m.put("lastError", s.lastError());
            m.put("keys", c.keysByKind());
            m.put("note", "the engine's cache in this process: live figures since the engine started");
            return m;
        }
        PerpspotCache o = ownRedis();
        if (o == null) {
            m.put("available", false);
            m.put("note", "no cache in this process: cache.mode=local keeps the cache inside the engine's process;"
                    + " its figures as the journal last recorded them are under 'journaled'");
            return m;
        }
        CacheStats s = o.stats();
        boolean redis = s.backend() == CacheBackend.REDIS;
        m.put("available", redis);
        m.put("backend", s.backend().label());
        m.put("mode", s.mode());
        m.put("redis", s.redis());
        m.put("keys", redis ? o.keysByKind() : null);
        m.put("note", redis
                ? "a dashboard run alone: keys counted in the configured Redis through its own connection; the"
                + " engine's hits and misses live in the engine's process (its /metrics, and under 'journaled')"
                : "Redis is not reachable from this process" + (s.lastError() == null ? "" : ": " + s.lastError()));
        return m;
    }

    /**
     * Deletes perpspot's keys (its prefix only) in Redis, and the engine's local entries when in its process.
     *
     * @return a JSON-ready map of what was deleted, or null when this process reaches no cache
     * @throws IllegalStateException when Redis does not answer
     */
    public synchronized Map<String, Object> flush() {
        PerpspotCache c = engine != null ? engine : ownRedis();
        if (c == null || (engine == null && c.backend() != CacheBackend.REDIS)) {
            return null;
        }
        PerpspotCache.Flushed f = c.flush();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("process", engine != null ? "engine" : "standalone");
        m.put("redisKeysDeleted", f.redisKeys());
        m.put("localEntriesDropped", engine != null ? f.localEntries() : 0);
        m.put("keyPrefix", CacheSettings.from(config, System.getenv()).keyPrefix());
        return m;
    }

    /** This process's own client on the configured Redis, opened on first use; null with cache.mode=local. */
    private PerpspotCache ownRedis() {
        if (closed) {
            return null;
        }
        if (own == null) {
            CacheSettings s = CacheSettings.from(config, System.getenv());
            if (s.local() || s.target() == null) {
                return null;
            }
            // Its own switches are not journaled: this process writes no journal.
            own = FailoverCache.start(s, (source, state, reason) -> {
            });
        }
        return own;
    }

    /** Closes the client this process opened (never the engine's). */
    @Override
    public synchronized void close() {
        closed = true;
        if (own != null) {
            own.close();
            own = null;
        }
    }
}
