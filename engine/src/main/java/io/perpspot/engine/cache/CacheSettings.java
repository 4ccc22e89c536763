package io.perpspot.engine.cache;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The cache's configuration ({@code cache.*}), with the environment applied:
 * {@code PERPSPOT_REDIS_URI} replaces {@code cache.redis.uri}, {@code REDIS_PASSWORD} supplies a
 * password the URI lacks. A configured URI that does not parse is a configuration error (exit 2,
 * redacted); an environment URI that does not parse leaves {@code target} null and the reason in
 * {@code targetProblem}: the cache then runs locally and says why once.
 */
public record CacheSettings(String mode, RedisTarget target, String targetProblem, Duration timeout,
                            Duration healthInterval, int maxInFlight, String keyPrefix, int localMaxEntries,
                            Duration mirrorInterval, Map<CacheKind, Duration> ttls) {
    public static final String ENV_URI = "PERPSPOT_REDIS_URI";
    public static final String ENV_PASSWORD = "REDIS_PASSWORD";

    /** From configuration and an environment (pass {@code System.getenv()}). */
    public static CacheSettings from(Config c, Map<String, String> env) {
        String uri = env.get(ENV_URI);
        String where = ENV_URI;
        if (uri == null || uri.isBlank()) {
            uri = c.get(Settings.CACHE_REDIS_URI);
            where = Settings.CACHE_REDIS_URI.name();
        }
        RedisTarget target = null;
        String problem = null;
        try {
            target = RedisTarget.parse(uri, env.get(ENV_PASSWORD));
        } catch (IllegalArgumentException e) {
            if (where.equals(ENV_URI)) {
                problem = ENV_URI + ": " + e.getMessage();
            } else {
                throw new ConfigException("config: " + where + ": " + e.getMessage());
            }
        }
        Map<CacheKind, Duration> ttls = new EnumMap<>(CacheKind.class);
        for (CacheKind k : CacheKind.values()) {
            ttls.put(k, c.get(k.ttlKey()));
        }
        return new CacheSettings(c.get(Settings.CACHE_MODE), target, problem, c.get(Settings.CACHE_REDIS_TIMEOUT),
                c.get(Settings.CACHE_HEALTH_INTERVAL), c.get(Settings.CACHE_MAX_IN_FLIGHT),
                c.get(Settings.CACHE_KEY_PREFIX), c.get(Settings.CACHE_LOCAL_MAX),
                c.get(Settings.CACHE_MIRROR_INTERVAL),
                ttls);
    }

    /** True for {@code cache.mode=local}: the in-process store only, Redis is never tried. */
    public boolean local() {
        return mode.equals("local");
    }
}
