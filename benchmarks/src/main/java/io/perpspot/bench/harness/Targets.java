package io.perpspot.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets that the harness itself measures, each with the figure and whether it was
 * met (null: not measured in this run). Reported, never asserted.
 */
public final class Targets {
    private Targets() {
    }

    static List<Map<String, Object>> evaluate(List<RunResult> main, Map<String, Object> found, String frames) {
        RunResult full = main.get(0);
        RunResult base = main.get(1);
        List<Map<String, Object>> out = new ArrayList<>();
        boolean at100k = full.rate() == 100_000;
        String suffix = at100k ? "" : " (run at " + String.format(Locale.ROOT, "%,d", full.rate())
                + " ev/s, target is at 100,000)";
        out.add(t("full path p99 <= 50 us at 100,000 ev/s", us(full.us(99)) + suffix, at100k ? full.clean()
                && full.us(99) <= 50 : null));
        out.add(t("full path p99.9 <= 500 us at 100,000 ev/s", us(full.us(99.9)) + suffix, at100k ? full.clean()
                && full.us(99.9) <= 500 : null));
        double ratio = base.us(99) / Math.max(full.us(99), 1e-3);
        out.add(t("baseline p99 >= 10x the full path's (same run)",
                String.format(Locale.ROOT, "%.1fx (%s vs %s)", ratio, us(base.us(99)), us(full.us(99))),
                ratio >= 10));
        if (found != null) {
            long max = (Long) found.get("fullPath");
            boolean bbo = frames.equals("bbo");
            out.add(t("highest rate with p99 < 1 ms >= 1,000,000 ev/s (bbo frames)",
                    String.format(Locale.ROOT, "%,d ev/s%s", max, bbo ? "" : " (frames: " + frames + ")"), bbo
                    ? max >= 1_000_000 : null));
        } else {
            out.add(t("highest rate with p99 < 1 ms >= 1,000,000 ev/s (bbo frames)", "run with --find-max --frames bbo",
                    null));
        }
        out.add(t("zero bytes allocated per event on the full path",
                String.format(Locale.ROOT, "%.3f bytes/event (producer %,d B, consumer %,d B)",
                full.bytesPerEvent(), full.producerBytes(), full.consumerBytes()), full.bytesPerEvent() < 0.01));
        return out;
    }

    private static String us(double v) {
        return String.format(Locale.ROOT, "%,.1f us", v);
    }

    /** One row of a report's targets: what, the measured value, whether it was met (null: not measured). */
    public static Map<String, Object> t(String target, String value, Boolean met) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("value", value);
        m.put("met", met);
        return m;
    }
}
