package io.perpspot.engine.feed.sim;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The switches and counters of the Jupiter sim: API key, rate limit, forced failures, stall, and
 * requests per path. Written by {@link SimJupiterServer} (from any thread) and read by the request
 * handler on the event loop; the handler is the only one to touch the limiter and parked requests.
 */
final class JupiterControls {
    /** A forced answer: a status, {@code remaining} times. */
    private static final class Forced {
        final int status;
        int remaining;

        Forced(int status, int remaining) {
            this.status = status;
            this.remaining = remaining;
        }
    }

    private final Map<String, AtomicLong> requestsByPath = new ConcurrentHashMap<>();
    private final ArrayDeque<Forced> forced = new ArrayDeque<>();
    final ArrayDeque<Runnable> parked = new ArrayDeque<>();
    volatile RateLimiter limiter;
    volatile String apiKey;
    volatile boolean stalled;

    void count(String path) {
        requestsByPath.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
    }

    long requests(String path) {
        AtomicLong n = requestsByPath.get(path);
        return n == null ? 0 : n.get();
    }

    long totalRequests() {
        long sum = 0;
        for (AtomicLong n : requestsByPath.values()) {
            sum += n.get();
        }
        return sum;
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        requestsByPath.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    synchronized void force(int status, int times) {
        if (times > 0) {
            forced.addLast(new Forced(status, times));
        }
    }

    /** The status forced on the next answer, or 0 for none. */
    synchronized int takeForced() {
        Forced f = forced.peekFirst();
        if (f == null) {
            return 0;
        }
        if (--f.remaining == 0) {
            forced.pollFirst();
        }
        return f.status;
    }
}
