package io.perpspot.engine.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The remote store behind the cache ({@link RedisBackend} in production, a fake in tests): a
 * health probe, GET and SET with a time to live, a bound on what is outstanding. The
 * {@link FailoverPolicy} decides from its probes whether it serves; {@link FailoverCache} routes
 * callers to it while it does. Values are opaque bytes here (the envelope is {@link Envelope}'s).
 */
interface RemoteBackend {
    /** What one health probe found: {@code failure} is null when the store answered in time. */
    record Probe(String failure, boolean timedOut) {
        static final Probe OK = new Probe(null, false);

        /** The store answered a round trip within the timeout. */
        boolean ok() {
            return failure == null;
        }
    }

    /**
     * Connects if there is no open connection, then makes one SET+GET round trip within the
     * timeout. Blocks (the cache thread only); never throws.
     */
    Probe probe();

    /** Whether a connection is open for data commands now. */
    boolean connected();

    /**
     * Sends a GET. The future completes (on the store's I/O thread) with the value, null when
     * absent, or exceptionally when the command failed or timed out. Null when the command was
     * not sent because the in-flight bound is reached.
     */
    CompletableFuture<byte[]> get(String key);

    /** Sends a SET with a time to live; as {@link #get}: null when not sent. */
    CompletableFuture<?> set(String key, byte[] value, long ttlMillis);

    /**
     * Keys matching {@code prefix*} by the text between the prefix and the first {@code ':'} (SCAN, never
     * KEYS). Blocks. @throws IllegalStateException when not connected or the store does not answer
     */
    default Map<String, Long> countKeys(String prefix) {
        throw new UnsupportedOperationException("this store cannot count its keys");
    }

    /** Deletes the keys matching {@code prefix*} (SCAN, then UNLINK); blocks; returns how many. */
    default long deleteKeys(String prefix) {
        throw new UnsupportedOperationException("this store cannot delete keys");
    }

    /**
     * Refuses new commands and waits at most {@code bound} for the outstanding ones to be
     * answered; returns how many are still outstanding.
     */
    int drain(Duration bound);

    /** Closes the connection and releases the client's threads. */
    void close();
}
