package io.perpspot.dashboard.state;

import java.util.List;

/**
 * Executable slippage by size of one token on both venues, buying and selling (the token page's
 * curve), with the depth it was priced on.
 *
 * @param bookLevels  levels of the journaled L2 book, or null before the token has market state
 * @param ladderRungs rungs of the journaled Jupiter quote ladder, or null likewise
 * @param perp        Hyperliquid, one point per curve size
 * @param spot        Jupiter, one point per curve size
 */
public record SlippageCurve(String symbol, Long bookTimeMs, Long ladderTimeMs, BookLevels bookLevels,
                            LadderRungs ladderRungs, List<Point> perp, List<Point> spot) {
    /** Levels of the L2 book per side. */
    public record BookLevels(int bids, int asks) {
    }

    /** Rungs of the quote ladder per side. */
    public record LadderRungs(int buy, int sell) {
    }

    /**
     * One size on one venue: each side's bps (null: no price, or beyond the depth), band, price
     * source and whether the size is beyond the known depth.
     */
    public record Point(long usd, Double buyBps, String buyBand, String buySource, boolean buyBeyondDepth,
                        Double sellBps, String sellBand, String sellSource, boolean sellBeyondDepth) {
    }
}
