package io.perpspot.alerts.sink;

import java.util.concurrent.atomic.AtomicLong;

/** One sink's counters: alerts sent, failed (4xx, or 5xx/I-O after every retry), dropped (queue full or rate). */
public final class SinkStats {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong queueFull = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    private final String name;
    private final String format;

    SinkStats(String name, String format) {
        this.name = name;
        this.format = format;
    }

    /** The sink's name. */
    public String name() {
        return name;
    }

    /** The sink's format. */
    public String format() {
        return format;
    }

    /** Alerts the sink accepted (2xx). */
    public long sent() {
        return sent.get();
    }

    /** Alerts given up on: a 4xx answer, or a 5xx / I/O error on every attempt. */
    public long failed() {
        return failed.get();
    }

    /** Alerts not sent because the queue was full (oldest dropped) or the rate limit was reached. */
    public long dropped() {
        return dropped.get();
    }

    /** The part of {@link #dropped()} cut by the rate limit. */
    public long rateLimited() {
        return rateLimited.get();
    }

    /** The part of {@link #dropped()} pushed out of a full queue (the oldest waiting alert). */
    public long queueFull() {
        return queueFull.get();
    }

    /** Attempts repeated after a 5xx answer or an I/O error. */
    public long retries() {
        return retries.get();
    }

    @Override
    public String toString() {
        return name + " (" + format + "): sent " + sent() + ", failed " + failed() + ", dropped " + dropped()
                + " (rate-limited " + rateLimited() + "), retries " + retries();
    }
}
