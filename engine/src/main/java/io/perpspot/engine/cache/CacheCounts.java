package io.perpspot.engine.cache;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cache's operations counted by the backend that handled them and how they ended. Written from any thread
 * (callers, the cache thread, Lettuce's); read by the figures ({@link CacheStats}) and the metrics exporter.
 */
public final class CacheCounts {
    /** How a cache operation ended. */
    public enum Result {
        /** A get answered with a value. */
        HIT,
        /** A get answered without one (absent or expired). */
        MISS,
        /** A command that failed or timed out, or a value that did not decode. */
        ERROR,
        /** A value written (counted under the backend serving then; the local copy is always kept too). */
        PUT,
        /** A Redis command not sent because {@code cache.redis.max-in-flight} were outstanding. */
        DROPPED;

        /** The lower-case label ({@code hit}, ...). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final int RESULTS = Result.values().length;
    private final LongAdder[] counts = new LongAdder[CacheBackend.values().length * RESULTS];

    CacheCounts() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void add(CacheBackend backend, Result result) {
        counts[backend.ordinal() * RESULTS + result.ordinal()].increment();
    }

    void add(CacheBackend backend, Result result, long n) {
        counts[backend.ordinal() * RESULTS + result.ordinal()].add(n);
    }

    /** Operations {@code backend} handled that ended in {@code result}, since start. */
    public long count(CacheBackend backend, Result result) {
        return counts[backend.ordinal() * RESULTS + result.ordinal()].sum();
    }

    /** Operations that ended in {@code result}, every backend together. */
    public long sum(Result result) {
        long n = 0;
        for (CacheBackend b : CacheBackend.values()) {
            n += count(b, result);
        }
        return n;
    }
}
