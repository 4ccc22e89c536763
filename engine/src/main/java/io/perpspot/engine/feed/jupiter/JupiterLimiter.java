package io.perpspot.engine.feed.jupiter;

import io.perpspot.engine.http.HttpFetcher;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate every Jupiter request passes (price, quote, tokens): a token bucket of capacity
 * one refilled at the configured rate, so that no window of time ever sees more than
 * {@code rate × window + 1} requests. It reads the answers: a 429 halves the current rate
 * (never below a floor) and pauses every caller until {@code x-ratelimit-reset} (epoch seconds)
 * or, without that header, a backoff; {@code x-ratelimit-remaining: 0} pauses until the reset
 * too; each success wins back a tenth of the configured rate. The current rate never exceeds
 * the configured one. Thread-safe; callers never block inside it (they ask how long to wait).
 */
public final class JupiterLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(JupiterLimiter.class);
    /** The longest pause a rate-limit answer can impose (a bogus reset header must not stop us for hours). */
    static final long MAX_PAUSE_NANOS = 60_000_000_000L;

    private final double configuredRate;
    private final double floorRate;
    private final LongSupplier nanoClock;
    private final LongSupplier epochMillis;
    private double rate;
    private long nextPermitNanos;
    private long pausedUntilNanos;
    private long pauseBackoffNanos;
    private long granted;
    private long rateLimited;

    /** A limiter at {@code rate} requests per second on the system clocks. */
    public JupiterLimiter(double rate) {
        this(rate, System::nanoTime, System::currentTimeMillis);
    }

    JupiterLimiter(double rate, LongSupplier nanoClock, LongSupplier epochMillis) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        this.configuredRate = rate;
        this.floorRate = rate / 16;
        this.rate = rate;
        this.nanoClock = nanoClock;
        this.epochMillis = epochMillis;
        this.nextPermitNanos = nanoClock.getAsLong();
    }

    /** Nanoseconds until the next permit (0: one is available now). */
    public synchronized long nanosUntilPermit() {
        long now = nanoClock.getAsLong();
        return Math.max(0, Math.max(nextPermitNanos, pausedUntilNanos) - now);
    }

    /** Takes a permit if one is available now. */
    public synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        if (now < nextPermitNanos || now < pausedUntilNanos) {
            return false;
        }
        // Capacity one: an idle spell does not bank permits for a burst later.
        nextPermitNanos = now + (long) (1e9 / rate);
        granted++;
        return true;
    }

    /** Reads an answer's status and rate-limit headers. */
    public synchronized void onResponse(HttpFetcher.Response r) {
        long now = nanoClock.getAsLong();
        long resetSec = r.headerLong("x-ratelimit-reset", -1);
        if (r.status() == 429) {
            rateLimited++;
            rate = Math.max(floorRate, rate / 2);
            long wait;
            if (resetSec > 0) {
                long waitMs = resetSec * 1000L - epochMillis.getAsLong();
                wait = Math.max(waitMs * 1_000_000L, (long) (1e9 / rate));
            } else {
                pauseBackoffNanos = pauseBackoffNanos == 0 ? 1_000_000_000L
                        : Math.min(MAX_PAUSE_NANOS, pauseBackoffNanos * 2);
                wait = pauseBackoffNanos;
            }
            wait = Math.min(wait, MAX_PAUSE_NANOS);
            pausedUntilNanos = Math.max(pausedUntilNanos, now + wait);
            nextPermitNanos = Math.max(nextPermitNanos, now + (long) (1e9 / rate));
            LOG.info("jupiter: rate limited (429); pausing {} ms, then {} requests/s (configured {})",
                    wait / 1_000_000, String.format("%.3f", rate), configuredRate);
            return;
        }
        if (r.status() == 200) {
            pauseBackoffNanos = 0;
            rate = Math.min(configuredRate, rate + configuredRate / 10);
            if (r.headerLong("x-ratelimit-remaining", 1) <= 0 && resetSec > 0) {
                long wait = Math.min(MAX_PAUSE_NANOS,
                        Math.max(0, resetSec * 1000 - epochMillis.getAsLong()) * 1_000_000L);
                pausedUntilNanos = Math.max(pausedUntilNanos, now + wait);
            }
        }
    }

    /** The rate in force now (requests/s): the configured one, or less after 429s. */
    public synchronized double currentRate() {
        return rate;
    }

    /** The configured rate in requests per second: the ceiling {@link #currentRate} returns to. */
    public double configuredRate() {
        return configuredRate;
    }

    /** Permits granted so far. */
    public synchronized long granted() {
        return granted;
    }

    /** 429 answers read so far, from every kind of Jupiter request. */
    public synchronized long rateLimited() {
        return rateLimited;
    }
}
