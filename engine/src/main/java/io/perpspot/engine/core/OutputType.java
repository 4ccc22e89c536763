package io.perpspot.engine.core;

/** Output-queue record types. Part of the journal format: never renumber. */
public final class OutputType {
    /** Throttled spread snapshot of one token. */
    public static final int SPREAD = 1;
    /** An arbitrage opportunity. */
    public static final int OPPORTUNITY = 2;
    /** A feed-latency histogram of one source over an interval of event time. */
    public static final int LATENCY = 3;

    /** The strategy's whole derived state at an input (recovery starts from the latest one). */
    public static final int STATE_SNAPSHOT = 5;

    public static final int MAX = 5;

    // 4 is unassigned; 6 is reserved for another record type.
    private static final NameTable NAMES = new NameTable(1,
            "none", "Spread", "Opportunity", "Latency", null, "StateSnapshot");

    private OutputType() {
    }

    /** The journal name of an output type ({@code Spread}, {@code Opportunity}, ...), or {@code unknown(type)}. */
    public static String name(int type) {
        return NAMES.name(type);
    }

    /** Type by name (case-insensitive), or -1. */
    public static int byName(String name) {
        return NAMES.byName(name);
    }
}
