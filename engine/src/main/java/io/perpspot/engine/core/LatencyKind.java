package io.perpspot.engine.core;

/**
 * What a latency histogram measures (the {@code kind} byte of latency snapshots). Part of the
 * journal format: never renumber.
 */
public final class LatencyKind {
    /**
     * Feed latency: local receive time − exchange timestamp ({@code recvNanos − exchTimeMs × 10⁶}),
     * for events whose venue gives a timestamp. A function of the input records: folded by the
     * strategy and journaled as Latency output records (replay-verified).
     */
    public static final int FEED = 1;
    /**
     * Engine latency from receive to journaled (decode, ring hand-off, Chronicle append), by the
     * engine's wall clock. Journaled as LatencySnapshot input records (EventType 12).
     */
    public static final int JOURNAL = 2;
    /**
     * Engine latency from receive to an opportunity written by the strategy (journal, fold,
     * detector, output append), by the engine's wall clock; only events that produced an
     * opportunity. Journaled as LatencySnapshot input records (EventType 12).
     */
    public static final int OPPORTUNITY = 3;

    public static final int MAX = 3;

    private static final NameTable NAMES = new NameTable(1,
            "none", "feed", "journal", "opportunity");

    private LatencyKind() {
    }

    /** The journal name of a latency kind ({@code feed}, {@code journal}, ...), or {@code unknown(kind)}. */
    public static String name(int kind) {
        return NAMES.name(kind);
    }

    /** Kind by name (case-insensitive), or -1. */
    public static int byName(String name) {
        return NAMES.byName(name);
    }

    /** True for kinds measured by wall clock (journaled in the input queue, not derived). */
    public static boolean isInternal(int kind) {
        return kind == JOURNAL || kind == OPPORTUNITY;
    }
}
