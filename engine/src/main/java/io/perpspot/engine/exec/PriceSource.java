package io.perpspot.engine.exec;

/** Where a leg's executable price came from. */
public enum PriceSource {
    /** Walked the Hyperliquid L2 book level by level. */
    BOOK,
    /** Interpolated in the Jupiter quote ladder. */
    LADDER,
    /** Beyond the largest Jupiter rung: the ladder's slippage extrapolated as sqrt(size). */
    LADDER_EXTRAPOLATED,
    /** No depth known: the impact model on a venue-wide depth figure. */
    MODEL
}
