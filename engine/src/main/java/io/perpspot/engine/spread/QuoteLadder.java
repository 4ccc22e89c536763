package io.perpspot.engine.spread;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.QuoteSide;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The latest Jupiter quote ladder of one token: for each side, the executable price at a few
 * notionals, sorted by notional. Filled by the strategy fold from {@code SpotQuote} input
 * records (one record per rung); read by the execution model. Preallocated, no garbage;
 * written only by the strategy thread.
 *
 * <p>Units: notional in USD at {@link FixedPoint#SIZE_DECIMALS}; price per whole token at
 * {@link FixedPoint#PRICE_DECIMALS} (what one token cost, or fetched, including the route's
 * price impact, excluding fees); impact in parts per million of Jupiter's own reference price
 * (1 bp = 100 ppm). Times are event times (epoch nanos).
 */
public final class QuoteLadder {
    /** Rungs kept per side. */
    public static final int MAX_RUNGS = 8;

    private final int[] size = new int[2];
    private final long[][] notional = new long[2][MAX_RUNGS];
    private final long[][] price = new long[2][MAX_RUNGS];
    private final long[][] impactPpm = new long[2][MAX_RUNGS];
    private final long[][] time = new long[2][MAX_RUNGS];

    /** Sets the rung of a side at a notional (replacing a rung of the same notional). */
    public void put(int side, long notionalUsd, long pricePerToken, long impact, long timeNanos) {
        long[] n = notional[side];
        int count = size[side];
        int i = 0;
        while (i < count && n[i] < notionalUsd) {
            i++;
        }
        if (i < count && n[i] == notionalUsd) {
            set(side, i, notionalUsd, pricePerToken, impact, timeNanos);
            return;
        }
        if (count == MAX_RUNGS) {
            if (i == MAX_RUNGS) {
                return;
            }
            count--;
        }
        for (int j = count; j > i; j--) {
            set(side, j, n[j - 1], price[side][j - 1], impactPpm[side][j - 1], time[side][j - 1]);
        }
        set(side, i, notionalUsd, pricePerToken, impact, timeNanos);
        size[side] = count + 1;
    }

    private void set(int side, int i, long n, long p, long impact, long t) {
        notional[side][i] = n;
        price[side][i] = p;
        impactPpm[side][i] = impact;
        time[side][i] = t;
    }

    /** Rungs on {@code side} ({@link QuoteSide#BUY} or {@link QuoteSide#SELL}), at most {@link #MAX_RUNGS}. */
    public int size(int side) {
        return size[side];
    }

    /** Notional of rung {@code i} (ascending with {@code i}), USD at {@link FixedPoint#SIZE_DECIMALS}. */
    public long notionalUsd(int side, int i) {
        return notional[side][i];
    }

    /** Executable price per whole token of rung {@code i}, at {@link FixedPoint#PRICE_DECIMALS}. */
    public long price(int side, int i) {
        return price[side][i];
    }

    /** Price impact of rung {@code i} in ppm of Jupiter's reference price (100 ppm = 1 bp). */
    public long impactPpm(int side, int i) {
        return impactPpm[side][i];
    }

    /** Event time (epoch nanos) of the SpotQuote that set rung {@code i}. */
    public long timeNanos(int side, int i) {
        return time[side][i];
    }

    /** Appends the rungs, for state snapshots. */
    public void writeState(Bytes<?> b) {
        for (int s = QuoteSide.BUY; s <= QuoteSide.SELL; s++) {
            b.writeInt(size[s]);
            for (int i = 0; i < size[s]; i++) {
                b.writeLong(notional[s][i]);
                b.writeLong(price[s][i]);
                b.writeLong(impactPpm[s][i]);
                b.writeLong(time[s][i]);
            }
        }
    }

    /** Reads what {@link #writeState} wrote. */
    public void readState(Bytes<?> b) {
        for (int s = QuoteSide.BUY; s <= QuoteSide.SELL; s++) {
            int n = b.readInt();
            if (n < 0 || n > MAX_RUNGS) {
                throw new IllegalStateException("state: " + n + " ladder rungs");
            }
            size[s] = n;
            for (int i = 0; i < n; i++) {
                set(s, i, b.readLong(), b.readLong(), b.readLong(), b.readLong());
            }
        }
    }

    /** Removes every rung of both sides. */
    public void clear() {
        size[QuoteSide.BUY] = 0;
        size[QuoteSide.SELL] = 0;
    }
}
