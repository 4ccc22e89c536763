package io.perpspot.dashboard.state;

import java.util.Map;

/** The shared cache as the journal tells it: one of two shapes. */
public sealed interface CacheInfo {
    /** The journal holds no cache status (an engine that predates the cache, or not started yet). */
    record NotJournaled(String backend, String note) implements CacheInfo {
    }

    /**
     * The cache's backends as journaled.
     *
     * @param backend     redis, local or {@code none (stopped)}
     * @param figures     the run's figures from the cache's stop status (numbers where they are digits), or null
     * @param figuresNote where the figures come from, or why there are none
     */
    record Journaled(String backend, SourceInfo redis, SourceInfo local, Map<String, Object> figures,
                     String figuresNote) implements CacheInfo {
    }
}
