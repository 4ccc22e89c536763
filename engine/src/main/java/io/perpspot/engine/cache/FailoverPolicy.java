package io.perpspot.engine.cache;

import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which store serves the cache, decided from health probes of the {@link RemoteBackend}, and
 * every switch journaled through {@link CacheEvents} as a SourceStatus of {@code cache-redis}
 * and {@code cache-local}.
 *
 * <ul>
 *   <li>{@code cache.mode=local}, or no usable Redis target: local from the start, never probed.</li>
 *   <li>{@code auto} and {@code redis}: Redis while a probe answers, local otherwise (in
 *       {@code redis} mode running locally is also logged as an error: Redis is expected).</li>
 *   <li>A refused or closed connection or an error reply switches to local at once; a probe that
 *       times out only when the next one, one timeout later, times out too: one slow answer on a
 *       busy machine is not an outage.</li>
 * </ul>
 *
 * <p>Not thread-safe: {@link #start} and {@link #check} run on one thread (the cache thread);
 * {@link #serving()}, {@link #switches()} and {@link #lastError()} may be read from any.
 */
final class FailoverPolicy {
    private static final Logger LOG = LoggerFactory.getLogger("perpspot.cache");
    /** Consecutive timed-out probes that switch away from Redis. */
    static final int SLOW_PROBES_TO_SWITCH = 2;

    private final CacheSettings settings;
    private final RemoteBackend remote;
    private final CacheEvents events;
    private volatile CacheBackend serving = CacheBackend.LOCAL;
    private volatile long switches;
    private volatile String lastError;
    private boolean firstSwitchDone;
    private int slowProbes;

    /** {@code remote} is null when the settings allow no Redis (local mode, or no target). */
    FailoverPolicy(CacheSettings settings, RemoteBackend remote, CacheEvents events) {
        this.settings = settings;
        this.remote = remote;
        this.events = events;
    }

    /** The first choice: local at once without a remote, else after the first probe. */
    void start() {
        if (settings.local()) {
            switchTo(CacheBackend.LOCAL, "cache.mode=local");
        } else if (remote == null) {
            switchTo(CacheBackend.LOCAL, settings.targetProblem());
        } else {
            check();
        }
    }

    /**
     * One health check: probes the remote and switches if the result says so. Returns true when
     * a first timed-out probe was held back from switching: the caller checks again one
     * {@code cache.redis.timeout} later to confirm.
     */
    boolean check() {
        RemoteBackend.Probe p = remote.probe();
        if (!p.ok() && p.timedOut() && serving == CacheBackend.REDIS && ++slowProbes < SLOW_PROBES_TO_SWITCH) {
            lastError = p.failure();
            return true;
        }
        if (p.ok() || !p.timedOut()) {
            slowProbes = 0;
        }
        if (p.ok()) {
            switchTo(CacheBackend.REDIS, "serving the cache: redis at " + settings.target().redacted() + " answers");
        } else {
            lastError = p.failure();
            switchTo(CacheBackend.LOCAL, p.failure());
        }
        return false;
    }

    /** A data command failed or a value did not decode (any thread): the latest reason; the next check decides. */
    void noteFailure(String reason) {
        lastError = reason;
    }

    /** The store serving now. */
    CacheBackend serving() {
        return serving;
    }

    /** Switches so far, the first choice included. */
    long switches() {
        return switches;
    }

    /** The latest failure reason (redacted), or null. */
    String lastError() {
        return lastError;
    }

    private void switchTo(CacheBackend to, String reason) {
        if (firstSwitchDone && to == serving) {
            return;
        }
        switches++;
        boolean first = !firstSwitchDone;
        firstSwitchDone = true;
        serving = to;
        if (to == CacheBackend.REDIS) {
            events.status(Source.CACHE_REDIS, SourceState.UP, reason);
            events.status(Source.CACHE_LOCAL, SourceState.DOWN, "standby: redis serves the cache");
            return;
        }
        if (!settings.local()) {
            events.status(Source.CACHE_REDIS, SourceState.DOWN, reason);
            if (settings.mode().equals("redis")) {
                LOG.error("cache: cache.mode=redis but redis at {} is unavailable ({}); using the local cache until it"
                        + " answers", settings.target() == null ? "?" : settings.target().redacted(), reason);
            }
        }
        events.status(Source.CACHE_LOCAL, SourceState.UP, "serving the cache" + (settings.local() ? ": cache.mode=local"
                : first ? ": redis unavailable at start" : ": redis unavailable"));
    }
}
