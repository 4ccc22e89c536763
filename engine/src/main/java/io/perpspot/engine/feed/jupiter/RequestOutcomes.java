package io.perpspot.engine.feed.jupiter;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How the requests of one Jupiter endpoint (prices or quotes) ended, counted by {@link Outcome}: one count per
 * request sent, by the scheduler thread that sent it; any thread reads (the metrics scrape, the run report).
 */
public final class RequestOutcomes {
    /** How one request ended. */
    public enum Outcome {
        /** Answered 200 and decoded. */
        OK,
        /** Answered 429 (the limiter slows down). */
        RATE_LIMITED,
        /** A quote Jupiter has no route for (400 with a route error). */
        NO_ROUTE,
        /** Any other HTTP status. */
        ERROR,
        /** Answered 200 with a body that did not decode. */
        MALFORMED,
        /** A body over the size limit, rejected unread. */
        OVERSIZE,
        /** No answer: connection refused, reset or timed out. */
        NO_ANSWER;

        /** The metric label ({@code ok}, {@code rate_limited}, ...). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final AtomicLongArray counts = new AtomicLongArray(Outcome.values().length);

    /** Counts one request that ended so. */
    void add(Outcome o) {
        counts.incrementAndGet(o.ordinal());
    }

    /** Requests that ended so, since start. */
    public long count(Outcome o) {
        return counts.get(o.ordinal());
    }
}
