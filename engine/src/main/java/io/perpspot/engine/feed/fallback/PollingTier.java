package io.perpspot.engine.feed.fallback;

import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.http.HttpFetcher;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A tier that polls over HTTP on the pollers' thread: a successful poll reports the tier up and
 * schedules the next after {@code interval}; a failed one (no answer, bad status, a body rejected
 * as a whole) reports it down and retries after exponential backoff with full jitter.
 */
abstract class PollingTier implements PerpTier {
    protected final int source;
    protected final FeedStats stats;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Backoff backoff;
    private final Health health;
    private volatile ScheduledFuture<?> next;
    private volatile long generation;
    private volatile long polls;

    PollingTier(int source, Duration interval, Backoff.Bounds backoff, FeedStats stats,
                ScheduledExecutorService scheduler, Health health) {
        this.source = source;
        this.stats = stats;
        this.scheduler = scheduler;
        this.interval = interval;
        this.backoff = backoff.newBackoff();
        this.health = health;
    }

    @Override
    public final int source() {
        return source;
    }

    @Override
    public synchronized void start() {
        long gen = ++generation;
        backoff.reset();
        schedule(gen, 0);
    }

    @Override
    public synchronized void stop() {
        generation++;
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void schedule(long gen, long delayNanos) {
        try {
            next = scheduler.schedule(() -> run(gen), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the engine is closing
        }
    }

    private void run(long gen) {
        if (gen != generation) {
            return;
        }
        String detail;
        try {
            detail = pollOnce();
        } catch (PollFailure | HttpFetcher.FetchException e) {
            if (gen != generation || Thread.currentThread().isInterrupted()) {
                return; // stopped while the request was in flight: not a source failure
            }
            health.down(this, SourceState.DOWN, e.getMessage());
            schedule(gen, backoff.next().toNanos());
            return;
        } catch (RuntimeException e) {
            if (gen != generation) {
                return;
            }
            health.down(this, SourceState.DOWN, "poll failed: " + e);
            schedule(gen, backoff.next().toNanos());
            return;
        }
        polls++;
        backoff.reset();
        if (gen == generation) {
            health.up(this, detail);
            schedule(gen, interval.toNanos());
        }
    }

    /** One poll; returns a short description of what it got, or throws {@link PollFailure}. */
    protected abstract String pollOnce();

    /** Successful polls so far. */
    public long polls() {
        return polls;
    }

    /** Checks status and size of an answer; rejects (counted) and fails the poll otherwise. */
    protected void check(HttpFetcher.Response r, String what) {
        if (r.oversize()) {
            stats.reject(source, Reject.OVERSIZE, r.body(), 0, r.body().length, what);
            throw new PollFailure(what + ": body over the size limit");
        }
        if (r.status() != 200) {
            stats.reject(source, Reject.HTTP_STATUS, r.body(), 0, r.body().length, what + " HTTP " + r.status());
            String text = r.text(120);
            throw new PollFailure(what + ": HTTP " + r.status() + (text.isBlank() ? "" : " " + text));
        }
    }

    /** A poll that did not deliver; the message is the journaled reason. */
    static final class PollFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PollFailure(String message) {
            super(message, null, false, false);
        }
    }
}
