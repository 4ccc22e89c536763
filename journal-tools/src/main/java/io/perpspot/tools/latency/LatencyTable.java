package io.perpspot.tools.latency;

import io.perpspot.tools.read.LatencyReport;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a {@link LatencyReport} as an aligned percentile table, values in milliseconds. */
public final class LatencyTable {
    private LatencyTable() {
    }

    /**
     * Prints one line per entry (kind, source, intervals, count, p50 to max in ms, negative, overflow) after a header,
     * each prefixed by {@code indent}; one line saying so for a report without snapshots.
     */
    public static void print(LatencyReport report, PrintWriter out, String indent) {
        if (report.isEmpty()) {
            out.println(indent + "(no latency snapshots in this journal)");
            return;
        }
        out.printf(Locale.ROOT, "%s%-12s %-16s %9s %12s %10s %10s %10s %10s %10s %9s %9s%n", indent, "kind", "source",
                "intervals", "count", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "negative", "overflow");
        for (LatencyReport.Entry e : report.entries()) {
            LatencyReport.Percentiles p = e.percentiles();
            out.printf(Locale.ROOT, "%s%-12s %-16s %,9d %,12d %10s %10s %10s %10s %10s %,9d %,9d%n", indent,
                    e.kindName(),
                    e.sourceName(), e.snapshots(), p.count(), ms(p, p.p50()), ms(p, p.p90()), ms(p, p.p99()),
                    ms(p, p.p999()), ms(p, p.max()), e.negative(), e.overflow());
        }
    }

    private static String ms(LatencyReport.Percentiles p, long nanos) {
        return p.count() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
