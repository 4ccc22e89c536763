package io.perpspot.engine.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Redis through Lettuce's asynchronous API, on one I/O thread of its own: connects when a probe
 * finds no open connection (never by itself), times out every command after
 * {@code cache.redis.timeout}, and keeps at most {@code cache.redis.max-in-flight} commands
 * outstanding (beyond that a command is not sent). Rejects commands while disconnected.
 */
final class RedisBackend implements RemoteBackend {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final CacheSettings settings;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private volatile StatefulRedisConnection<String, byte[]> conn;

    /** A client for {@code settings.target()}; nothing is connected until the first {@link #probe}. */
    RedisBackend(CacheSettings settings) {
        this.settings = settings;
        this.maxInFlight = settings.maxInFlight();
        this.inFlight = new Semaphore(maxInFlight);
        // Connecting (TCP, TLS, HELLO/AUTH) gets more room than a command: a cold JVM's first
        // handshake is slow on a busy machine. Only the cache thread (and the start) waits for it.
        Duration connect = connectBudget(settings.timeout());
        resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false) // the health check reconnects, at its own pace
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(connect).build())
                .build());
        uri = settings.target().toLettuce(connect);
    }

    /** Time allowed to connect: twice the command timeout, at least 1 s. */
    static Duration connectBudget(Duration timeout) {
        Duration twice = timeout.multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : twice;
    }

    @Override
    public Probe probe() {
        long timeoutMs = settings.timeout().toMillis();
        try {
            StatefulRedisConnection<String, byte[]> c = conn;
            if (c == null || !c.isOpen()) {
                if (c != null) {
                    conn = null;
                    c.closeAsync();
                }
                var future = client.connectAsync(CODEC, uri).toCompletableFuture();
                long connectMs = connectBudget(settings.timeout()).toMillis() + 100;
                try {
                    c = future.get(connectMs, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    future.thenAccept(StatefulRedisConnection::closeAsync);
                    return new Probe("no connection within " + connectMs + " ms", true);
                }
                conn = c;
            }
            String key = settings.keyPrefix() + "health";
            byte[] nonce = Envelope.encode(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            long ttlMs = Math.max(1000, settings.healthInterval().toMillis() * 3);
            c.async().set(key, nonce, SetArgs.Builder.px(ttlMs)).get(timeoutMs, TimeUnit.MILLISECONDS);
            byte[] back = c.async().get(key).get(timeoutMs, TimeUnit.MILLISECONDS);
            if (!Arrays.equals(nonce, back)) {
                return new Probe("health probe read back a different value", false);
            }
            return Probe.OK;
        } catch (TimeoutException e) {
            return new Probe("no answer within " + timeoutMs + " ms", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe("interrupted", false);
        } catch (ExecutionException e) {
            return new Probe(FailureText.of(e.getCause(), settings.target()),
                    e.getCause() instanceof RedisCommandTimeoutException);
        } catch (RuntimeException e) {
            return new Probe(FailureText.of(e, settings.target()), false);
        }
    }

    @Override
    public boolean connected() {
        return conn != null;
    }

    @Override
    public CompletableFuture<byte[]> get(String key) {
        return send(c -> c.get(key));
    }

    @Override
    public CompletableFuture<?> set(String key, byte[] value, long ttlMillis) {
        return send(c -> c.set(key, value, SetArgs.Builder.px(ttlMillis)));
    }

    /** One data command within the in-flight bound; null when not sent, failed when it could not be. */
    private <T> CompletableFuture<T> send(Function<RedisAsyncCommands<String, byte[]>, RedisFuture<T>> command) {
        StatefulRedisConnection<String, byte[]> c = conn;
        if (!inFlight.tryAcquire()) {
            return null;
        }
        try {
            if (c == null) {
                throw new IllegalStateException("not connected");
            }
            return command.apply(c.async()).toCompletableFuture().whenComplete((v, ex) -> inFlight.release());
        } catch (RuntimeException e) {
            inFlight.release();
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Map<String, Long> countKeys(String prefix) {
        return keys(c -> CacheKeyspace.count(c, prefix));
    }

    @Override
    public long deleteKeys(String prefix) {
        return keys(c -> CacheKeyspace.delete(c, prefix));
    }

    /** A key-space walk on the calling thread (each SCAN round trip timed out like any command). */
    private <T> T keys(Function<RedisCommands<String, byte[]>, T> walk) {
        StatefulRedisConnection<String, byte[]> c = conn;
        if (c == null || !c.isOpen()) {
            throw new IllegalStateException("redis is not connected");
        }
        try {
            return walk.apply(c.sync());
        } catch (RuntimeException e) {
            throw new IllegalStateException("redis: " + FailureText.of(e, settings.target()), e);
        }
    }

    @Override
    public int drain(Duration bound) {
        try {
            // Taking every permit both waits for the outstanding commands and refuses new ones.
            if (inFlight.tryAcquire(maxInFlight, bound.toNanos(), TimeUnit.NANOSECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return maxInFlight - inFlight.availablePermits();
    }

    @Override
    public void close() {
        // A connection attempt that never reached Redis (refused, or given up by a probe) keeps
        // Lettuce's handshake timeout pending on this timer. If it fired after the client's
        // event loop had terminated, its failure path hit that loop and Netty logged "Failed to
        // submit a listener notification task" at ERROR (seen once in StorageFaultTest, at
        // close). Stopping the timer first cancels it; nothing else is pending at close.
        resources.timer().stop();
        StatefulRedisConnection<String, byte[]> c = conn;
        conn = null;
        if (c != null) {
            c.closeAsync();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
