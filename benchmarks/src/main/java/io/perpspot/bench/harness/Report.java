package io.perpspot.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.perpspot.tools.format.ChartJs;
import java.io.IOException;
import java.io.InputStream;
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
import org.HdrHistogram.HistogramIterationValue;

/**
 * Writes a run's results: {@code <pipeline>.hgrm} (HdrHistogram percentile distributions in
 * microseconds, readable by HdrHistogram's plotter), {@code summary.json}, a self-contained
 * {@code report.html} (Chart.js from the webjar inlined) and the terminal table.
 */
public final class Report {
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    static final String[] LABELS = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private Report() {
    }

    /** Writes every file into {@code dir}. */
    public static void write(Path dir, Map<String, Object> settings, Map<String, Object> machine, List<RunResult> main,
            Map<String, List<RunResult>> search, Map<String, Object> findMax, List<Map<String, Object>> targets)
            throws IOException {
        Files.createDirectories(dir);
        for (RunResult r : main) {
            hgrm(dir.resolve(r.pipeline() + ".hgrm"), r.latency());
            if (r.opportunityLatency().getTotalCount() > 0) {
                hgrm(dir.resolve(r.pipeline() + "-opportunity.hgrm"), r.opportunityLatency());
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("machine", machine);
        summary.put("settings", settings);
        Map<String, Object> pipelines = new LinkedHashMap<>();
        for (RunResult r : main) {
            pipelines.put(r.pipeline(), figures(r));
        }
        summary.put("pipelines", pipelines);
        if (findMax != null) {
            Map<String, Object> fm = new LinkedHashMap<>(findMax);
            Map<String, Object> steps = new LinkedHashMap<>();
            search.forEach((k, v) -> steps.put(k, v.stream().map(Report::stepFigures).toList()));
            fm.put("steps", steps);
            summary.put("findMax", fm);
        }
        summary.put("targets", targets);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String summaryText = json.writeValueAsString(summary);
        Files.writeString(dir.resolve("summary.json"), summaryText + "\n");
        Files.writeString(dir.resolve("report.html"), html(summaryText, main));
    }

    static void hgrm(Path file, Histogram h) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(out, 5, 1000.0);
        }
    }

    static Map<String, Object> figures(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offeredRate", r.rate());
        m.put("framesOffered", r.offered());
        m.put("framesDueInMeasuredPart", r.measuredOffered());
        m.put("eventsProcessed", r.processed());
        m.put("eventsMeasured", r.measured());
        m.put("dropped", r.dropped());
        m.put("rejected", r.rejected());
        m.put("drained", r.drained());
        m.put("overloaded", r.overloaded());
        m.put("failure", r.failure());
        m.put("throughputEventsPerSecond", round(r.throughput()));
        m.put("latencyMicros", percentiles(r.latency()));
        m.put("opportunities", r.opportunityLatency().getTotalCount());
        m.put("opportunityLatencyMicros", percentiles(r.opportunityLatency()));
        Map<String, Object> alloc = new LinkedHashMap<>();
        alloc.put("producerBytes", r.producerBytes());
        alloc.put("consumerBytes", r.consumerBytes());
        alloc.put("bytesPerEvent", round(r.bytesPerEvent()));
        m.put("allocation", alloc);
        Map<String, Object> gc = new LinkedHashMap<>();
        gc.put("collections", r.gcCount());
        gc.put("totalMillis", r.gcMillis());
        gc.put("maxPauseMillis", r.gcMaxPauseMs());
        m.put("gc", gc);
        m.put("inputRecordsJournaled", r.journaled());
        m.put("outputRecordsWritten", r.outputs());
        m.put("latencyClampedAt60s", r.clamped());
        return m;
    }

    static Map<String, Object> stepFigures(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offeredRate", r.rate());
        m.put("p99Micros", round(r.us(99)));
        m.put("maxMicros", round(r.maxUs()));
        m.put("throughputEventsPerSecond", round(r.throughput()));
        m.put("dropped", r.dropped());
        m.put("overloaded", r.overloaded());
        m.put("passed", r.clean() && r.us(99) < 1000);
        return m;
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (h.getTotalCount() == 0) {
            return m;
        }
        for (int i = 0; i < PERCENTILES.length; i++) {
            m.put(LABELS[i], round(h.getValueAtPercentile(PERCENTILES[i]) / 1000.0));
        }
        m.put("max", round(h.getMaxValue() / 1000.0));
        m.put("mean", round(h.getMean() / 1000.0));
        return m;
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : -1;
    }

    /** The terminal table: percentiles in microseconds for each pipeline. */
    public static String table(List<RunResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %12s %10s %10s %10s %10s %10s %10s %12s %9s%n", "pipeline",
                "events/s",
                "p50 us", "p90 us", "p99 us", "p99.9 us", "p99.99 us", "max us", "bytes/event", "dropped"));
        for (RunResult r : results) {
            sb.append(String.format(Locale.ROOT,
                    "%-10s %,12.0f %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f %12.2f %,9d%n",
                    r.pipeline(), r.throughput(), r.us(50), r.us(90), r.us(99), r.us(99.9), r.us(99.99), r.maxUs(),
                    r.bytesPerEvent(), r.dropped()));
        }
        return sb.toString();
    }

    /** Points of the percentile curve: x = 1/(1-p) (log axis), y = latency in microseconds. */
    static List<double[]> curve(Histogram h) {
        List<double[]> pts = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return pts;
        }
        for (HistogramIterationValue v : h.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            if (p >= 1.0) {
                break;
            }
            pts.add(new double[] {1 / (1 - p), v.getValueIteratedTo() / 1000.0});
        }
        // The maximum, placed one decade past the last point.
        double lastX = pts.isEmpty() ? 1 : pts.get(pts.size() - 1)[0];
        pts.add(new double[] {Math.max(lastX * 10, 10), h.getMaxValue() / 1000.0});
        return pts;
    }

    static String html(String summaryJson, List<RunResult> main) throws IOException {
        String chartJs = ChartJs.script();
        StringBuilder curves = new StringBuilder("{");
        for (RunResult r : main) {
            curves.append('"').append(r.pipeline()).append("\":[");
            List<double[]> pts = curve(r.latency());
            for (int i = 0; i < pts.size(); i++) {
                curves.append(i == 0 ? "" : ",")
                        .append(String.format(Locale.ROOT, "{\"x\":%.6g,\"y\":%.4f}", pts.get(i)[0],
                        Math.max(pts.get(i)[1], 0.001)));
            }
            curves.append("],");
        }
        curves.setLength(curves.length() - 1);
        curves.append('}');
        String template;
        try (InputStream in = Report.class.getResourceAsStream("/bench-report/report.html")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return template.replace("/*CHART_JS*/", chartJs)
                .replace("/*SUMMARY*/null", summaryJson.replace("</", "<\\/"))
                .replace("/*CURVES*/null", curves.toString());
    }
}
