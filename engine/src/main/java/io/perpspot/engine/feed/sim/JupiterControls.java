package io.perpspot.engine.feed.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The switches and counters of the Jupiter sim: API key, rate limit, forced failures, stall,
 * requests per path and the {@code x-api-key} values they carried. Written by
 * {@link SimJupiterServer} (from any thread) and read by the request handler on the event loop;
 * the handler is the only one to touch the limiter and parked requests.
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
    /** Per path: requests per {@code x-api-key} value ("" for none). Few distinct values: a client sends one key. */
    private final Map<String, Map<String, AtomicLong>> apiKeysByPath = new ConcurrentHashMap<>();
    /** Arrival time (System.nanoTime) of every request, in order. */
    private final List<Long> arrivals = new ArrayList<>();
    private final ArrayDeque<JupiterGarbage> garbage = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Recorded>> recorded = new ConcurrentHashMap<>();
    private int drops;
    volatile long delayMillis;

    /** A canned answer (a recorded real response) for one request of a path. */
    record Recorded(int status, String body, Map<String, String> headers) {
    }
    private final ArrayDeque<Forced> forced = new ArrayDeque<>();
    final ArrayDeque<Runnable> parked = new ArrayDeque<>();
    volatile RateLimiter limiter;
    volatile String apiKey;
    volatile boolean stalled;

    void count(String path, String apiKey) {
        requestsByPath.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
        apiKeysByPath.computeIfAbsent(path, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(apiKey == null ? "" : apiKey, k -> new AtomicLong()).incrementAndGet();
        synchronized (arrivals) {
            arrivals.add(System.nanoTime());
        }
    }

    List<Long> arrivals() {
        synchronized (arrivals) {
            return new ArrayList<>(arrivals);
        }
    }

    synchronized void garbage(JupiterGarbage kind, int times) {
        for (int i = 0; i < times; i++) {
            garbage.addLast(kind);
        }
    }

    synchronized JupiterGarbage takeGarbage() {
        return garbage.pollFirst();
    }

    synchronized void drop(int times) {
        drops += times;
    }

    synchronized boolean takeDrop() {
        if (drops > 0) {
            drops--;
            return true;
        }
        return false;
    }

    void record(String path, Recorded r) {
        recorded.computeIfAbsent(path, p -> new ArrayDeque<>()).addLast(r);
    }

    Recorded takeRecorded(String path) {
        ArrayDeque<Recorded> q = recorded.get(path);
        if (q == null) {
            return null;
        }
        synchronized (q) {
            return q.pollFirst();
        }
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

    Map<String, Long> apiKeys(String path) {
        Map<String, Long> out = new TreeMap<>();
        apiKeysByPath.getOrDefault(path, Map.of()).forEach((k, v) -> out.put(k, v.get()));
        return out;
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
