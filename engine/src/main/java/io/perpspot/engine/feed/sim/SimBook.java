package io.perpspot.engine.feed.sim;

/**
 * An immutable snapshot of one simulated Hyperliquid perp book: up to {@code depth} levels a side,
 * bids descending, asks ascending, every price on the Hyperliquid tick grid of the coin, best bid
 * strictly below best ask. Built by {@link SimMarket#book}; read by the servers and by tests.
 * Prices are in micro-dollars per contract, sizes in units of {@code 10^-szDecimals} contracts.
 */
public final class SimBook {
    private final String coin;
    private final int szDecimals;
    private final long[] bidPx;
    private final long[] bidSz;
    private final int[] bidN;
    private final long[] askPx;
    private final long[] askSz;
    private final int[] askN;

    private SimBook(String coin, int szDecimals, int bids, int asks) {
        this.coin = coin;
        this.szDecimals = szDecimals;
        this.bidPx = new long[bids];
        this.bidSz = new long[bids];
        this.bidN = new int[bids];
        this.askPx = new long[asks];
        this.askSz = new long[asks];
        this.askN = new int[asks];
    }

    /** An empty book (a delisted coin): {@code "levels":[[],[]]}. */
    static SimBook empty(String coin, int szDecimals) {
        return new SimBook(coin, szDecimals, 0, 0);
    }

    /**
     * Generates a book around a mid.
     *
     * @param mid        model mid per contract (USD)
     * @param aggStep    minimum price step in micros (aggregation by nSigFigs), or 0
     * @param noiseKey   per-asset, per-step key: the same key gives the same sizes
     */
    static SimBook generate(String coin, int szDecimals, double mid, int depth, long aggStep,
                            double levelNotionalUsd, long noiseKey) {
        long midMicros = Math.max(2, Math.round(mid * HlNumbers.MICROS));
        SimBook b = new SimBook(coin, szDecimals, depth, depth);
        // Best bid: the highest grid price strictly below the mid.
        long step = Math.max(aggStep, HlNumbers.tickMicros(midMicros, szDecimals));
        long bid = (long) Math.floor(mid * HlNumbers.MICROS / step) * step;
        if (bid >= mid * HlNumbers.MICROS) {
            bid -= step;
        }
        long ask = (long) Math.ceil(mid * HlNumbers.MICROS / step) * step;
        if (ask <= mid * HlNumbers.MICROS) {
            ask += step;
        }
        int bids = 0;
        for (int i = 0; i < depth && bid > 0; i++) {
            b.bidPx[i] = bid;
            b.bidSz[i] = size(bid, szDecimals, levelNotionalUsd, i, noiseKey, 2 * i);
            b.bidN[i] = orders(i, noiseKey, 2 * i);
            bids++;
            long below = Math.max(aggStep, HlNumbers.tickMicros(bid - 1, szDecimals));
            bid -= below * (1 + gap(noiseKey, 2 * i));
        }
        for (int i = 0; i < depth; i++) {
            b.askPx[i] = ask;
            b.askSz[i] = size(ask, szDecimals, levelNotionalUsd, i, noiseKey, 2 * i + 1);
            b.askN[i] = orders(i, noiseKey, 2 * i + 1);
            long above = Math.max(aggStep, HlNumbers.tickMicros(ask, szDecimals));
            long next = ask + above * (1 + gap(noiseKey, 2 * i + 1));
            // A hole can jump past a power of ten where the grid is coarser: snap up onto it.
            long grid = Math.max(aggStep, HlNumbers.tickMicros(next, szDecimals));
            ask = Math.floorDiv(next + grid - 1, grid) * grid;
        }
        return bids == depth ? b : b.trimBids(bids);
    }

    private SimBook trimBids(int bids) {
        SimBook t = new SimBook(coin, szDecimals, bids, askPx.length);
        System.arraycopy(bidPx, 0, t.bidPx, 0, bids);
        System.arraycopy(bidSz, 0, t.bidSz, 0, bids);
        System.arraycopy(bidN, 0, t.bidN, 0, bids);
        System.arraycopy(askPx, 0, t.askPx, 0, askPx.length);
        System.arraycopy(askSz, 0, t.askSz, 0, askPx.length);
        System.arraycopy(askN, 0, t.askN, 0, askPx.length);
        return t;
    }

    /** Size grows with distance from the touch; at least one lot. */
    private static long size(long pxMicros, int szDecimals, double levelNotional, int level, long key, int slot) {
        double px = (double) pxMicros / HlNumbers.MICROS;
        double notional = levelNotional * (1 + 0.3 * level) * (0.4 + 1.2 * unit(key, slot * 3 + 1));
        return Math.max(1, Math.round(notional / px * HlNumbers.pow10(szDecimals)));
    }

    private static int orders(int level, long key, int slot) {
        return 1 + (int) (unit(key, slot * 3 + 2) * (2 + level));
    }

    /** Mostly adjacent ticks, sometimes a hole of one or two ticks. */
    private static int gap(long key, int slot) {
        double u = unit(key, slot * 3 + 3);
        return u < 0.8 ? 0 : u < 0.95 ? 1 : 2;
    }

    /** A uniform number in [0, 1) from a key and a slot (SplitMix64 finalizer). */
    static double unit(long key, int slot) {
        long z = key + (slot + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** The Hyperliquid coin the book is of. */
    public String coin() {
        return coin;
    }

    /** The coin's size decimals: sizes are in units of {@code 10^-szDecimals} contracts. */
    public int szDecimals() {
        return szDecimals;
    }

    public boolean isEmpty() {
        return bidPx.length == 0 && askPx.length == 0;
    }

    /** Bid levels (0 for an empty book). */
    public int bidCount() {
        return bidPx.length;
    }

    /** Ask levels (0 for an empty book). */
    public int askCount() {
        return askPx.length;
    }

    /** Bid price of a level in micro-dollars (level 0 is the best). */
    public long bidPxMicros(int level) {
        return bidPx[level];
    }

    /** Ask price of a level in micro-dollars (level 0 is the best). */
    public long askPxMicros(int level) {
        return askPx[level];
    }

    /** Bid size of a level in units of {@code 10^-szDecimals} contracts. */
    public long bidSzUnits(int level) {
        return bidSz[level];
    }

    /** Ask size of a level in units of {@code 10^-szDecimals} contracts. */
    public long askSzUnits(int level) {
        return askSz[level];
    }

    /** Orders resting at a bid level (Hyperliquid's {@code n}). */
    public int bidOrders(int level) {
        return bidN[level];
    }

    /** Orders resting at an ask level (Hyperliquid's {@code n}). */
    public int askOrders(int level) {
        return askN[level];
    }

    /** The best bid in USD per contract; NaN without bids. */
    public double bestBid() {
        return bidPx.length == 0 ? Double.NaN : (double) bidPx[0] / HlNumbers.MICROS;
    }

    /** The best ask in USD per contract; NaN without asks. */
    public double bestAsk() {
        return askPx.length == 0 ? Double.NaN : (double) askPx[0] / HlNumbers.MICROS;
    }

    /** The first {@code depth} levels a side (the {@code fast} view). */
    SimBook top(int depth) {
        if (depth >= bidPx.length && depth >= askPx.length) {
            return this;
        }
        int nb = Math.min(depth, bidPx.length);
        int na = Math.min(depth, askPx.length);
        SimBook t = new SimBook(coin, szDecimals, nb, na);
        System.arraycopy(bidPx, 0, t.bidPx, 0, nb);
        System.arraycopy(bidSz, 0, t.bidSz, 0, nb);
        System.arraycopy(bidN, 0, t.bidN, 0, nb);
        System.arraycopy(askPx, 0, t.askPx, 0, na);
        System.arraycopy(askSz, 0, t.askSz, 0, na);
        System.arraycopy(askN, 0, t.askN, 0, na);
        return t;
    }

    /**
     * The impact price: the price of the level where a market order of {@code notionalUsd} on
     * that side is filled (sell into bids when {@code bidSide}); the deepest level if the book is
     * thinner. {@code -1} when that side is empty.
     */
    long impactPxMicros(boolean bidSide, double notionalUsd) {
        long[] px = bidSide ? bidPx : askPx;
        long[] sz = bidSide ? bidSz : askSz;
        if (px.length == 0) {
            return -1;
        }
        double filled = 0;
        double lot = HlNumbers.pow10(szDecimals);
        for (int i = 0; i < px.length; i++) {
            filled += (double) px[i] / HlNumbers.MICROS * sz[i] / lot;
            if (filled >= notionalUsd) {
                return px[i];
            }
        }
        return px[px.length - 1];
    }
}
