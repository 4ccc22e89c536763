package io.perpspot.engine.exec;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.spread.PerpDepth;

/**
 * Fills a quantity against a Hyperliquid L2 book: a buy lifts the asks from the best up, a
 * sell hits the bids from the best down, each level at its own price, until the quantity is
 * done. The average price is the fill's VWAP. Allocation-free.
 */
public final class BookWalk {
    /** Fixed-point size units per token, as a double. */
    private static final double SIZE = FixedPoint.SIZE_SCALE;
    private static final double PRICE = FixedPoint.PRICE_SCALE;

    private BookWalk() {
    }

    /**
     * Walks {@code quantity} tokens into {@code depth}.
     *
     * @param buy true to lift the asks, false to hit the bids
     * @return true when the book held enough; false (and {@code out.quantity} = what it held) when not
     */
    public static boolean walk(PerpDepth depth, boolean buy, double quantity, LegFill out) {
        int side = buy ? PerpDepth.ASK : PerpDepth.BID;
        int n = depth.levels(side);
        out.clear();
        out.source = PriceSource.BOOK;
        if (n == 0 || depth.levels(buy ? PerpDepth.BID : PerpDepth.ASK) == 0) {
            return false;
        }
        out.refPrice = mid(depth);
        double left = quantity;
        double cost = 0;
        double filled = 0;
        for (int i = 0; i < n && left > 0; i++) {
            double px = depth.price(side, i) / PRICE;
            double sz = depth.size(side, i) / SIZE;
            double take = Math.min(sz, left);
            cost += take * px;
            filled += take;
            left -= take;
            out.worstPrice = px;
            out.levels = i + 1;
        }
        out.quantity = filled;
        out.avgPrice = filled > 0 ? cost / filled : 0;
        // A relative tolerance: the quantity came from a division, the sizes are exact.
        return left <= quantity * 1e-12;
    }

    /** Top-of-book mid of a two-sided book, as a double price. */
    public static double mid(PerpDepth depth) {
        return (depth.price(PerpDepth.BID, 0) / PRICE + depth.price(PerpDepth.ASK, 0) / PRICE) / 2;
    }

    /** Tokens available on a side. */
    public static double depthTokens(PerpDepth depth, boolean buy) {
        int side = buy ? PerpDepth.ASK : PerpDepth.BID;
        double t = 0;
        for (int i = 0; i < depth.levels(side); i++) {
            t += depth.size(side, i) / SIZE;
        }
        return t;
    }

    /** Notional (USD) available on a side at the levels' prices. */
    public static double depthUsd(PerpDepth depth, boolean buy) {
        int side = buy ? PerpDepth.ASK : PerpDepth.BID;
        double t = 0;
        for (int i = 0; i < depth.levels(side); i++) {
            t += depth.size(side, i) / SIZE * (depth.price(side, i) / PRICE);
        }
        return t;
    }
}
