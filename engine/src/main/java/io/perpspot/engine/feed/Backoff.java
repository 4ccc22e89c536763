package io.perpspot.engine.feed;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a uniformly random
 * time in [0, min(max, initial × 2^n)]. Full jitter spreads reconnect storms; the cap bounds
 * how long a recovered venue waits for us.
 */
public final class Backoff {
    /**
     * The bounds of a backoff; every client starts its own {@link Backoff} from them.
     *
     * @param initial the ceiling of the first delay
     * @param max     the ceiling no delay exceeds
     */
    public record Bounds(Duration initial, Duration max) {
        /** The feeds' bounds: {@code feeds.backoff.initial} and {@code feeds.backoff.max}. */
        public static Bounds from(Config config) {
            return new Bounds(config.get(Settings.BACKOFF_INITIAL), config.get(Settings.BACKOFF_MAX));
        }

        /** A fresh backoff (no failures yet) within these bounds. */
        public Backoff newBackoff() {
            return new Backoff(initial, max);
        }
    }

    private final long initialNanos;
    private final long maxNanos;
    private int failures;

    public Backoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** Delay before the next attempt; counts one more failure. */
    public Duration next() {
        long ceiling = ceilingNanos(failures);
        failures = Math.min(failures + 1, 62);
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /** Upper bound of the delay after {@code n} failures. */
    public long ceilingNanos(int n) {
        long c = initialNanos;
        for (int i = 0; i < n && c < maxNanos; i++) {
            c = c > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : c * 2;
        }
        return Math.min(c, maxNanos);
    }

    /** Consecutive failures so far. */
    public int failures() {
        return failures;
    }

    /** Called after a healthy period: the next failure starts from the initial delay again. */
    public void reset() {
        failures = 0;
    }
}
