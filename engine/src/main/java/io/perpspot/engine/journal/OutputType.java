package io.perpspot.engine.journal;

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
    private static final String[] NAMES = {"none", "Spread", "Opportunity", "Latency", null, "StateSnapshot"};

    private OutputType() {
    }

    public static String name(int type) {
        return type > 0 && type < NAMES.length && NAMES[type] != null ? NAMES[type] : "unknown(" + type + ")";
    }

    /** Type by name (case-insensitive), or -1. */
    public static int byName(String name) {
        for (int i = 1; i < NAMES.length; i++) {
            if (NAMES[i] != null && NAMES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
