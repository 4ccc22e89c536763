package io.perpspot.engine.core;

/**
 * The names of a journal-format code table ({@link EventType}, {@link OutputType},
 * {@link Source}, {@link SourceState}, {@link LatencyKind}, {@link QuoteSide}): code → name for
 * text and JSON, name → code (case-insensitive) for command-line filters. Unassigned codes are
 * {@code null} entries.
 */
public final class NameTable {
    private final int first;
    private final String[] names;

    /**
     * @param first the lowest valid code (0 or 1: below it every code reads "unknown")
     * @param names the names by code from 0; null for a code that is not assigned
     */
    public NameTable(int first, String... names) {
        this.first = first;
        this.names = names.clone();
    }

    /** The name of {@code code}, or {@code unknown(code)}. */
    public String name(int code) {
        return code >= first && code < names.length && names[code] != null ? names[code] : "unknown(" + code + ")";
    }

    /** The code named {@code name} (case-insensitive), or -1. */
    public int byName(String name) {
        for (int i = first; i < names.length; i++) {
            if (names[i] != null && names[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
