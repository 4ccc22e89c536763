package io.perpspot.bench.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.perpspot.bench.harness.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Writes a wire run: {@code <series>.hgrm} (HdrHistogram percentile distributions in microseconds) for
 * the floor and for every stage at every rate, {@code summary.json} (machine, settings, floor, per rate
 * the stages with their ratio to the floor, drops, the generator's send lag, the baseline over the wire, the
 * rate search, the targets) and {@code report.html} (the same as tables).
 */
final class WireReport {
    static final double[] PERCENTILES = {50, 90, 99, 99.9};
    static final String[] LABELS = {"p50", "p90", "p99", "p99.9"};

    private WireReport() {
    }

    static Map<String, Object> write(Path dir, Map<String, Object> machine, Map<String, Object> settings, Floor floor,
            List<WireRun> runs, RateSearch search) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("machine", machine);
        summary.put("settings", settings);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("parkHandoffMicros", series(dir, "floor-park-handoff", floor.parkHandoff, null));
        f.put("spinHandoffMicros", series(dir, "floor-spin-handoff", floor.spinHandoff, null));
        f.put("tcpRoundTripMicros", series(dir, "floor-tcp-round-trip", floor.tcpRoundTrip, null));
        Map<String, Object> wf = new LinkedHashMap<>();
        for (int i = 0; i < PERCENTILES.length; i++) {
            wf.put(LABELS[i], round(floor.wireFloorNanos(PERCENTILES[i]) / 1000.0));
        }
        f.put("wireFloorMicros (tcp round trip / 2 + park hand-off)", wf);
        summary.put("floor", f);
        List<Map<String, Object>> rates = new ArrayList<>();
        for (WireRun r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            String p = "engine-" + r.rate();
            m.put("offeredRate", r.rate());
            m.put("sent", r.sent());
            m.put("journaled", r.journaled());
            m.put("dropped", r.dropped());
            m.put("generator", r.generator());
            m.put("sendToReceived", series(dir, p + "-received", r.stages().received, floor));
            m.put("sendToJournaled", series(dir, p + "-journaled", r.stages().journaled, floor));
            m.put("sendToProcessed", series(dir, p + "-processed", r.stages().processed, floor));
            m.put("sendToOpportunity", series(dir, p + "-opportunity", r.stages().opportunity, floor));
            m.put("receivedToJournaled", series(dir, p + "-received-to-journaled", r.stages().receivedToJournaled,
                    floor, true));
            m.put("receivedToProcessed", series(dir, p + "-received-to-processed", r.stages().receivedToProcessed,
                    floor, true));
            WireBaseline.Result b = r.baseline();
            if (b != null) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("sent", b.sent());
                bm.put("processed", b.processed());
                bm.put("dropped", b.dropped());
                bm.put("rejected", b.rejected());
                bm.put("measured", b.measured());
                bm.put("generator", r.baselineGenerator());
                bm.put("sendToReceived", series(dir, "baseline-" + r.rate() + "-received", b.received(), floor));
                bm.put("sendToProcessed", series(dir, "baseline-" + r.rate() + "-processed", b.processedLatency(),
                        floor));
                m.put("baseline", bm);
            }
            rates.add(m);
        }
        summary.put("rates", rates);
        if (search != null) {
            summary.put("rateSearch", search(search));
        }
        summary.put("targets", targets(runs, search));
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary);
        Files.writeString(dir.resolve("summary.json"), text + "\n");
        Files.writeString(dir.resolve("report.html"), html(summary, text));
        return summary;
    }

    private static Map<String, Object> series(Path dir, String name, Histogram h, Floor floor) throws IOException {
        return series(dir, name, h, floor, false);
    }

    /** A series' percentiles, each also as a ratio to the wire floor or, {@code inProcess}, the parked hand-off. */
    private static Map<String, Object> series(Path dir, String name, Histogram h, Floor floor, boolean inProcess)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        if (h.getTotalCount() == 0) {
            return m;
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(name + ".hgrm")), false,
                StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(out, 5, 1000.0);
        }
        for (int i = 0; i < PERCENTILES.length; i++) {
            double v = h.getValueAtPercentile(PERCENTILES[i]);
            m.put(LABELS[i], round(v / 1000.0));
            if (floor != null) {
                double f = inProcess ? floor.parkHandoff.getValueAtPercentile(PERCENTILES[i])
                        : floor.wireFloorNanos(PERCENTILES[i]);
                m.put(LABELS[i] + "xFloor", round(v / Math.max(1, f)));
            }
        }
        m.put("max", round(h.getMaxValue() / 1000.0));
        return m;
    }

    private static Map<String, Object> search(RateSearch search) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bound", String.format(Locale.ROOT, "p99 send -> journaled < %.0f us, nothing dropped",
                search.boundNanos() / 1000.0));
        m.put("highestPassed", search.highestPassed());
        m.put("reachedCeiling", search.reachedCeiling());
        List<Map<String, Object>> probes = new ArrayList<>();
        for (RateSearch.Probe p : search.probes()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("rate", p.rate());
            pm.put("p99JournaledMicros", round(p.p99Nanos() / 1000.0));
            pm.put("dropped", p.dropped());
            pm.put("generatorSendLagP99Micros", round(p.generatorLagP99Nanos() / 1000.0));
            pm.put("passed", p.passed());
            probes.add(pm);
        }
        m.put("probes", probes);
        return m;
    }

    static List<Map<String, Object>> targets(List<WireRun> runs, RateSearch search) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (WireRun r : runs) {
            double p99 = r.stages().journaled.getValueAtPercentile(99) / 1000.0;
            double limit = r.rate() >= 100_000 ? 200 : 50;
            out.add(Targets.t(String.format(Locale.ROOT, "p99 send -> journaled <= %.0f us at %,d ev/s", limit,
                    r.rate()), String.format(Locale.ROOT, "%.1f us", p99), p99 <= limit));
            if (r.baseline() != null) {
                double engine = r.stages().processed.getValueAtPercentile(99) / 1000.0;
                double base = r.baseline().us(99);
                out.add(Targets.t(String.format(Locale.ROOT, "p99 >= 10x lower than the baseline at %,d ev/s",
                        r.rate()), String.format(Locale.ROOT, "%.1fx (send -> processed: engine %.1f us, baseline"
                        + " over the wire %.1f us)", base / Math.max(engine, 1e-3), engine, base),
                        base >= 10 * engine));
            }
            out.add(Targets.t(String.format(Locale.ROOT, "no event dropped at %,d ev/s", r.rate()),
                    String.format(Locale.ROOT, "%,d of %,d sent not journaled", r.dropped(), r.sent()),
                    r.dropped() == 0));
        }
        if (search != null) {
            out.add(Targets.t("highest rate with p99 send -> journaled < 1 ms >= 500,000 ev/s",
                    String.format(Locale.ROOT, "%,d ev/s%s", search.highestPassed(),
                            search.reachedCeiling() ? " (the search's ceiling)" : ""),
                    search.highestPassed() >= 500_000));
        }
        return out;
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : -1;
    }

    @SuppressWarnings("unchecked")
    private static String html(Map<String, Object> summary, String json) {
        StringBuilder sb = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<title>perpspot bench wire</title><style>body{font-family:sans-serif}td,th{padding:2px 8px;"
                + "text-align:right;border-bottom:1px solid #ddd}</style></head><body><h1>perpspot bench wire</h1>");
        sb.append("<p>").append(escape(String.valueOf(summary.get("machine")))).append("</p>");
        sb.append("<h2>Latency from the intended send time, microseconds (x: ratio to the wire floor; for"
                + " received to ..., the engine's own part, to the parked hand-off)</h2>");
        sb.append("<table><tr><th>rate</th><th>series</th>");
        for (String l : LABELS) {
            sb.append("<th>").append(l).append("</th><th>x</th>");
        }
        sb.append("<th>max</th></tr>");
        for (Map<String, Object> r : (List<Map<String, Object>>) summary.get("rates")) {
            for (String s : List.of("sendToReceived", "sendToJournaled", "sendToProcessed", "sendToOpportunity",
                    "receivedToJournaled", "receivedToProcessed")) {
                row(sb, r.get("offeredRate"), "engine " + s, (Map<String, Object>) r.get(s));
            }
            Map<String, Object> b = (Map<String, Object>) r.get("baseline");
            if (b != null) {
                for (String s : List.of("sendToReceived", "sendToProcessed")) {
                    row(sb, r.get("offeredRate"), "baseline " + s, (Map<String, Object>) b.get(s));
                }
            }
        }
        sb.append("</table>");
        Map<String, Object> search = (Map<String, Object>) summary.get("rateSearch");
        if (search != null) {
            sb.append("<h2>Rate search (").append(escape((String) search.get("bound"))).append(")</h2><table><tr>"
                    + "<th>rate</th><th>p99 journaled us</th><th>dropped</th><th>generator send lag p99 us</th>"
                    + "<th>passed</th></tr>");
            for (Map<String, Object> p : (List<Map<String, Object>>) search.get("probes")) {
                sb.append("<tr><td>").append(p.get("rate")).append("</td><td>").append(p.get("p99JournaledMicros"))
                        .append("</td><td>").append(p.get("dropped")).append("</td><td>")
                        .append(p.get("generatorSendLagP99Micros")).append("</td><td>").append(p.get("passed"))
                        .append("</td></tr>");
            }
            sb.append("</table><p>highest passed: ").append(search.get("highestPassed")).append(" ev/s</p>");
        }
        sb.append("<h2>Targets</h2><table>");
        for (Map<String, Object> t : (List<Map<String, Object>>) summary.get("targets")) {
            sb.append("<tr><td style=\"text-align:left\">").append(escape((String) t.get("target")))
                    .append("</td><td>").append(escape((String) t.get("value"))).append("</td><td>")
                    .append((Boolean) t.get("met") ? "met" : "MISSED").append("</td></tr>");
        }
        sb.append("</table><h2>summary.json</h2><pre>").append(escape(json)).append("</pre></body></html>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, Object rate, String name, Map<String, Object> s) {
        sb.append("<tr><td>").append(rate).append("</td><td style=\"text-align:left\">").append(name).append("</td>");
        for (String l : LABELS) {
            sb.append("<td>").append(s.getOrDefault(l, "")).append("</td><td>").append(s.getOrDefault(l + "xFloor", ""))
                    .append("</td>");
        }
        sb.append("<td>").append(s.getOrDefault("max", "")).append("</td></tr>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
