package io.perpspot.engine.cache;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisKeyCommands;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * perpspot's keys in a Redis ({@code <prefix><kind>:<key>}): counted by kind and deleted by prefix
 * with SCAN (never KEYS, which blocks a shared Redis), deleted with UNLINK in batches. Only keys that
 * start with the prefix are ever touched, so another application's keys in the same database survive.
 */
final class CacheKeyspace {
    /** Keys asked for per SCAN round trip. */
    static final int SCAN_COUNT = 1000;
    /** The bucket of keys under the prefix that are no {@link CacheKind} (the health probe's). */
    static final String OTHER = "other";

    private CacheKeyspace() {
    }

    /** The kind id of {@code key} under {@code prefix}, or {@value #OTHER}. */
    static String kindOf(String key, String prefix) {
        String rest = key.substring(prefix.length());
        int colon = rest.indexOf(':');
        String id = colon < 0 ? rest : rest.substring(0, colon);
        for (CacheKind k : CacheKind.values()) {
            if (k.id().equals(id)) {
                return id;
            }
        }
        return OTHER;
    }

    /** Every kind at zero (a kind without keys is still listed). */
    static Map<String, Long> zeroCounts() {
        Map<String, Long> out = new TreeMap<>();
        for (CacheKind k : CacheKind.values()) {
            out.put(k.id(), 0L);
        }
        return out;
    }

    static Map<String, Long> count(RedisKeyCommands<String, ?> redis, String prefix) {
        Map<String, Long> out = zeroCounts();
        scan(redis, prefix, keys -> keys.forEach(k -> out.merge(kindOf(k, prefix), 1L, Long::sum)));
        return out;
    }

    static long delete(RedisKeyCommands<String, ?> redis, String prefix) {
        long[] n = {0};
        scan(redis, prefix, keys -> {
            if (!keys.isEmpty()) {
                n[0] += redis.unlink(keys.toArray(String[]::new));
            }
        });
        return n[0];
    }

    private static void scan(RedisKeyCommands<String, ?> redis, String prefix,
                             Consumer<List<String>> batch) {
        ScanArgs args = ScanArgs.Builder.matches(glob(prefix) + "*").limit(SCAN_COUNT);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, args);
            batch.accept(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
    }

    /** The prefix with Redis glob characters escaped: a prefix is matched literally. */
    static String glob(String prefix) {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
