package io.perpspot.engine.cache;

import java.util.Locale;

/**
 * A snapshot of the cache's figures, for logs, the engine summary, the journal (the reason text
 * of the cache's last SourceStatus) and the dashboard's health page.
 *
 * @param mode       configured mode: redis, local or auto
 * @param backend    the store serving now
 * @param redis      the Redis target with any credentials replaced by {@code ***}
 * @param hits       gets answered with a value
 * @param misses     gets answered without one (absent or expired)
 * @param errors     Redis commands that failed or timed out, and values that did not decode
 * @param evictions  local entries dropped because the local cache was full
 * @param expired    local entries dropped because their time to live had passed
 * @param puts       values written
 * @param dropped    Redis commands not sent because {@code cache.redis.max-in-flight} were outstanding
 * @param switches   backend switches since start (the first choice included)
 * @param localSize  entries held in-process now
 * @param lastError  the latest failure reason (credentials redacted), or null
 */
public record CacheStats(String mode, CacheBackend backend, String redis, long hits, long misses, long errors,
                         long evictions, long expired, long puts, long dropped, long switches, int localSize,
                         String lastError) {
    /** {@code key=value} figures in one line; journal-tools parses this form out of SourceStatus reasons. */
    public String figures() {
        return String.format(Locale.ROOT,
                "backend=%s hits=%d misses=%d errors=%d evictions=%d expired=%d puts=%d dropped=%d switches=%d",
                backend.label(), hits, misses, errors, evictions, expired, puts, dropped, switches);
    }
}
