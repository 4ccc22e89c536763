package io.perpspot.engine.spread;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The latest Hyperliquid L2 book of one token (up to {@link MarketEvent#MAX_LEVELS} levels a
 * side), copied from PerpBook events by the strategy fold and walked by the execution model.
 * Preallocated, no garbage; written only by the strategy thread.
 *
 * <p>Units as in the journal: prices per token at {@link FixedPoint#PRICE_DECIMALS}, sizes in
 * tokens at {@link FixedPoint#SIZE_DECIMALS}; bids descending, asks ascending.
 */
public final class PerpDepth {
    /** Bid side (what a seller hits). */
    public static final int BID = 0;
    /** Ask side (what a buyer lifts). */
    public static final int ASK = 1;

    private final int[] count = new int[2];
    private final long[][] px = new long[2][MarketEvent.MAX_LEVELS];
    private final long[][] sz = new long[2][MarketEvent.MAX_LEVELS];
    private long timeNanos = SpreadBook.NEVER;

    /** Copies the levels of a PerpBook event. */
    public void set(MarketEvent e) {
        count[BID] = e.bidCount;
        count[ASK] = e.askCount;
        System.arraycopy(e.bidPxs, 0, px[BID], 0, e.bidCount);
        System.arraycopy(e.bidSzs, 0, sz[BID], 0, e.bidCount);
        System.arraycopy(e.askPxs, 0, px[ASK], 0, e.askCount);
        System.arraycopy(e.askSzs, 0, sz[ASK], 0, e.askCount);
        timeNanos = e.recvNanos;
    }

    /** Sets one side from arrays (tests, tools, snapshots); {@code n} levels, best first. */
    public void set(int side, long[] prices, long[] sizes, int n, long time) {
        if (n > MarketEvent.MAX_LEVELS) {
            throw new IllegalArgumentException("at most " + MarketEvent.MAX_LEVELS + " levels a side, got " + n);
        }
        System.arraycopy(prices, 0, px[side], 0, n);
        System.arraycopy(sizes, 0, sz[side], 0, n);
        count[side] = n;
        timeNanos = time;
    }

    /** Copies another depth into this one. */
    public void copyFrom(PerpDepth o) {
        for (int s = BID; s <= ASK; s++) {
            count[s] = o.count[s];
            System.arraycopy(o.px[s], 0, px[s], 0, o.count[s]);
            System.arraycopy(o.sz[s], 0, sz[s], 0, o.count[s]);
        }
        timeNanos = o.timeNanos;
    }

    /** Levels on {@code side} ({@link #BID} or {@link #ASK}) in the latest book; 0 when it has none. */
    public int levels(int side) {
        return count[side];
    }

    /**
     * Price of a level (0 is the best) at {@link FixedPoint#PRICE_DECIMALS}; only {@code level < levels(side)} is
     * current.
     */
    public long price(int side, int level) {
        return px[side][level];
    }

    /** Size of a level in tokens at {@link FixedPoint#SIZE_DECIMALS}; only {@code level < levels(side)} is current. */
    public long size(int side, int level) {
        return sz[side][level];
    }

    /** Event time of the book, or {@link SpreadBook#NEVER}. */
    public long timeNanos() {
        return timeNanos;
    }

    /** True when both sides have at least one level. */
    public boolean twoSided() {
        return count[BID] > 0 && count[ASK] > 0;
    }

    /** Appends the levels, for state snapshots. */
    public void writeState(Bytes<?> b) {
        b.writeLong(timeNanos);
        for (int s = BID; s <= ASK; s++) {
            b.writeInt(count[s]);
            for (int i = 0; i < count[s]; i++) {
                b.writeLong(px[s][i]);
                b.writeLong(sz[s][i]);
            }
        }
    }

    /** Reads what {@link #writeState} wrote. */
    public void readState(Bytes<?> b) {
        timeNanos = b.readLong();
        for (int s = BID; s <= ASK; s++) {
            int n = b.readInt();
            if (n < 0 || n > MarketEvent.MAX_LEVELS) {
                throw new IllegalStateException("state: " + n + " book levels");
            }
            count[s] = n;
            for (int i = 0; i < n; i++) {
                px[s][i] = b.readLong();
                sz[s][i] = b.readLong();
            }
        }
    }

    /** Empties both sides and forgets the book's time ({@link SpreadBook#NEVER}). */
    public void clear() {
        count[BID] = 0;
        count[ASK] = 0;
        timeNanos = SpreadBook.NEVER;
    }
}
