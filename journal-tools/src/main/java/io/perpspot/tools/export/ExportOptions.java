package io.perpspot.tools.export;

import io.perpspot.tools.dump.RecordFilter;
import java.nio.file.Path;

/**
 * What one {@code journal export} writes: where, in which format and layout, and which records
 * (filter, event times {@code [fromNanos, toNanos)}). {@code sinceLast} continues an earlier export.
 */
record ExportOptions(Path out, TablePart.Format format, boolean byDay, boolean doubles, boolean sinceLast,
        RecordFilter filter, long fromNanos, long toNanos) {
    /** The {@code --partition} value, as the state file keeps it. */
    String partition() {
        return byDay ? "day" : "none";
    }
}
