package io.perpspot.engine.cache;

import io.perpspot.engine.core.Source;
import java.util.Locale;

/** Which store serves the cache at a moment; each is a journal {@link Source} for its SourceStatus events. */
public enum CacheBackend {
    REDIS(Source.CACHE_REDIS),
    LOCAL(Source.CACHE_LOCAL);

    private final int source;

    CacheBackend(int source) {
        this.source = source;
    }

    /** The journal source id of this backend. */
    public int source() {
        return source;
    }

    /** Lower-case name, as in logs and statistics. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
