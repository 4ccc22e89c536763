package io.perpspot.engine.feed.jupiter;

import java.util.Arrays;

/**
 * When each token's spot price was last answered by the Price API (scheduler clock, nanoseconds), and the
 * listed tokens ordered oldest first. Pure: the caller passes the time. Used on the scheduler thread only.
 */
final class SpotAges {
    /** A token never priced: older than any priced one. */
    static final long NEVER = Long.MIN_VALUE;

    private long[] pricedAt = new long[0];

    /** The tokens of one answered Price API request were priced at {@code now}. */
    void priced(int[] ids, long now) {
        for (int id : ids) {
            slot(id);
            pricedAt[id] = now;
        }
    }

    /** When {@code id} was last priced, or {@link #NEVER}. */
    long pricedAt(int id) {
        return id < pricedAt.length ? pricedAt[id] : NEVER;
    }

    /** {@code listed} ordered by the time they were last priced, the oldest (never priced) first; ties by id. */
    int[] oldestFirst(int[] listed) {
        Integer[] order = new Integer[listed.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(pricedAt(listed[a]), pricedAt(listed[b]));
            return c != 0 ? c : Integer.compare(listed[a], listed[b]);
        });
        int[] out = new int[listed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = listed[order[i]];
        }
        return out;
    }

    private void slot(int id) {
        if (id >= pricedAt.length) {
            int old = pricedAt.length;
            pricedAt = Arrays.copyOf(pricedAt, Math.max(id + 1, old * 2));
            Arrays.fill(pricedAt, old, pricedAt.length, NEVER);
        }
    }
}
