package io.perpspot.engine.cache;

import io.perpspot.engine.config.ConfigKey;
import io.perpspot.engine.config.Settings;
import java.time.Duration;

/**
 * What the cache holds. Each kind has its own key space ({@code <prefix><id>:<key>} in Redis) and
 * its own time to live ({@code cache.ttl.<id>}). Values are text (JSON by convention).
 */
public enum CacheKind {
    /** Latest price per token and source; key {@code SYMBOL:source-name}. Written from the journal. */
    PRICE("price", Settings.CACHE_TTL_PRICE),
    /** The discovered token set; key {@code discovered}. Written once per engine start. */
    TOKENS("tokens", Settings.CACHE_TTL_TOKENS),
    /** A Jupiter quote ladder per mint: a cached one younger than its TTL replaces a quote call. */
    QUOTE_LADDER("quote-ladder", Settings.CACHE_TTL_QUOTE_LADDER),
    /** Latest spread snapshot per token; key {@code SYMBOL}. Written from the output journal. */
    SPREAD("spread", Settings.CACHE_TTL_SPREAD),
    /** Execution templates (config/templates.yaml), by template name. */
    TEMPLATES("templates", Settings.CACHE_TTL_TEMPLATES);

    private final String id;
    private final ConfigKey<Duration> ttlKey;

    CacheKind(String id, ConfigKey<Duration> ttlKey) {
        this.id = id;
        this.ttlKey = ttlKey;
    }

    /** The kind's name in keys, configuration and statistics ({@code quote-ladder}). */
    public String id() {
        return id;
    }

    /** The configuration key of this kind's time to live. */
    public ConfigKey<Duration> ttlKey() {
        return ttlKey;
    }
}
