package io.perpspot.tools.backtest;

import io.perpspot.engine.config.ConfigKey;
import io.perpspot.engine.config.Durations;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.exec.DirectionPolicy;
import io.perpspot.engine.exec.Template;
import io.perpspot.tools.format.CsvRows;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parameter grid: {@code --sweep key=a:b:step} (inclusive, exact decimal steps) or
 * {@code --sweep key=v1,v2,...}, repeatable; every combination is one backtest. Keys are the
 * template's fields ({@link #TEMPLATE_KEYS}) and the {@code strategy.*}, {@code execution.*} and
 * {@code backtest.*} configuration keys.
 */
public final class Sweep {
    /** Template fields a sweep may change, as named in templates.yaml. */
    public static final Set<String> TEMPLATE_KEYS = Set.of("notional-usd", "max-latency", "min-spread-bps",
            "funding-threshold-bps", "direction", "risk-multiplier", "holding-horizon");
    /** Most combinations a sweep may run. */
    public static final int MAX_COMBINATIONS = 10_000;

    /** One swept key and its values in order. */
    public record Axis(String key, List<String> values) {
    }

    private final List<Axis> axes;

    private Sweep(List<Axis> axes) {
        this.axes = axes;
    }

    /** The swept keys in the order given, each with its values; empty when nothing is swept. */
    public List<Axis> axes() {
        return axes;
    }

    /**
     * Parses the {@code --sweep} arguments.
     *
     * @throws IllegalArgumentException with a message naming the bad argument or key
     */
    public static Sweep parse(List<String> specs) {
        Map<String, Axis> axes = new LinkedHashMap<>();
        long combos = 1;
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("--sweep: expected key=a:b:step or key=v1,v2,..., got '" + spec
                        + "'");
            }
            String key = spec.substring(0, eq).trim();
            String v = spec.substring(eq + 1).trim();
            if (!known(key)) {
                throw new IllegalArgumentException("--sweep: unknown key '" + key + "' (template fields: "
                        + String.join(", ", new TreeSet<>(TEMPLATE_KEYS))
                        + "; or a strategy.*, execution.* or backtest.* configuration key)");
            }
            if (axes.containsKey(key)) {
                throw new IllegalArgumentException("--sweep: key '" + key + "' named twice");
            }
            List<String> values = v.contains(":") ? range(spec, v) : list(spec, v);
            axes.put(key, new Axis(key, values));
            combos *= values.size();
            if (combos > MAX_COMBINATIONS) {
                throw new IllegalArgumentException("--sweep: more than " + MAX_COMBINATIONS + " combinations");
            }
        }
        return new Sweep(List.copyOf(axes.values()));
    }

    static boolean known(String key) {
        if (TEMPLATE_KEYS.contains(key)) {
            return true;
        }
        ConfigKey<?> k = Settings.byName(key);
        return k != null && (key.startsWith("strategy.") || key.startsWith("execution.")
                || key.startsWith("backtest."));
    }

    private static List<String> range(String spec, String v) {
        String[] p = v.split(":");
        if (p.length != 3) {
            throw new IllegalArgumentException("--sweep: expected a:b:step, got '" + spec + "'");
        }
        BigDecimal a;
        BigDecimal b;
        BigDecimal step;
        try {
            a = new BigDecimal(p[0].trim());
            b = new BigDecimal(p[1].trim());
            step = new BigDecimal(p[2].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sweep: a:b:step must be numbers, got '" + spec + "'");
        }
        if (step.signum() <= 0 || b.compareTo(a) < 0) {
            throw new IllegalArgumentException("--sweep: needs a <= b and step > 0, got '" + spec + "'");
        }
        List<String> out = new ArrayList<>();
        for (BigDecimal x = a; x.compareTo(b) <= 0; x = x.add(step)) {
            out.add(x.stripTrailingZeros().toPlainString());
            if (out.size() > MAX_COMBINATIONS) {
                throw new IllegalArgumentException("--sweep: more than " + MAX_COMBINATIONS + " values in '" + spec
                        + "'");
            }
        }
        return List.copyOf(out);
    }

    private static List<String> list(String spec, String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (s.isBlank()) {
                throw new IllegalArgumentException("--sweep: empty value in '" + spec + "'");
            }
            out.add(s.trim());
        }
        return List.copyOf(out);
    }

    /** Every combination, the last axis varying fastest; each maps key to value in axis order. */
    public List<Map<String, String>> combinations() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Axis a : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> m : out) {
                for (String v : a.values()) {
                    Map<String, String> c = new LinkedHashMap<>(m);
                    c.put(a.key(), v);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * The template with a combination's template fields applied.
     *
     * @throws IllegalArgumentException naming the field when a value is invalid
     */
    public static Template apply(Template t, Map<String, String> combo) {
        double notional = t.notionalUsd();
        Duration maxLatency = t.maxLatency();
        double minSpread = t.minSpreadBps();
        double funding = t.fundingThresholdBps();
        DirectionPolicy direction = t.direction();
        double risk = t.riskMultiplier();
        Duration horizon = t.holdingHorizon();
        for (Map.Entry<String, String> e : combo.entrySet()) {
            String v = e.getValue();
            try {
                switch (e.getKey()) {
                    case "notional-usd" -> notional = Double.parseDouble(v);
                    case "min-spread-bps" -> minSpread = Double.parseDouble(v);
                    case "funding-threshold-bps" -> funding = Double.parseDouble(v);
                    case "risk-multiplier" -> risk = Double.parseDouble(v);
                    case "max-latency" -> maxLatency = duration(v);
                    case "holding-horizon" -> horizon = duration(v);
                    case "direction" -> direction = DirectionPolicy.of(v);
                    default -> {
                        // a configuration key
                    }
                }
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("--sweep: " + e.getKey() + ": bad value '" + v + "'");
            }
        }
        try {
            return new Template(t.name(), t.token(), notional, maxLatency, minSpread, funding, direction, risk,
                    horizon);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("--sweep: " + ex.getMessage());
        }
    }

    private static Duration duration(String v) {
        Duration d = Durations.parse(v);
        if (d == null) {
            throw new IllegalArgumentException(v);
        }
        return d;
    }

    /** The combination's configuration keys as {@code --set} lines. */
    public static List<String> configSets(Map<String, String> combo) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : combo.entrySet()) {
            if (!TEMPLATE_KEYS.contains(e.getKey())) {
                out.add(e.getKey() + "=" + e.getValue());
            }
        }
        return out;
    }

    /** The rows of a sweep: each combination with its statistics, in combination order. */
    public record Outcome(Sweep sweep, List<Map<String, String>> combos, List<BacktestResult.Stats> stats) {
        /**
         * The rows as CSV text: a header of the swept keys and the statistics, then one row per combination in order.
         */
        public String csv() {
            return CsvRows.text(csv -> {
                List<String> header = new ArrayList<>();
                for (Axis a : sweep.axes()) {
                    header.add(a.key());
                }
                header.addAll(List.of("trades", "total_pnl_usd", "win_rate", "sharpe", "sortino", "max_drawdown_usd",
                        "turnover_usd", "exposure", "var95_daily_usd", "cvar95_daily_usd", "fees_usd", "funding_usd"));
                csv.row(header);
                for (int i = 0; i < combos.size(); i++) {
                    List<String> row = new ArrayList<>();
                    for (Axis a : sweep.axes()) {
                        row.add(combos.get(i).get(a.key()));
                    }
                    BacktestResult.Stats s = stats.get(i);
                    row.addAll(List.of(Integer.toString(s.trades()), Reports.num(s.totalPnl(), 8),
                            Reports.num(s.winRate(), 6), Reports.num(s.sharpe(), 6), Reports.num(s.sortino(), 6),
                            Reports.num(s.maxDrawdown(), 8),
                            Reports.num(s.turnoverUsd(), 2), Reports.num(s.exposure(), 6), Reports.num(s.var95(), 8),
                            Reports.num(s.cvar95(), 8), Reports.num(s.feesUsd(), 8), Reports.num(s.fundingUsd(), 8)));
                    csv.row(row);
                }
            });
        }

        /** Index of the combination with the highest total P&amp;L (the first on a tie). */
        public int best() {
            int best = 0;
            for (int i = 1; i < stats.size(); i++) {
                if (stats.get(i).totalPnl() > stats.get(best).totalPnl()) {
                    best = i;
                }
            }
            return best;
        }

        /**
         * The heatmap: total P&amp;L over the first two axes (x = first, y = second or one row);
         * with more axes, each cell shows the best total P&amp;L over the others.
         */
        String heatmapJson() {
            Axis x = sweep.axes().get(0);
            Axis y = sweep.axes().size() > 1 ? sweep.axes().get(1) : null;
            int ny = y == null ? 1 : y.values().size();
            double[][] z = new double[ny][x.values().size()];
            for (double[] row : z) {
                Arrays.fill(row, Double.NaN);
            }
            for (int i = 0; i < combos.size(); i++) {
                int xi = x.values().indexOf(combos.get(i).get(x.key()));
                int yi = y == null ? 0 : y.values().indexOf(combos.get(i).get(y.key()));
                double v = stats.get(i).totalPnl();
                if (Double.isNaN(z[yi][xi]) || v > z[yi][xi]) {
                    z[yi][xi] = v;
                }
            }
            StringBuilder sb = new StringBuilder("{\"x\":").append(quoted(x.key())).append(",\"xs\":")
                    .append(quotedList(x.values()));
            sb.append(",\"y\":").append(y == null ? "\"\"" : quoted(y.key())).append(",\"ys\":")
                    .append(y == null ? "[\"\"]" : quotedList(y.values())).append(",\"z\":[");
            for (int j = 0; j < ny; j++) {
                sb.append(j == 0 ? "[" : ",[");
                for (int i = 0; i < z[j].length; i++) {
                    String n = Reports.num(z[j][i], 4);
                    sb.append(i == 0 ? "" : ",").append(n.isEmpty() ? "null" : n);
                }
                sb.append(']');
            }
            sb.append("],\"more\":").append(sweep.axes().size() > 2);
            return sb.append('}').toString();
        }

        private static String quoted(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c") + "\"";
        }

        private static String quotedList(List<String> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(quoted(l.get(i)));
            }
            return sb.append(']').toString();
        }
    }
}
