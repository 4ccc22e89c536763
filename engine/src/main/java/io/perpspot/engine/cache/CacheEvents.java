package io.perpspot.engine.cache;

/**
 * Where the cache reports a backend switch: the engine journals it as a SourceStatus event (and
 * {@link io.perpspot.engine.ring.StatusPublisher} logs it once). Called on the cache thread only.
 */
@FunctionalInterface
public interface CacheEvents {
    /** A state change of a cache source ({@link io.perpspot.engine.core.Source#CACHE_REDIS} or CACHE_LOCAL). */
    void status(int source, int state, String reason);
}
