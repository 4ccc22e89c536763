package io.perpspot.engine.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** States carried by SOURCE_STATUS events. Part of the journal format: never renumber. */
public final class SourceState {
    public static final int CONNECTING = 1;
    public static final int UP = 2;
    public static final int DOWN = 3;
    public static final int STALE = 4;
    /**
     * How the reason of a DOWN that is a planned stop begins (the cache's final figures): readers
     * (journal stats, the dashboard) recognise it, and the status log does not warn about it.
     */
    public static final String STOPPED_REASON = "stopped: ";

    private static final NameTable NAMES = new NameTable(1,
            "none", "connecting", "up", "down", "stale");

    private SourceState() {
    }

    /** True for a DOWN that is a planned stop (its reason starts with {@link #STOPPED_REASON}), not a fault. */
    public static boolean plannedStop(int state, String reason) {
        return state == DOWN && reason != null && reason.startsWith(STOPPED_REASON);
    }

    /**
     * The {@code key=value} figures a planned stop's reason carries ({@code stopped: hits=12 misses=3}), in their
     * order; empty when {@code reason} is not a planned stop's.
     */
    public static Map<String, String> stopFigures(String reason) {
        Map<String, String> f = new LinkedHashMap<>();
        if (reason != null && reason.startsWith(STOPPED_REASON)) {
            for (String kv : reason.substring(STOPPED_REASON.length()).trim().split("\\s+")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    f.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return f;
    }

    /** The journal name of a state ({@code up}, {@code down}, ...), or {@code unknown(state)}. */
    public static String name(int state) {
        return NAMES.name(state);
    }
}
