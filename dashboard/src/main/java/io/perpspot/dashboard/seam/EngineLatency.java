package io.perpspot.dashboard.seam;

import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.read.LatencyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's latency histograms through {@link LatencyReport}: feed latency (Latency output
 * records, per source) and the engine's own (LatencySnapshot input records: receive → journaled,
 * receive → opportunity). Reading means a pass over both queues, so an answer is reused for
 * {@link #TTL_MS} and computed by one caller at a time.
 */
public final class EngineLatency implements LatencySource {
    static final long TTL_MS = 5_000;
    private Map<String, Object> cached;
    private long cachedAtMs;

    @Override
    public synchronized Map<String, Object> latency(Path journal) {
        long now = System.currentTimeMillis();
        if (cached != null && now - cachedAtMs < TTL_MS) {
            return cached;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        try (JournalReader r = JournalReader.open(journal)) {
            m.put("latest", entries(LatencyReport.read(r, LatencyReport.Mode.LATEST)));
            m.put("merged", entries(LatencyReport.read(r, LatencyReport.Mode.MERGED)));
        }
        m.put("unit", "ms");
        m.put("readAtMs", now);
        m.put("note", "feed = local receive - exchange timestamp (per source, from the strategy's Latency records);"
                + " journal / opportunity = the engine's own receive -> journaled / -> opportunity written"
                + " (LatencySnapshot records). HdrHistogram, 3 significant digits.");
        cached = m;
        cachedAtMs = now;
        return m;
    }

    private static List<Map<String, Object>> entries(LatencyReport report) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LatencyReport.Entry e : report.entries()) {
            LatencyReport.Percentiles p = e.percentiles();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", e.kindName());
            m.put("source", e.sourceName());
            m.put("internal", e.source() == Source.ENGINE || !"feed".equals(e.kindName()));
            m.put("count", p.count());
            m.put("p50", ms(p.p50()));
            m.put("p90", ms(p.p90()));
            m.put("p99", ms(p.p99()));
            m.put("p999", ms(p.p999()));
            m.put("max", ms(p.max()));
            m.put("mean", p.count() == 0 ? null : p.mean() / 1e6);
            m.put("snapshots", e.snapshots());
            m.put("negative", e.negative());
            m.put("overflow", e.overflow());
            m.put("fromMs", e.firstStartNanos() == Long.MAX_VALUE ? null : e.firstStartNanos() / 1_000_000);
            m.put("toMs", e.lastEndNanos() == Long.MIN_VALUE ? null : e.lastEndNanos() / 1_000_000);
            out.add(m);
        }
        return out;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
