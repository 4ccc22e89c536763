package io.perpspot.engine.core;

/**
 * Where an event came from (the {@code source} byte of input records). Part of the journal
 * format: never renumber.
 */
public final class Source {
    public static final int ENGINE = 0;
    public static final int HL_WS_MAINNET = 1;
    public static final int HL_WS_TESTNET = 2;
    public static final int HL_REST = 3;
    public static final int JUPITER_PRICE = 4;
    public static final int JUPITER_QUOTE = 5;
    public static final int COINGECKO = 6;
    public static final int KRAKEN = 7;
    /** A WebSocket endpoint that is neither the mainnet nor the testnet host (sim, local). */
    public static final int HL_WS_OTHER = 8;
    public static final int IMPORT = 9;
    /** The Redis cache backend: SourceStatus up when it serves the cache, down (with why) when not. */
    public static final int CACHE_REDIS = 10;
    /** The in-process cache backend: up when it serves the cache, down when on standby or stopped. */
    public static final int CACHE_LOCAL = 11;
    /**
     * Hyperliquid spot order books (pairs {@code @N} / {@code PURR/USDC}): PerpBbo and PerpBook records of the
     * token the pair is matched to, decoded from the same Hyperliquid WebSocket or REST tier as the perp; the
     * strategy does not fold them into the perp's state (docs/hyperliquid-spot.md).
     */
    public static final int HL_SPOT = 12;

    public static final int COUNT = 13;

    private static final NameTable NAMES = new NameTable(0,
            "engine", "hl-ws-mainnet", "hl-ws-testnet", "hl-rest", "jupiter-price", "jupiter-quote",
            "coingecko", "kraken", "hl-ws-other", "import", "cache-redis", "cache-local", "hl-spot");

    private Source() {
    }

    /** The journal name of a source ({@code hl-ws-mainnet}, ...), or {@code unknown(source)}. */
    public static String name(int source) {
        return NAMES.name(source);
    }

    /** Source by name, or -1. */
    public static int byName(String name) {
        return NAMES.byName(name);
    }
}
