package io.perpspot.engine.core;

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

    /** The journal name of a state ({@code up}, {@code down}, ...), or {@code unknown(state)}. */
    public static String name(int state) {
        return NAMES.name(state);
    }
}
