package io.perpspot.engine.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of one Prometheus text exposition by series ({@code name{label="value",...}}, labels
 * in name order whatever order the exporter wrote them in).
 */
public final class Exposition {
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> samples;

    private Exposition(Map<String, Double> samples) {
        this.samples = samples;
    }

    /** Parses the sample lines of {@code text} (comments skipped). */
    public static Exposition parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
            int cut = l.lastIndexOf(' ');
            samples.put(canonical(l.substring(0, cut)), Double.parseDouble(l.substring(cut + 1)));
        });
        return new Exposition(samples);
    }

    /** The series {@code name} with the label pairs {@code labels} (name, value, name, value...). */
    public static String series(String name, String... labels) {
        StringBuilder b = new StringBuilder(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            b.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(labels[i + 1]).append('"');
        }
        return canonical(b.append('}').toString());
    }

    /** The value of a series, or NaN if the exposition lacks it. */
    public double value(String series) {
        return samples.getOrDefault(canonical(series), Double.NaN);
    }

    private static String canonical(String series) {
        int brace = series.indexOf('{');
        if (brace < 0) {
            return series;
        }
        Map<String, String> labels = new TreeMap<>();
        Matcher m = LABEL.matcher(series.substring(brace));
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        StringBuilder b = new StringBuilder(series.substring(0, brace)).append('{');
        labels.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",").append(k).append("=\"")
                .append(v).append('"'));
        return b.append('}').toString();
    }
}
