package io.perpspot.engine.feed.sim;

import java.util.ArrayDeque;

/**
 * Jupiter's rate limit: a sliding window of accepted requests (protocols.md 3.1). Reads the wall
 * clock; answers whether a request passes and the {@code x-ratelimit-*} header values. Rejected
 * requests do not count against the window. Not thread-safe: used on the server's event loop.
 */
final class RateLimiter {
    /** The verdict for one request and its header values. */
    record Verdict(boolean allowed, long remaining, long current, long resetEpochSeconds) {
    }

    private final int limit;
    private final long windowMillis;
    private final ArrayDeque<Long> accepted = new ArrayDeque<>();

    /** At most {@code limit} requests in any window of {@code windowMillis}. */
    RateLimiter(int limit, long windowMillis) {
        if (limit < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("rate limit needs limit >= 1 and a positive window");
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    Verdict check(long nowMillis) {
        while (!accepted.isEmpty() && accepted.peekFirst() <= nowMillis - windowMillis) {
            accepted.pollFirst();
        }
        boolean allowed = accepted.size() < limit;
        if (allowed) {
            accepted.addLast(nowMillis);
        }
        long current = allowed ? accepted.size() : accepted.size() + 1;
        long oldest = accepted.isEmpty() ? nowMillis : accepted.peekFirst();
        long reset = Math.floorDiv(oldest + windowMillis + 999, 1000);
        return new Verdict(allowed, limit - current, current, reset);
    }

    /** The headers of a forced 429: the window as it stands, one request over. */
    Verdict over(long nowMillis) {
        long oldest = accepted.isEmpty() ? nowMillis : accepted.peekFirst();
        long current = Math.max(limit, accepted.size()) + 1;
        return new Verdict(false, limit - current, current, Math.floorDiv(oldest + windowMillis + 999, 1000));
    }
}
