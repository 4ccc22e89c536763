package io.perpspot.engine.cache;

import io.perpspot.engine.cache.CacheCounts.Result;
import io.perpspot.engine.core.SourceState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PerpspotCache}: routes every call to the store the {@link FailoverPolicy} says
 * serves, Redis ({@link RedisBackend}) or the in-process {@link LocalCache}, and keeps the figures.
 *
 * <pre>
 *  callers (scheduler, feeds, mirror) ── get/put ──┬─ serving == REDIS ─▶ RemoteBackend (own I/O thread,
 *        │                                        │       ≤ max-in-flight outstanding, every command timed out)
 *        │                                        └─ LOCAL, or Redis failing, or too many in flight ─▶ LocalCache
 *        └─ every put also lands in LocalCache (so a failover starts warm)
 *
 *  perpspot-cache thread: FailoverPolicy.check() every health-interval, and soon after a failed
 *  command ─▶ switch ─▶ CacheEvents (journaled as SourceStatus cache-redis / cache-local)
 * </pre>
 *
 * <p>Only the cache thread switches; a failing data command only asks it to check now. Futures
 * handed to callers complete on the cache thread, never on the store's I/O thread. A value in
 * Redis without perpspot's {@link Envelope}, or not UTF-8, is undecodable: counted as an error,
 * reported once, and answered from the local store. {@link #close} stops sending to Redis, lets
 * what was sent be answered, then journals the final figures: a clean stop counts no error.
 */
public final class FailoverCache implements PerpspotCache {
    private static final Logger LOG = LoggerFactory.getLogger("perpspot.cache");

    private final CacheSettings settings;
    private final CacheEvents events;
    private final LocalCache local;
    private final RemoteBackend remote;
    private final FailoverPolicy policy;
    private final ScheduledExecutorService exec;
    private final AtomicBoolean checkPending = new AtomicBoolean();
    private final CacheCounts counts = new CacheCounts();
    private final AtomicBoolean undecodableReported = new AtomicBoolean();
    private volatile Thread cacheThread;
    /** No new command goes to Redis. */
    private volatile boolean closed;
    /** What was sent has been answered or counted: later failures are the close's own doing. */
    private volatile boolean drained;
    private ScheduledFuture<?> health;

    private FailoverCache(CacheSettings settings, CacheEvents events, RemoteBackend remote, LongSupplier nanoClock) {
        this.settings = settings;
        this.events = events;
        this.remote = remote;
        this.local = new LocalCache(settings.localMaxEntries(), nanoClock);
        this.policy = new FailoverPolicy(settings, remote, events);
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "perpspot-cache");
            t.setDaemon(true);
            cacheThread = t;
            return t;
        });
        // At close, a pending confirmation check has nothing left to decide.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.exec = thread;
    }

    /**
     * Starts the cache: in {@code local} mode at once; otherwise after the first health check
     * (bounded by the connect budget, max(2 × {@code cache.redis.timeout}, 1 s), plus two command
     * timeouts), so the backend in use is known on return.
     */
    public static FailoverCache start(CacheSettings settings, CacheEvents events) {
        return start(settings, events, System::nanoTime);
    }

    static FailoverCache start(CacheSettings settings, CacheEvents events, LongSupplier nanoClock) {
        boolean redis = !settings.local() && settings.target() != null;
        return start(settings, events, redis ? new RedisBackend(settings) : null, nanoClock);
    }

    /** A cache over any remote store (null: local only); health checks every {@code cache.redis.health-interval}. */
    static FailoverCache start(CacheSettings settings, CacheEvents events, RemoteBackend remote,
            LongSupplier nanoClock) {
        FailoverCache c = new FailoverCache(settings, events, remote, nanoClock);
        c.onCacheThread(c.policy::start);
        if (remote != null) {
            long every = settings.healthInterval().toNanos();
            c.health = c.exec.scheduleWithFixedDelay(c::check, every, every, TimeUnit.NANOSECONDS);
        }
        return c;
    }

    private void onCacheThread(Runnable r) {
        try {
            exec.submit(r).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cache start failed", e.getCause());
        }
    }

    // ---- the facade --------------------------------------------------------------------------

    @Override
    public CompletableFuture<Optional<String>> get(CacheKind kind, String key) {
        String k = key(kind, key);
        if (!remoteServes()) {
            return CompletableFuture.completedFuture(lookUpLocally(k));
        }
        CompletableFuture<byte[]> f = remote.get(k);
        if (f == null) {
            countDropped();
            return CompletableFuture.completedFuture(lookUpLocally(k));
        }
        try {
            return f.handleAsync((v, ex) -> answer(k, v, ex), exec);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(lookUpLocally(k));
        }
    }

    private Optional<String> answer(String k, byte[] v, Throwable ex) {
        if (ex != null) {
            failed("GET", ex);
            return lookUpLocally(k);
        }
        if (v == null) {
            counts.add(CacheBackend.REDIS, Result.MISS);
            return Optional.empty();
        }
        String text = Envelope.decode(v);
        if (text == null) {
            counts.add(CacheBackend.REDIS, Result.ERROR);
            String why = "undecodable value under " + k + " (not written by perpspot or not UTF-8): answered from"
                    + " the local cache";
            policy.noteFailure(why);
            if (undecodableReported.compareAndSet(false, true)) {
                LOG.warn("cache: {}", why);
            }
            return lookUpLocally(k);
        }
        counts.add(CacheBackend.REDIS, Result.HIT);
        return Optional.of(text);
    }

    @Override
    public void put(CacheKind kind, String key, String value) {
        if (value == null) {
            return;
        }
        String k = key(kind, key);
        long ttl = settings.ttls().get(kind).toNanos();
        local.put(k, value, ttl);
        if (!remoteServes()) {
            counts.add(CacheBackend.LOCAL, Result.PUT);
            return;
        }
        counts.add(CacheBackend.REDIS, Result.PUT);
        CompletableFuture<?> f = remote.set(k, Envelope.encode(value), Math.max(1, ttl / 1_000_000));
        if (f == null) {
            countDropped();
            return;
        }
        f.whenComplete((ok, ex) -> {
            if (ex != null) {
                failed("SET", ex);
            }
        });
    }

    private boolean remoteServes() {
        return remote != null && !closed && policy.serving() == CacheBackend.REDIS && remote.connected();
    }

    private void countDropped() {
        if (!closed) { // refused because the close is draining: not a dropped command
            counts.add(CacheBackend.REDIS, Result.DROPPED);
        }
    }

    @Override
    public CompletableFuture<String> getOrFetchAsync(CacheKind kind, String key,
            Supplier<CompletableFuture<String>> fetch) {
        return get(kind, key).thenComposeAsync(hit -> {
            if (hit.isPresent()) {
                return CompletableFuture.completedFuture(hit.get());
            }
            return fetch.get().thenApply(v -> {
                put(kind, key, v);
                return v;
            });
        }, exec);
    }

    @Override
    public String getOrFetch(CacheKind kind, String key, Callable<String> fetch) throws Exception {
        if (Thread.currentThread() == cacheThread) {
            throw new IllegalStateException("getOrFetch would wait on its own thread; use getOrFetchAsync");
        }
        Optional<String> hit;
        try {
            // get() never completes exceptionally; the store's own timeout bounds it, this is a backstop.
            hit = get(kind, key).get(settings.timeout().toMillis() * 2 + 100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            counts.add(policy.serving(), Result.ERROR);
            hit = Optional.empty();
        }
        if (hit.isPresent()) {
            return hit.get();
        }
        String v = fetch.call();
        put(kind, key, v);
        return v;
    }

    @Override
    public Duration ttl(CacheKind kind) {
        return settings.ttls().get(kind);
    }

    @Override
    public CacheBackend backend() {
        return policy.serving();
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(settings.mode(), policy.serving(), settings.target() == null ? "none"
                : settings.target().redacted(), counts.sum(Result.HIT), counts.sum(Result.MISS),
                counts.sum(Result.ERROR), local.evictions(), local.expired(), counts.sum(Result.PUT),
                counts.sum(Result.DROPPED), policy.switches(), local.size(), policy.lastError());
    }

    @Override
    public Map<String, Long> keysByKind() {
        notOnCacheThread("keysByKind");
        return remoteServes() ? remote.countKeys(settings.keyPrefix()) : local.countKeys(settings.keyPrefix());
    }

    @Override
    public Flushed flush() {
        notOnCacheThread("flush");
        long redis = remote != null && !closed && remote.connected() ? remote.deleteKeys(settings.keyPrefix()) : 0;
        long dropped = local.clear();
        LOG.info("cache: flushed: {} redis key(s) under '{}' deleted, {} local entries dropped", redis,
                settings.keyPrefix(), dropped);
        return new Flushed(redis, dropped);
    }

    private void notOnCacheThread(String what) {
        if (Thread.currentThread() == cacheThread) {
            throw new IllegalStateException("cache: " + what + " called on the cache thread (it would wait on itself)");
        }
    }

    /** Operations by backend and result (the metrics exporter reads them). */
    public CacheCounts counts() {
        return counts;
    }

    /** The executor of the cache thread, for periodic work that feeds the cache (the journal mirror). */
    public ScheduledExecutorService executor() {
        return exec;
    }

    /** One line for the start of a run: the backend in use and why. */
    public String describe() {
        String target = settings.target() == null ? "" : " at " + settings.target().redacted();
        if (policy.serving() == CacheBackend.REDIS) {
            return "cache: redis" + target + " (cache.mode=" + settings.mode() + ")";
        }
        String why = policy.lastError();
        return "cache: local, " + settings.localMaxEntries() + " entries max (cache.mode=" + settings.mode()
                + (why == null ? "" : "; redis" + target + ": " + why) + ")";
    }

    // ---- health (cache thread) ---------------------------------------------------------------

    private Optional<String> lookUpLocally(String k) {
        String v = local.get(k);
        if (v == null) {
            counts.add(CacheBackend.LOCAL, Result.MISS);
            return Optional.empty();
        }
        counts.add(CacheBackend.LOCAL, Result.HIT);
        return Optional.of(v);
    }

    private void failed(String what, Throwable ex) {
        if (drained) {
            return;
        }
        counts.add(CacheBackend.REDIS, Result.ERROR);
        policy.noteFailure(what + ": " + FailureText.of(ex, settings.target()));
        requestCheck();
    }

    private void requestCheck() {
        if (!closed && checkPending.compareAndSet(false, true)) {
            try {
                exec.execute(() -> {
                    checkPending.set(false);
                    check();
                });
            } catch (RejectedExecutionException closing) {
                checkPending.set(false);
            }
        }
    }

    private void check() {
        if (closed) {
            return;
        }
        if (policy.check()) {
            try {
                exec.schedule(this::check, settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                // closing
            }
        }
    }

    private String key(CacheKind kind, String key) {
        return settings.keyPrefix() + kind.id() + ":" + key;
    }

    // ---- close ---------------------------------------------------------------------------------

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (health != null) {
            health.cancel(false);
        }
        if (remote != null) {
            // Let what was sent (the mirror's last pass, a last quote) be answered before the
            // connection closes: closing under it would fail each one and count it an error.
            int unanswered = remote.drain(settings.timeout().plusMillis(100));
            if (unanswered > 0) {
                counts.add(CacheBackend.REDIS, Result.ERROR, unanswered);
                policy.noteFailure(unanswered + " command(s) unanswered at close");
            }
        }
        drained = true;
        try {
            exec.submit(() -> {
                CacheStats s = stats();
                events.status(s.backend().source(), SourceState.DOWN, SourceState.STOPPED_REASON + s.figures());
                LOG.info("cache: stopped: {}", s.figures());
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("cache: final status not journaled", e);
        }
        // Answers already handed to the cache thread still reach their callers.
        exec.shutdown();
        try {
            exec.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exec.shutdownNow();
        if (remote != null) {
            remote.close();
        }
    }
}
