package io.perpspot.engine.cache;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Settings and an event recorder for the cache tests. */
final class CacheTestSupport {
    private CacheTestSupport() {
    }

    /** Test settings: short timeouts and health checks, then the given {@code key=value} overrides. */
    static CacheSettings settings(String uri, String... sets) {
        return settings(uri, Map.of(), sets);
    }

    static CacheSettings settings(String uri, Map<String, String> env, String... sets) {
        List<String> all = new ArrayList<>(List.of("cache.mode=auto", "cache.redis.uri=" + uri,
                "cache.redis.timeout=300ms", "cache.redis.health-interval=100ms"));
        all.addAll(List.of(sets));
        return CacheSettings.from(ConfigLoader.load(null, all), env);
    }

    /** One SourceStatus the cache reported. */
    record Status(int source, int state, String reason) {
        @Override
        public String toString() {
            return Source.name(source) + " " + SourceState.name(state) + ": " + reason;
        }
    }

    /** Collects the cache's status events, in order. */
    static final class Recorder implements CacheEvents {
        final List<Status> events = new ArrayList<>();

        @Override
        public synchronized void status(int source, int state, String reason) {
            events.add(new Status(source, state, reason));
        }

        synchronized List<Status> snapshot() {
            return List.copyOf(events);
        }
    }
}
