package io.perpspot.alerts.sink;

import io.perpspot.alerts.rule.Alert;
import io.perpspot.alerts.rule.SinkSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one sink's alerts on a thread of its own ({@code alerts-sink-NAME}), so a slow or dead sink delays only
 * itself. {@link #offer} never blocks: beyond {@code per-minute} alerts in a minute of event time the alert is
 * dropped (rate-limited), and a full queue drops its oldest; both are counted. A 5xx answer or an I/O error is
 * retried with a doubling backoff; a 4xx is not (the request will not get better): counted and logged once.
 */
final class SinkSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkSender.class);
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final SinkSpec spec;
    private final URI target;
    private final SinkStats stats;
    private final HttpClient client;
    private final ArrayDeque<Alert> queue = new ArrayDeque<>();
    private final long[] window;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private int windowNext;
    private boolean closed;
    private boolean warned4xx;
    private boolean warnedFailure;

    SinkSender(SinkSpec spec) {
        this.spec = spec;
        this.target = Format.target(spec);
        this.stats = new SinkStats(spec.name(), spec.format());
        this.window = new long[spec.perMinute()];
        Arrays.fill(window, Long.MIN_VALUE);
        this.client = HttpClient.newBuilder().connectTimeout(spec.timeout()).build();
        this.thread = new Thread(this::run, "alerts-sink-" + spec.name());
        this.thread.setDaemon(true);
    }

    SinkStats stats() {
        return stats;
    }

    void start() {
        thread.start();
    }

    /** Queues an alert (from the tailer thread); never blocks. */
    void offer(Alert a) {
        // Rate limit over event time: the oldest of the last per-minute accepted alerts must be a minute old.
        long oldest = window[windowNext];
        if (oldest != Long.MIN_VALUE && a.timeNanos() - oldest < MINUTE_NANOS) {
            stats.rateLimited.incrementAndGet();
            stats.dropped.incrementAndGet();
            return;
        }
        window[windowNext] = a.timeNanos();
        windowNext = (windowNext + 1) % window.length;
        lock.lock();
        try {
            if (queue.size() >= spec.queue()) {
                queue.pollFirst();
                stats.queueFull.incrementAndGet();
                stats.dropped.incrementAndGet();
            }
            queue.addLast(a);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            Alert a;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                a = queue.pollFirst();
                changed.signalAll(); // a closing thread waits for the queue to empty
            } finally {
                lock.unlock();
            }
            deliver(a);
        }
    }

    private HttpRequest request(Alert a) {
        return HttpRequest.newBuilder(target).timeout(spec.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Format.body(spec, a))).build();
    }

    /** Sends one alert now, once, on the caller's thread (no queue, limit or retry): what the sink answered. */
    String sendOnce(Alert a) {
        try {
            int code = client.send(request(a), HttpResponse.BodyHandlers.discarding()).statusCode();
            return "HTTP " + code + (code >= 200 && code < 300 ? " (ok)" : " (refused)");
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void deliver(Alert a) {
        HttpRequest req = request(a);
        Duration backoff = spec.backoff();
        for (int attempt = 0; attempt <= spec.retries(); attempt++) {
            if (attempt > 0) {
                stats.retries.incrementAndGet();
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
            String why;
            try {
                int code = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (code >= 200 && code < 300) {
                    stats.sent.incrementAndGet();
                    return;
                }
                if (code >= 400 && code < 500) {
                    stats.failed.incrementAndGet();
                    if (!warned4xx) {
                        warned4xx = true;
                        LOG.warn("alerts: sink {} answered {}: not retried (counted; logged once)", spec.name(), code);
                    }
                    return;
                }
                why = "HTTP " + code;
            } catch (IOException e) {
                why = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt == spec.retries()) {
                stats.failed.incrementAndGet();
                if (!warnedFailure) {
                    warnedFailure = true;
                    LOG.warn("alerts: sink {} failed after {} attempts ({}); counted, logged once",
                            spec.name(), attempt + 1, why);
                }
            }
        }
    }

    /** Waits out a retry's backoff; false when the sender is closing. */
    private boolean pause(Duration d) {
        lock.lock();
        try {
            long left = d.toNanos();
            while (left > 0 && !closed) {
                left = changed.awaitNanos(left);
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Alerts waiting. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Gives the queue up to {@link #DRAIN} to empty (a clean stop sends what was decided), then stops. */
    @Override
    public void close() {
        lock.lock();
        try {
            long left = DRAIN.toNanos();
            while (!queue.isEmpty() && left > 0 && thread.isAlive()) {
                left = changed.awaitNanos(left);
            }
            closed = true;
            changed.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // A request in flight ends within the sink's timeout; the thread is a daemon either way.
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
