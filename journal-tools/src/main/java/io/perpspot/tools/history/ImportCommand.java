package io.perpspot.tools.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.cli.ConfigOptions;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.CsvTable;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.tools.backtest.BacktestRun;
import io.perpspot.tools.command.UsageError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
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

    @Option(names = "--out", required = true, paramLabel = "DIR", description =
            "New journal directory (missing or empty).")
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
        Rows rows = new Rows();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                return UsageError.report(spec, f + ": no such file");
            }
            String refused;
            try {
                refused = format.equals("csv") ? readCsv(f, rows) : readJsonLines(f, rows);
            } catch (ConfigException e) {
                // Not a row: without a readable header no row can be read, whatever --on-error says.
                return UsageError.report(spec, e.getMessage());
            }
            if (refused != null) {
                return UsageError.report(spec, refused);
            }
        }
        for (int i = 0; i < Math.min(MAX_PRINTED, rows.errors.size()); i++) {
            err.println("perpspot: skipped " + rows.errors.get(i));
        }
        if (rows.errors.size() > MAX_PRINTED) {
            err.println("perpspot: ... and " + (rows.errors.size() - MAX_PRINTED) + " more malformed rows skipped");
        }
        err.flush();
        if (rows.ticks.isEmpty()) {
            return UsageError.report(spec, "nothing to import: no valid rows in " + files);
        }
        var tokens = HistoryJournal.write(out, cfg, rows.ticks);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "journal import: %,d rows imported, %,d malformed rows skipped, %d tokens -> %s%n",
                rows.ticks.size(), rows.errors.size(), tokens.size(), out);
        o.flush();
        return ExitCodes.OK;
    }

    /** What the files gave so far: the ticks in reading order, the malformed rows skipped. */
    private static final class Rows {
        final List<Tick> ticks = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        long seq;
    }

    /**
     * A malformed row: with --on-error fail, the message that refuses the import; with skip, null
     * after noting it.
     */
    private String malformed(Rows rows, String message) {
        if (onError.equals("fail")) {
            return message + " (import refused; --on-error skip imports the other rows)";
        }
        rows.errors.add(message);
        return null;
    }

    /** Reads a CSV file (CsvTable: RFC 4180 quoting, '#' comments); returns the refusal or null. */
    private String readCsv(Path f, Rows rows) throws IOException {
        try (InputStream in = Files.newInputStream(f); CsvTable csv = CsvTable.open(in, f.toString())) {
            if (csv.header().isEmpty()) {
                String msg = f + ":1: no header line";
                if (onError.equals("fail")) {
                    return msg;
                }
                rows.errors.add(msg);
                return null;
            }
            List<String> header = header(csv);
            while (true) {
                CsvTable.Row row;
                try {
                    row = csv.next();
                } catch (ConfigException e) {
                    String refused = malformed(rows, e.getMessage());
                    if (refused != null) {
                        return refused;
                    }
                    continue;
                }
                if (row == null) {
                    return null;
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    if (!row.fields().get(i).isEmpty()) {
                        values.put(header.get(i), row.fields().get(i));
                    }
                }
                String refused = add(rows, values, f + ":" + row.line());
                if (refused != null) {
                    return refused;
                }
            }
        }
    }

    /** Reads a JSON-lines file ('#' comments, blank lines skipped); returns the refusal or null. */
    private String readJsonLines(Path f, Rows rows) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String refused;
                try {
                    refused = add(rows, jsonRow(json, line), f + ":" + n);
                } catch (RowError e) {
                    refused = malformed(rows, f + ":" + n + ": " + e.getMessage());
                }
                if (refused != null) {
                    return refused;
                }
            }
        }
        return null;
    }

    private String add(Rows rows, Map<String, String> values, String where) {
        try {
            rows.ticks.add(tick(values, rows.seq++));
            return null;
        } catch (RowError e) {
            return malformed(rows, where + ": " + e.getMessage());
        }
    }

    /** The header's columns, lower-cased: each known, time, token and type among them. */
    private static List<String> header(CsvTable csv) {
        List<String> h = new ArrayList<>();
        for (String c : csv.header()) {
            String k = c.toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(k)) {
                throw csv.headerError("unknown column '" + c + "' in the header (known: time, token, type, bid, ask, "
                        + "bid_size, ask_size, price, funding, premium, mark, oracle)");
            }
            h.add(k);
        }
        for (String req : new String[] {"time", "token", "type"}) {
            if (!h.contains(req)) {
                throw csv.headerError("the header has no '" + req + "' column");
            }
        }
        return h;
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
            m.put(e.getKey(), v.isTextual() ? v.asText()
                    : v.numberValue() instanceof Double ? new BigDecimal(v.asText()).toPlainString() : v.asText());
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
