package io.perpspot.dashboard.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client address: {@code perMinute} calls a minute, refilled continuously,
 * bursts up to {@code perMinute}. Bounded: the least recently seen clients are forgotten beyond
 * {@link #MAX_CLIENTS} (a forgotten client starts with a full bucket).
 */
final class RateLimiter {
    static final int MAX_CLIENTS = 10_000;

    private final double capacity;
    private final double perNano;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    RateLimiter(int perMinute) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
    }

    /** Takes one call for {@code client}: 0 if allowed, else the seconds to wait (≥ 1). */
    synchronized long acquire(String client, long nowNanos) {
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(capacity, nowNanos));
        b.tokens = Math.min(capacity, b.tokens + (nowNanos - b.atNanos) * perNano);
        b.atNanos = nowNanos;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - b.tokens) / perNano / 1e9));
    }

    private static final class Bucket {
        double tokens;
        long atNanos;

        Bucket(double tokens, long atNanos) {
            this.tokens = tokens;
            this.atNanos = atNanos;
        }
    }
}
