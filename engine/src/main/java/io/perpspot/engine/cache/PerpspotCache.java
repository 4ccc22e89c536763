package io.perpspot.engine.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The cache as the rest of perpspot sees it: typed by {@link CacheKind}, text values (JSON by
 * convention), a time to live per kind from configuration, never blocking the caller on I/O.
 * Whether Redis or the in-process store answers is invisible here (see {@link #backend()}).
 *
 * <p>Rules for callers: nothing read from the cache may be journaled as market data, and a
 * cache miss, error or outage must never change what the engine derives — the cache only saves
 * calls (quote ladders) and shares state with other processes (prices, spreads, tokens). Never
 * call it from the ring's consumer thread; {@link #getOrFetch} blocks and must not run on a
 * Netty I/O thread either (the scheduler thread is the place).
 */
public interface PerpspotCache extends AutoCloseable {
    /**
     * The value stored under {@code key}, if present and younger than its kind's TTL. The future
     * completes on the cache's own thread (or is complete already when the local store answers),
     * never with an exception: a failing Redis answers from the local store (and is counted as an error).
     */
    CompletableFuture<Optional<String>> get(CacheKind kind, String key);

    /** Stores a value with its kind's TTL (null is ignored). Fire-and-forget: returns at once; failures are counted. */
    void put(CacheKind kind, String key, String value);

    /**
     * Fetch-through without blocking: the cached value if there is one; otherwise the future of
     * {@code fetch} (called once, on the cache thread: it must only start asynchronous work),
     * whose non-null result is stored.
     */
    CompletableFuture<String> getOrFetchAsync(CacheKind kind, String key, Supplier<CompletableFuture<String>> fetch);

    /**
     * Fetch-through for scheduler threads: waits (at most about the Redis timeout) for the
     * cached value; on a miss calls {@code fetch} on the calling thread and stores its non-null
     * result. {@code fetch} is called only on a miss; what it throws propagates.
     *
     * @throws IllegalStateException if called on the cache's own thread (it would wait on itself)
     */
    String getOrFetch(CacheKind kind, String key, Callable<String> fetch) throws Exception;

    /** The configured time to live of a kind. */
    Duration ttl(CacheKind kind);

    /** The store serving now. */
    CacheBackend backend();

    /** Current figures (cheap; for logs and the dashboard). */
    CacheStats stats();

    /**
     * perpspot's keys in the store serving now by {@link CacheKind#id()} (and {@code other} for its own
     * bookkeeping, such as the health probe's key), counted with SCAN under {@code cache.redis.key-prefix}
     * in Redis. Blocks at most about the Redis timeout per round trip; never call it on the cache thread.
     *
     * @throws IllegalStateException when Redis serves but does not answer
     */
    Map<String, Long> keysByKind();

    /**
     * Deletes perpspot's keys: those under {@code cache.redis.key-prefix} in Redis (when connected; keys of
     * any other prefix are never touched) and every entry of the local store. Blocks like {@link #keysByKind}.
     *
     * @return keys deleted in Redis and entries dropped locally
     * @throws IllegalStateException when Redis is connected but does not answer
     */
    Flushed flush();

    /** What a {@link #flush} deleted. */
    record Flushed(long redisKeys, long localEntries) {
    }

    /** Stops health checks, journals the final figures and closes the Redis client. Idempotent. */
    @Override
    void close();
}
