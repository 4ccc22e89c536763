package io.perpspot.engine.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PerpspotCache}: Redis through Lettuce's asynchronous API while Redis is healthy, an
 * in-process {@link LocalCache} otherwise, switching in both directions.
 *
 * <pre>
 *  callers (scheduler, feeds, mirror) ── get/put ──▶ backend == REDIS ? Lettuce async (own I/O thread,
 *        │                                          │                  ≤ max-in-flight outstanding,
 *        │                                          │                  every command timed out)
 *        │                                          └─ LOCAL, or Redis failing, or too many in flight ─▶ LocalCache
 *        └─ every put also lands in LocalCache (so a failover starts warm)
 *
 *  perpspot-cache thread: health check every health-interval (connect if needed, SET+GET probe
 *  within timeout) ─▶ switch ─▶ CacheEvents (journaled as SourceStatus cache-redis / cache-local)
 * </pre>
 *
 * <p>Only the cache thread switches the backend; a failing data command only asks it to check
 * now. Futures handed to callers complete on the cache thread, never on Lettuce's I/O thread.
 * Values in Redis carry a 4-byte envelope ({@code ps1|}); a value without it, or not UTF-8, is
 * undecodable: counted as an error, reported once, and answered from the local store.
 */
public final class FailoverCache implements PerpspotCache {
    private static final Logger LOG = LoggerFactory.getLogger("perpspot.cache");
    private static final byte[] ENVELOPE = "ps1|".getBytes(StandardCharsets.US_ASCII);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final CacheSettings settings;
    private final CacheEvents events;
    private final LocalCache local;
    private final ScheduledExecutorService exec;
    private final Semaphore inFlight;
    private final AtomicBoolean checkPending = new AtomicBoolean();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicBoolean undecodableReported = new AtomicBoolean();
    private volatile Thread cacheThread;
    private volatile CacheBackend backend = CacheBackend.LOCAL;
    private volatile StatefulRedisConnection<String, byte[]> conn;
    private volatile String lastError;
    private volatile boolean closed;
    private long switches;
    private boolean firstSwitchDone;
    private ClientResources resources;
    private RedisClient client;
    private RedisURI redisUri;
    private ScheduledFuture<?> health;
    private static final int SLOW_PROBES_TO_SWITCH = 2;
    private boolean probeTimedOut;
    private int slowProbes;

    private FailoverCache(CacheSettings settings, CacheEvents events, LongSupplier nanoClock) {
        this.settings = settings;
        this.events = events;
        this.local = new LocalCache(settings.localMaxEntries(), nanoClock);
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perpspot-cache");
            t.setDaemon(true);
            cacheThread = t;
            return t;
        });
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
        FailoverCache c = new FailoverCache(settings, events, nanoClock);
        c.begin();
        return c;
    }

    private void begin() {
        if (settings.local()) {
            runOnCacheThread(() -> switchTo(CacheBackend.LOCAL, "cache.mode=local"));
            return;
        }
        if (settings.target() == null) {
            runOnCacheThread(() -> switchTo(CacheBackend.LOCAL, settings.targetProblem()));
            return;
        }
        Duration t = settings.timeout();
        // Connecting (TCP, TLS, HELLO/AUTH) gets more room than a command: a cold JVM's first
        // handshake is slow on a busy machine. Only the cache thread (and the start) waits for it.
        Duration connect = connectBudget();
        resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false) // the health check reconnects, at its own pace
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(t))
                .socketOptions(SocketOptions.builder().connectTimeout(connect).build())
                .build());
        redisUri = settings.target().toLettuce(connect);
        runOnCacheThread(this::check);
        long every = settings.healthInterval().toNanos();
        health = exec.scheduleWithFixedDelay(this::check, every, every, TimeUnit.NANOSECONDS);
    }

    /** Time allowed to connect: twice the command timeout, at least 1 s. */
    private Duration connectBudget() {
        Duration twice = settings.timeout().multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : twice;
    }

    private void runOnCacheThread(Runnable r) {
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
        StatefulRedisConnection<String, byte[]> c = conn;
        if (backend != CacheBackend.REDIS || c == null || closed) {
            return CompletableFuture.completedFuture(countLookup(local.get(k)));
        }
        if (!inFlight.tryAcquire()) {
            dropped.increment();
            return CompletableFuture.completedFuture(countLookup(local.get(k)));
        }
        CompletableFuture<byte[]> f;
        try {
            f = c.async().get(k).toCompletableFuture();
        } catch (RuntimeException e) {
            inFlight.release();
            failed("GET", e);
            return CompletableFuture.completedFuture(countLookup(local.get(k)));
        }
        f.whenComplete((v, ex) -> inFlight.release());
        try {
            return f.handleAsync((v, ex) -> {
                if (ex != null) {
                    failed("GET", ex);
                    return countLookup(local.get(k));
                }
                if (v == null) {
                    misses.increment();
                    return Optional.<String>empty();
                }
                String text = decode(v);
                if (text == null) {
                    errors.increment();
                    String why = "undecodable value under " + k + " (not written by perpspot " + "or not UTF-8): answered from the local cache";
                    lastError = why;
                    if (undecodableReported.compareAndSet(false, true)) {
                        LOG.warn("cache: {}", why);
                    }
                    return countLookup(local.get(k));
                }
                hits.increment();
                return Optional.of(text);
            }, exec);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(countLookup(local.get(k)));
        }
    }

    @Override
    public void put(CacheKind kind, String key, String value) {
        if (value == null) {
            return;
        }
        String k = key(kind, key);
        long ttl = settings.ttls().get(kind).toNanos();
        puts.increment();
        local.put(k, value, ttl);
        StatefulRedisConnection<String, byte[]> c = conn;
        if (backend != CacheBackend.REDIS || c == null || closed) {
            return;
        }
        if (!inFlight.tryAcquire()) {
            dropped.increment();
            return;
        }
        try {
            c.async().set(k, encode(value), SetArgs.Builder.px(Math.max(1, ttl / 1_000_000)))
                    .whenComplete((ok, ex) -> {
                        inFlight.release();
                        if (ex != null) {
                            failed("SET", ex);
                        }
                    });
        } catch (RuntimeException e) {
            inFlight.release();
            failed("SET", e);
        }
    }

    @Override
    public CompletableFuture<String> getOrFetchAsync(CacheKind kind, String key, Supplier<CompletableFuture<String>> fetch) {
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
            // get() never completes exceptionally; Lettuce's own timeout bounds it, this is a backstop.
            hit = get(kind, key).get(settings.timeout().toMillis() * 2 + 100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            errors.increment();
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
        return backend;
    }

    @Override
    public CacheStats stats() {
        long sw;
        synchronized (this) {
            sw = switches;
        }
        return new CacheStats(settings.mode(), backend, settings.target() == null ? "none" : settings.target().redacted(),
                hits.sum(), misses.sum(), errors.sum(), local.evictions(), local.expired(), puts.sum(), dropped.sum(), sw,
                local.size(), lastError);
    }

    /** The executor of the cache thread, for periodic work that feeds the cache (the journal mirror). */
    public ScheduledExecutorService executor() {
        return exec;
    }

    /** One line for the start of a run: the backend in use and why. */
    public String describe() {
        CacheStats s = stats();
        String target = settings.target() == null ? "" : " at " + settings.target().redacted();
        if (backend == CacheBackend.REDIS) {
            return "cache: redis" + target + " (cache.mode=" + settings.mode() + ")";
        }
        return "cache: local, " + settings.localMaxEntries() + " entries max (cache.mode=" + settings.mode()
                + (s.lastError() == null ? "" : "; redis" + target + ": " + s.lastError()) + ")";
    }

    // ---- health and switching (cache thread) ---------------------------------------------------

    private void failed(String what, Throwable ex) {
        errors.increment();
        lastError = what + ": " + reason(ex);
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
        probeTimedOut = false;
        String failure = probe();
        if (failure != null && probeTimedOut && backend == CacheBackend.REDIS && ++slowProbes < SLOW_PROBES_TO_SWITCH) {
            // One slow answer on a busy machine is not an outage: a refused or closed connection
            // or an error reply switches at once, a timeout only when the next probe times out too.
            lastError = failure;
            try {
                exec.schedule(this::check, settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                // closing
            }
            return;
        }
        if (failure == null || !probeTimedOut) {
            slowProbes = 0;
        }
        if (failure == null) {
            switchTo(CacheBackend.REDIS, "serving the cache: redis at " + settings.target().redacted() + " answers");
        } else {
            lastError = failure;
            switchTo(CacheBackend.LOCAL, failure);
        }
    }

    /** Null when Redis answers a SET+GET round trip within the timeout, else the reason (redacted). */
    private String probe() {
        long timeoutMs = settings.timeout().toMillis();
        try {
            StatefulRedisConnection<String, byte[]> c = conn;
            if (c == null || !c.isOpen()) {
                if (c != null) {
                    conn = null;
                    c.closeAsync();
                }
                var future = client.connectAsync(CODEC, redisUri).toCompletableFuture();
                long connectMs = connectBudget().toMillis() + 100;
                try {
                    c = future.get(connectMs, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    future.thenAccept(StatefulRedisConnection::closeAsync);
                    probeTimedOut = true;
                    return "no connection within " + connectMs + " ms";
                }
                conn = c;
            }
            String key = settings.keyPrefix() + "health";
            byte[] nonce = encode(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            long ttlMs = Math.max(1000, settings.healthInterval().toMillis() * 3);
            c.async().set(key, nonce, SetArgs.Builder.px(ttlMs)).get(timeoutMs, TimeUnit.MILLISECONDS);
            byte[] back = c.async().get(key).get(timeoutMs, TimeUnit.MILLISECONDS);
            if (!Arrays.equals(nonce, back)) {
                return "health probe read back a different value";
            }
            return null;
        } catch (TimeoutException e) {
            probeTimedOut = true;
            return "no answer within " + timeoutMs + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            probeTimedOut = e.getCause() instanceof io.lettuce.core.RedisCommandTimeoutException;
            return reason(e.getCause());
        } catch (RuntimeException e) {
            return reason(e);
        }
    }

    private void switchTo(CacheBackend to, String reason) {
        if (firstSwitchDone && to == backend) {
            return;
        }
        synchronized (this) {
            switches++;
        }
        boolean first = !firstSwitchDone;
        firstSwitchDone = true;
        backend = to;
        if (to == CacheBackend.REDIS) {
            events.status(Source.CACHE_REDIS, SourceState.UP, reason);
            events.status(Source.CACHE_LOCAL, SourceState.DOWN, "standby: redis serves the cache");
        } else {
            if (!settings.local()) {
                events.status(Source.CACHE_REDIS, SourceState.DOWN, reason);
                if (settings.mode().equals("redis")) {
                    LOG.error("cache: cache.mode=redis but redis at {} is unavailable ({}); using the local cache until it answers",
                            settings.target() == null ? "?" : settings.target().redacted(), reason);
                }
            }
            events.status(Source.CACHE_LOCAL, SourceState.UP,
                    "serving the cache" + (settings.local() ? ": cache.mode=local" : first ? ": redis unavailable at start"
                            : ": redis unavailable"));
        }
    }

    // ---- encoding ------------------------------------------------------------------------------

    private String key(CacheKind kind, String key) {
        return settings.keyPrefix() + kind.id() + ":" + key;
    }

    private static byte[] encode(String value) {
        byte[] body = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(ENVELOPE, ENVELOPE.length + body.length);
        System.arraycopy(body, 0, out, ENVELOPE.length, body.length);
        return out;
    }

    /** The text of an enveloped UTF-8 value, or null if it is not one. */
    static String decode(byte[] v) {
        if (v.length < ENVELOPE.length || !Arrays.equals(v, 0, ENVELOPE.length, ENVELOPE, 0, ENVELOPE.length)) {
            return null;
        }
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(v, ENVELOPE.length, v.length - ENVELOPE.length));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private Optional<String> countLookup(String v) {
        if (v == null) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(v);
    }

    private String reason(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof java.nio.channels.ClosedChannelException
                || t.getClass().getSimpleName().contains("ClosedChannel")) {
            return "connection closed by redis";
        }
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
        if (t.getMessage() != null) {
            sb.append(": ").append(t.getMessage());
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t) {
            sb.append(" (").append(root.getClass().getSimpleName());
            if (root.getMessage() != null) {
                sb.append(": ").append(root.getMessage());
            }
            sb.append(')');
        }
        String s = settings.target() == null ? sb.toString() : settings.target().scrub(sb.toString());
        return s.length() > 300 ? s.substring(0, 300) : s;
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
        try {
            exec.submit(() -> {
                CacheStats s = stats();
                events.status(s.backend().source(), SourceState.DOWN, "stopped: " + s.figures());
                LOG.info("cache: stopped: {}", s.figures());
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("cache: final status not journaled", e);
        }
        exec.shutdownNow();
        if (resources != null) {
            // A connection attempt that never reached Redis (refused, or given up by a probe) keeps
            // Lettuce's handshake timeout pending on this timer. If it fired after the client's
            // event loop had terminated, its failure path hit that loop and Netty logged "Failed to
            // submit a listener notification task" at ERROR (seen once in StorageFaultTest, at
            // close). Stopping the timer first cancels it; nothing else is pending at close.
            resources.timer().stop();
        }
        StatefulRedisConnection<String, byte[]> c = conn;
        conn = null;
        if (c != null) {
            c.closeAsync();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (resources != null) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
