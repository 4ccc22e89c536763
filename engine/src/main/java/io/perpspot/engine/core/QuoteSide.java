package io.perpspot.engine.core;

/**
 * The side of a Jupiter quote (the {@code side} field of SpotQuote input records). Part of the
 * journal format: never renumber.
 */
public final class QuoteSide {
    /** Buying the token with USDC (entering a long-spot position). */
    public static final int BUY = 0;
    /** Selling the token for USDC. */
    public static final int SELL = 1;

    private static final NameTable NAMES = new NameTable(0, "buy", "sell");

    private QuoteSide() {
    }

    /** "buy", "sell", or "unknown(n)". */
    public static String name(int side) {
        return NAMES.name(side);
    }
}
