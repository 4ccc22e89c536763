package io.perpspot.tools.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.cli.ConfigOptions;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.tools.backtest.BacktestRun;
import io.perpspot.tools.command.UsageError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code perpspot journal import --format csv|jsonl FILE... --out DIR [--on-error skip|fail]}:
 * builds a journal from external tick data. Reads the files; writes a new journal
 * ({@link HistoryJournal}). The column layout is in README.md and docs/journal-format.md.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Build a journal from external tick data (CSV with a header, or JSON lines).",
            "Fields: time (ISO-8601 or epoch ms), token (Hyperliquid coin), type (perp_bbo | perp_mid |",
            "perp_ctx | spot), then bid, ask [bid_size, ask_size] | price | funding [premium, mark, oracle, price]",
            "| price. Rows are journaled in time order with source 'import'.",
            "A malformed row is reported with file and line; --on-error skip imports the rest, fail",
            "(default) refuses the import (exit 2, nothing written).",
            "Example: perpspot journal import --format csv ticks.csv --out data/imported"})
public final class ImportCommand implements Callable<Integer> {
    static final Set<String> COLUMNS = Set.of("time", "token", "type", "bid", "ask", "bid_size", "ask_size", "price",
            "funding", "premium", "mark", "oracle");
    private static final Pattern COIN = Pattern.compile("[A-Za-z0-9]{1,20}");
    /** Errors printed one per line before the rest are only counted. */
    static final int MAX_PRINTED = 20;

    @Option(names = "--format", required = true, paramLabel = "csv|jsonl", description = "Input format.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Input files, read in order.")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New journal directory (missing or empty).")
    Path out;

    @Option(names = "--on-error", paramLabel = "skip|fail", defaultValue = "fail",
            description = "A malformed row: skip it (and report it) or refuse the import (default: ${DEFAULT-VALUE}).")
    String onError;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Spec
    CommandSpec spec;

    /** A malformed row: where and why. */
    static final class RowError extends Exception {
        RowError(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (!format.equals("csv") && !format.equals("jsonl")) {
            return UsageError.report(spec, "--format: expected csv or jsonl, got '" + format + "'");
        }
        if (!onError.equals("skip") && !onError.equals("fail")) {
            return UsageError.report(spec, "--on-error: expected skip or fail, got '" + onError + "'");
        }
        if (!HistoryJournal.usable(out)) {
            return UsageError.report(spec, "--out: " + out + " exists and is not an empty directory");
        }
        var cfg = config.load();
        PrintWriter err = spec.commandLine().getErr();
        List<Tick> ticks = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long seq = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                return UsageError.report(spec, f + ": no such file");
            }
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                List<String> header = null;
                ObjectMapper json = new ObjectMapper();
                while ((line = r.readLine()) != null) {
                    n++;
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    try {
                        Map<String, String> row;
                        if (format.equals("csv")) {
                            if (header == null) {
                                try {
                                    header = header(line);
                                } catch (RowError e) {
                                    // Not a row: without a header no row can be read, whatever --on-error says.
                                    return UsageError.report(spec, f + ":" + n + ": " + e.getMessage());
                                }
                                continue;
                            }
                            row = csvRow(header, line);
                        } else {
                            row = jsonRow(json, line);
                        }
                        ticks.add(tick(row, seq++));
                    } catch (RowError e) {
                        String msg = f + ":" + n + ": " + e.getMessage();
                        if (onError.equals("fail")) {
                            return UsageError.report(spec, msg + " (import refused; --on-error skip imports the other rows)");
                        }
                        errors.add(msg);
                    }
                }
                if (format.equals("csv") && header == null) {
                    String msg = f + ":1: no header line";
                    if (onError.equals("fail")) {
                        return UsageError.report(spec, msg);
                    }
                    errors.add(msg);
                }
            }
        }
        for (int i = 0; i < Math.min(MAX_PRINTED, errors.size()); i++) {
            err.println("perpspot: skipped " + errors.get(i));
        }
        if (errors.size() > MAX_PRINTED) {
            err.println("perpspot: ... and " + (errors.size() - MAX_PRINTED) + " more malformed rows skipped");
        }
        err.flush();
        if (ticks.isEmpty()) {
            return UsageError.report(spec, "nothing to import: no valid rows in " + files);
        }
        var tokens = HistoryJournal.write(out, cfg, ticks);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "journal import: %,d rows imported, %,d malformed rows skipped, %d tokens -> %s%n", ticks.size(),
                errors.size(), tokens.size(), out);
        o.flush();
        return ExitCodes.OK;
    }

    private static List<String> header(String line) throws RowError {
        List<String> h = new ArrayList<>();
        for (String c : line.split(",", -1)) {
            String k = c.trim().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(k)) {
                throw new RowError("unknown column '" + c.trim() + "' in the header (known: time, token, type, bid, ask, "
                        + "bid_size, ask_size, price, funding, premium, mark, oracle)");
            }
            h.add(k);
        }
        for (String req : new String[] {"time", "token", "type"}) {
            if (!h.contains(req)) {
                throw new RowError("the header has no '" + req + "' column");
            }
        }
        return h;
    }

    private static Map<String, String> csvRow(List<String> header, String line) throws RowError {
        String[] v = line.split(",", -1);
        if (v.length != header.size()) {
            throw new RowError("expected " + header.size() + " fields, got " + v.length);
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            if (!v[i].isBlank()) {
                m.put(header.get(i), v[i].trim());
            }
        }
        return m;
    }

    private static Map<String, String> jsonRow(ObjectMapper json, String line) throws RowError {
        JsonNode n;
        try {
            n = json.readTree(line);
        } catch (IOException e) {
            throw new RowError("not a JSON object");
        }
        if (n == null || !n.isObject()) {
            throw new RowError("not a JSON object");
        }
        Map<String, String> m = new LinkedHashMap<>();
        var it = n.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!COLUMNS.contains(e.getKey())) {
                throw new RowError("unknown field '" + e.getKey() + "'");
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isTextual() && !v.isNumber()) {
                throw new RowError(e.getKey() + ": expected a string or a number");
            }
            m.put(e.getKey(), v.isTextual() ? v.asText() : v.numberValue() instanceof Double d ? new java.math.BigDecimal(v.asText())
                    .toPlainString() : v.asText());
        }
        return m;
    }

    static Tick tick(Map<String, String> row, long seq) throws RowError {
        String time = required(row, "time");
        long nanos;
        try {
            nanos = BacktestRun.parseTime("time", time);
        } catch (IllegalArgumentException e) {
            throw new RowError("time: expected ISO-8601 or epoch milliseconds, got '" + time + "'");
        }
        String coin = required(row, "token");
        if (!COIN.matcher(coin).matches()) {
            throw new RowError("token: expected a Hyperliquid coin (letters and digits), got '" + coin + "'");
        }
        String type = required(row, "type");
        Tick t;
        switch (type) {
            case "perp_bbo" -> {
                t = new Tick(nanos, seq, coin, EventType.PERP_BBO);
                t.bid = price(row, "bid", true);
                t.ask = price(row, "ask", true);
                t.bidSize = size(row, "bid_size");
                t.askSize = size(row, "ask_size");
                if (t.bid >= t.ask) {
                    throw new RowError("crossed book: bid " + row.get("bid") + " >= ask " + row.get("ask"));
                }
            }
            case "perp_mid" -> {
                t = new Tick(nanos, seq, coin, EventType.PERP_MID);
                t.price = price(row, "price", true);
            }
            case "perp_ctx" -> {
                t = new Tick(nanos, seq, coin, EventType.PERP_CTX);
                t.funding = signed(row, "funding", true);
                t.premium = signed(row, "premium", false);
                t.mark = price(row, "mark", false);
                t.oracle = price(row, "oracle", false);
                t.price = price(row, "price", false);
            }
            case "spot" -> {
                t = new Tick(nanos, seq, coin, EventType.SPOT_PRICE);
                t.price = price(row, "price", true);
            }
            default -> throw new RowError("type: expected perp_bbo, perp_mid, perp_ctx or spot, got '" + type + "'");
        }
        return t;
    }

    private static String required(Map<String, String> row, String k) throws RowError {
        String v = row.get(k);
        if (v == null || v.isBlank()) {
            throw new RowError("missing " + k);
        }
        return v;
    }

    private static long signed(Map<String, String> row, String k, boolean req) throws RowError {
        String v = row.get(k);
        if (v == null) {
            if (req) {
                throw new RowError("missing " + k);
            }
            return FixedPoint.NULL;
        }
        long x = FixedPoint.parse(v, FixedPoint.PRICE_DECIMALS);
        if (x == FixedPoint.NULL || x == FixedPoint.INVALID) {
            throw new RowError(k + ": not a number: '" + v + "'");
        }
        return x;
    }

    private static long price(Map<String, String> row, String k, boolean req) throws RowError {
        long x = signed(row, k, req);
        if (x != FixedPoint.NULL && x <= 0) {
            throw new RowError(k + ": must be > 0, got '" + row.get(k) + "'");
        }
        return x;
    }

    private static long size(Map<String, String> row, String k) throws RowError {
        String v = row.get(k);
        if (v == null) {
            return FixedPoint.NULL;
        }
        long x = FixedPoint.parse(v, FixedPoint.SIZE_DECIMALS);
        if (x == FixedPoint.NULL || x == FixedPoint.INVALID || x < 0) {
            throw new RowError(k + ": not a size: '" + v + "'");
        }
        return x;
    }
}
