package io.perpspot.engine.core;

/**
 * Input event types (the {@code type} byte of input-queue records; see docs/journal-format.md).
 * Values are part of the journal format: never renumber.
 */
public final class EventType {
    /** Engine start: strategy configuration text. Resets derived state. */
    public static final int ENGINE_START = 1;
    /** Token definition: id, symbol, Hyperliquid coin, multiplier, mint, decimals. */
    public static final int TOKEN_DEF = 2;
    /** Hyperliquid best bid/offer. */
    public static final int PERP_BBO = 3;
    /** Hyperliquid L2 book snapshot (up to 20 levels a side). */
    public static final int PERP_BOOK = 4;
    /** Hyperliquid asset context: funding, mark, oracle, mid, open interest... */
    public static final int PERP_CTX = 5;
    /** Hyperliquid mid from allMids. */
    public static final int PERP_MID = 6;
    /** Jupiter spot price. */
    public static final int SPOT_PRICE = 7;
    /** A feed source changed state (up, down, ...) with a reason. */
    public static final int SOURCE_STATUS = 8;
    /** One rung of a Jupiter quote ladder: side, notional, executable price, impact, context slot. */
    public static final int SPOT_QUOTE = 9;
    /** The outcome of one token discovery round (pairs, added, delisted, how); TokenDefs precede it. */
    public static final int DISCOVERY = 10;

    /**
     * The engine's own latency (receive → journaled, receive → opportunity) over an interval, by
     * wall clock: a {@link io.perpspot.engine.core.LatencySnapshot}. A measurement, not market
     * input: the strategy ignores it.
     */
    public static final int LATENCY_SNAPSHOT = 12;

    public static final int MAX = 12;

    private static final NameTable NAMES = new NameTable(1,
            "none", "EngineStart", "TokenDef", "PerpBbo", "PerpBook", "PerpCtx", "PerpMid", "SpotPrice",
            "SourceStatus", "SpotQuote", "Discovery", null, "LatencySnapshot");

    private EventType() {
    }

    /** The journal name of an event type ({@code PerpBbo}, as dump and JSON write it), or {@code unknown(type)}. */
    public static String name(int type) {
        return NAMES.name(type);
    }

    /** Type by name (case-insensitive), or -1. */
    public static int byName(String name) {
        return NAMES.byName(name);
    }

    /** True for events that carry market data about one token. */
    public static boolean isMarketData(int type) {
        return type >= PERP_BBO && type <= SPOT_PRICE;
    }

    /** True for perp-side market data. */
    public static boolean isPerp(int type) {
        return type >= PERP_BBO && type <= PERP_MID;
    }

    /**
     * True for market data of the Hyperliquid perp and Jupiter spot, the two legs of {@code perp-jupiter}: a
     * Hyperliquid spot book (source {@code hl-spot}) reuses the perp's types and is not the perp's. The one place
     * that says so (a journal of the release before the third venue folds only these).
     */
    public static boolean isTradedLeg(int type, int source) {
        return isMarketData(type) && source != Source.HL_SPOT;
    }

    /** True for the perp leg's market data: {@link #isPerp} and not a Hyperliquid spot book. */
    public static boolean isPerpLeg(int type, int source) {
        return isPerp(type) && source != Source.HL_SPOT;
    }
}
