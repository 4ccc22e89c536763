package io.perpspot.engine.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The in-process store: bounded (least recently used out first, counted as an eviction) and
 * TTL-aware (an entry past its deadline is never returned and is dropped when seen, counted as
 * expired). Thread-safe; every operation is a short synchronized map operation, never I/O.
 */
final class LocalCache {
    private record Entry(String value, long deadlineNanos) {
    }

    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<String, Entry> map;
    private long evictions;
    private long expired;

    LocalCache(int maxEntries, LongSupplier nanoClock) {
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        this.map = new LinkedHashMap<>(Math.min(maxEntries, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                if (size() <= LocalCache.this.maxEntries) {
                    return false;
                }
                if (eldest.getValue().deadlineNanos - LocalCache.this.nanoClock.getAsLong() <= 0) {
                    expired++;
                } else {
                    evictions++;
                }
                return true;
            }
        };
    }

    /** The live value, or null when absent or expired. */
    synchronized String get(String key) {
        Entry e = map.get(key);
        if (e == null) {
            return null;
        }
        if (e.deadlineNanos - nanoClock.getAsLong() <= 0) {
            map.remove(key);
            expired++;
            return null;
        }
        return e.value;
    }

    synchronized void put(String key, String value, long ttlNanos) {
        map.put(key, new Entry(value, nanoClock.getAsLong() + ttlNanos));
    }

    synchronized long evictions() {
        return evictions;
    }

    synchronized long expired() {
        return expired;
    }

    /** Live entries whose key starts with {@code prefix}, by the text after it up to the first {@code ':'}. */
    synchronized Map<String, Long> countKeys(String prefix) {
        Map<String, Long> out = CacheKeyspace.zeroCounts();
        long now = nanoClock.getAsLong();
        for (Map.Entry<String, Entry> e : map.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue().deadlineNanos - now > 0) {
                out.merge(CacheKeyspace.kindOf(e.getKey(), prefix), 1L, Long::sum);
            }
        }
        return out;
    }

    /** Drops every entry; returns how many there were. */
    synchronized int clear() {
        int n = map.size();
        map.clear();
        return n;
    }

    synchronized int size() {
        return map.size();
    }
}
