package io.perpspot.tools.format;

import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.Source;
import org.HdrHistogram.Histogram;

/** The fields of a latency snapshot (Latency output records, LatencySnapshot input records). */
final class LatencyFields {
    private LatencyFields() {
    }

    static void body(LatencySnapshot s, FieldSink out) {
        out.text("kind", LatencyKind.name(s.kind));
        out.text("latencySource", Source.name(s.source));
        out.integer("intervalStartNanos", s.intervalStartNanos, false);
        out.integer("intervalEndNanos", s.intervalEndNanos, false);
        out.integer("count", s.count, false);
        out.integer("negative", s.negative, false);
        out.integer("overflow", s.overflow, false);
        out.integer("histogramBytes", s.length(), false);
        Histogram h = s.decode();
        boolean empty = h.getTotalCount() == 0;
        out.integer("p50Nanos", empty ? 0 : h.getValueAtPercentile(50), empty);
        out.integer("p99Nanos", empty ? 0 : h.getValueAtPercentile(99), empty);
        out.integer("maxNanos", empty ? 0 : h.getMaxValue(), empty);
    }
}
