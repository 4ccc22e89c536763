package io.perpspot.engine.config;

import java.nio.charset.StandardCharsets;

/**
 * A share of the discovered pairs: shard {@code k} of {@code n} (1-based). A pair belongs to the
 * shard {@link #of}{@code (coin, n)}, a function of its Hyperliquid coin name alone, so N engines on
 * N hosts configured {@code 1/N} .. {@code N/N} take disjoint pair sets that cover the universe.
 *
 * <p>The hash is fixed for every host and version (docs/journal-format.md, "Shards"): 32-bit FNV-1a
 * (offset basis 2166136261, prime 16777619) over the coin's UTF-8 bytes, read as an unsigned
 * integer, modulo N, plus one.
 */
public record Shard(int k, int n) {
    /** Every pair: the default. */
    public static final Shard ALL = new Shard(1, 1);

    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    /** Checks 1 <= k <= n. */
    public Shard {
        if (n < 1 || k < 1 || k > n) {
            throw new IllegalArgumentException("shard " + k + "/" + n + ": needs 1 <= K <= N");
        }
    }

    /** {@code all} or {@code K/N}; null for anything else (N < 1, K outside 1..N, not numbers). */
    public static Shard parse(String text) {
        String s = text.trim();
        if (s.equals("all")) {
            return ALL;
        }
        int slash = s.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        try {
            int k = Integer.parseInt(s.substring(0, slash).trim());
            int n = Integer.parseInt(s.substring(slash + 1).trim());
            return n >= 1 && k >= 1 && k <= n ? new Shard(k, n) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The shard (1..n) of a Hyperliquid coin name among {@code n}. */
    public static int of(String coin, int n) {
        return (int) (Integer.toUnsignedLong(fnv1a(coin.getBytes(StandardCharsets.UTF_8))) % n) + 1;
    }

    /** 32-bit FNV-1a of {@code bytes}. */
    static int fnv1a(byte[] bytes) {
        int h = FNV_OFFSET;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** True when this shard keeps every pair ({@code all}, or {@code 1/1}). */
    public boolean all() {
        return n == 1;
    }

    /** True if the pair of this Hyperliquid coin belongs to this shard. */
    public boolean keeps(String coin) {
        return all() || of(coin, n) == k;
    }

    /** {@code all} or {@code K/N}, as the setting and the EngineStart record spell it. */
    @Override
    public String toString() {
        return all() ? "all" : k + "/" + n;
    }
}
