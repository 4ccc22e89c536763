package io.perpspot.engine.ring;

/** States carried by SOURCE_STATUS events. Part of the journal format: never renumber. */
public final class SourceState {
    public static final int CONNECTING = 1;
    public static final int UP = 2;
    public static final int DOWN = 3;
    public static final int STALE = 4;

    private static final String[] NAMES = {"none", "connecting", "up", "down", "stale"};

    private SourceState() {
    }

    public static String name(int state) {
        return state > 0 && state < NAMES.length ? NAMES[state] : "unknown(" + state + ")";
    }
}
