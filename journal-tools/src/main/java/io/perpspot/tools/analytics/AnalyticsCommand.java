package io.perpspot.tools.analytics;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.config.Durations;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.command.JournalArgs;
import io.perpspot.tools.command.UsageError;
import io.perpspot.tools.format.CsvRows;
import io.perpspot.tools.latency.LatencyTable;
import io.perpspot.tools.read.LatencyReport;
import io.perpspot.tools.read.TokenAnalytics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perpspot journal analytics DIR [--pair NAME|all] [--csv FILE] [--horizon 60s]}: per token and venue pair
 * the opportunities and hit rate, spread distribution and expected profitability, per token the volume and feed
 * latency ({@link TokenAnalytics}), as a table on stdout (one row per token and pair it has records of; a token with
 * none gets its perp-jupiter row) and optionally as CSV (the same rows, the token's columns repeated); then a summary
 * per pair over every token, and the journal's latency percentiles per kind and source. {@code --pair} keeps one pair.
 * Reads the journal; writes only the CSV file.
 */
@Command(name = "analytics", mixinStandardHelpOptions = true,
        description = {"Per token: market-data events by type, latest 24h notional (PerpCtx dayNtlVlm),",
            "opportunities and hit rate (the basis converged by at least the expected net edge within",
            "--horizon), basis percentiles (nearest rank), mean and std, feed latency p50/p99 and",
            "expected edge (mean net edge x hit rate, bps per opportunity), each per venue pair",
            "(perp-jupiter, perp-hlspot, hlspot-jupiter: one row per token and pair it has records of).",
            "Then a summary per pair and the latency percentiles per kind and source.",
            "Example: perpspot journal analytics data/journal --csv tokens.csv",
            "Example: perpspot journal analytics data/journal --pair perp-hlspot"})
public final class AnalyticsCommand implements Callable<Integer> {
    /** CSV columns, in order. */
    public static final String CSV_HEADER = "symbol,token_id,pair,events,perp_bbo,perp_book,perp_ctx,perp_mid,"
            + "spot_price,hl_spot,day_notional_usd,opportunities,hits,misses,unresolved,hit_rate,mean_net_bps,"
            + "expected_bps,spreads,"
            + "basis_p5_bps,basis_p50_bps,basis_p95_bps,basis_mean_bps,basis_std_bps,feed_latency_count,"
            + "feed_latency_p50_ms,feed_latency_p99_ms";

    @Mixin
    JournalArgs journal = new JournalArgs();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the per-token table as CSV to FILE.")
    Path csv;

    @Option(names = "--pair", paramLabel = "NAME|all", defaultValue = "all",
            description = "Only this venue pair: perp-jupiter, perp-hlspot or hlspot-jupiter (default: all).")
    String pair;

    @Option(names = "--horizon", paramLabel = "D", defaultValue = "60s",
            description = "How long after an opportunity its basis may take to converge (default 60s).")
    String horizon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Duration h = Durations.parse(horizon);
        if (h == null || h.isNegative() || h.isZero()) {
            return UsageError.report(spec,
                    "journal analytics: --horizon must be a positive duration like 30s or 5m, got '"
                    + horizon + "'");
        }
        if (csv != null && Files.isDirectory(csv)) {
            return UsageError.report(spec, "journal analytics: --csv " + csv + " is a directory");
        }
        int only = pair.equalsIgnoreCase("all") ? -1 : VenuePair.byName(pair);
        if (only < 0 && !pair.equalsIgnoreCase("all")) {
            return UsageError.report(spec, "journal analytics: --pair must be all, " + VenuePair.name(0) + ", "
                    + VenuePair.name(1) + " or " + VenuePair.name(2) + ", got '" + pair + "'");
        }
        TokenAnalytics a;
        LatencyReport latency;
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            a = TokenAnalytics.compute(reader, h.toNanos());
            latency = LatencyReport.read(reader, LatencyReport.Mode.MERGED);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("journal   " + journal.dir() + "  (hit horizon " + Durations.format(h) + ")");
        String cols = "%-10s %-14s %9s %9s %9s %14s %6s %5s %5s %5s %7s %8s %8s %8s %8s %8s %8s %8s %9s"
                + " %9s";
        out.println(String.format(Locale.ROOT, cols, "symbol", "pair", "events", "hlspot", "spot", "24h ntl USD",
                "opps", "hits", "miss", "open", "hit%", "net bps", "exp bps", "p5 bps", "p50 bps", "p95 bps", "mean",
                "std",
                "lat p50", "lat p99"));
        for (TokenAnalytics.Stats s : a.tokens()) {
            boolean first = true;
            for (TokenAnalytics.PairStats p : rows(s, only)) {
                // The token's own columns once, on its first row: the pairs under it share them.
                out.println(String.format(Locale.ROOT, cols, s.symbol(), VenuePair.name(p.pair()),
                        first ? count(s.events()) : "", first ? count(s.hlSpotEvents()) : "",
                        first ? count(s.events(EventType.SPOT_PRICE)) : "", first ? num(s.dayNotionalUsd(), 0) : "",
                        count(p.opportunities()), count(p.hits()), count(p.misses()), count(p.unresolved()),
                        num(100 * p.hitRate(), 1), num(p.meanNetBps(), 2), num(p.expectedBps(), 2),
                        num(p.basisPercentile(5), 2), num(p.basisPercentile(50), 2), num(p.basisPercentile(95), 2),
                        num(p.basisMean(), 2), num(p.basisStd(), 2), first ? ms(s, 50) : "",
                        first ? ms(s, 99) : "").stripTrailing());
                first = false;
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-25s %6s %6s %5s %5s %5s %7s %8s %8s %9s%n", "by venue pair (all tokens)", "tokens",
                "opps", "hits", "miss", "open", "hit%", "net bps", "exp bps", "spreads");
        for (int p = 0; p < VenuePair.COUNT; p++) {
            if (only < 0 || only == p) {
                summary(out, a, p);
            }
        }
        out.println();
        out.println("latency (all intervals merged)");
        LatencyTable.print(latency, out, "  ");
        if (csv != null) {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                writeCsv(a, only, w);
            } catch (IOException | UncheckedIOException e) {
                return UsageError.report(spec, "journal analytics: cannot write " + csv + ": " + e.getMessage());
            }
            out.println("wrote     " + csv);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes the header and one row per token and venue pair, as the table shows them; undefined values are empty. */
    public static void writeCsv(TokenAnalytics a, Writer w) {
        writeCsv(a, -1, w);
    }

    /** {@link #writeCsv(TokenAnalytics, Writer)} of one pair ({@code only}: its code), or every pair (-1). */
    public static void writeCsv(TokenAnalytics a, int only, Writer w) {
        try (CsvRows csv = new CsvRows(w)) {
            csv.row(CSV_HEADER.split(","));
            for (TokenAnalytics.Stats s : a.tokens()) {
                for (TokenAnalytics.PairStats p : rows(s, only)) {
                    List<String> row = new ArrayList<>(List.of(s.symbol(), Integer.toString(s.id()),
                            VenuePair.name(p.pair()), Long.toString(s.events())));
                    for (int t : new int[] {3, 4, 5, 6, 7}) {
                        row.add(Long.toString(s.events(t)));
                    }
                    row.addAll(List.of(Long.toString(s.hlSpotEvents()), csvNum(s.dayNotionalUsd()),
                            Long.toString(p.opportunities()),
                            Long.toString(p.hits()), Long.toString(p.misses()), Long.toString(p.unresolved()),
                            csvNum(p.hitRate()),
                            csvNum(p.meanNetBps()), csvNum(p.expectedBps()), Long.toString(p.spreads()),
                            csvNum(p.basisPercentile(5)), csvNum(p.basisPercentile(50)),
                            csvNum(p.basisPercentile(95)),
                            csvNum(p.basisMean()), csvNum(p.basisStd()), Long.toString(s.feedLatencyCount()),
                            s.feedLatencyCount() == 0 ? "" : csvNum(s.feedLatencyNanos(50) / 1e6),
                            s.feedLatencyCount() == 0 ? "" : csvNum(s.feedLatencyNanos(99) / 1e6)));
                    csv.row(row);
                }
            }
        }
    }

    /**
     * The pairs a token gets a row for: {@code only}; or (-1) every pair it has a Spread or an opportunity of, and
     * perp-jupiter when it has none, so that every token is listed.
     */
    static List<TokenAnalytics.PairStats> rows(TokenAnalytics.Stats s, int only) {
        if (only >= 0) {
            return List.of(s.pair(only));
        }
        List<TokenAnalytics.PairStats> rows = new ArrayList<>();
        for (int p = 0; p < VenuePair.COUNT; p++) {
            if (s.pair(p).seen()) {
                rows.add(s.pair(p));
            }
        }
        return rows.isEmpty() ? List.of(s.pair(VenuePair.PERP_JUPITER)) : rows;
    }

    /**
     * One pair over every token: tokens with an opportunity on it, the opportunities' outcomes, the hit rate of all
     * resolved ones, the mean net edge of all, and their product; spreads.
     */
    private static void summary(PrintWriter out, TokenAnalytics a, int pair) {
        long tokens = 0;
        long opps = 0;
        long hits = 0;
        long misses = 0;
        long open = 0;
        long spreads = 0;
        double net = 0;
        for (TokenAnalytics.Stats s : a.tokens()) {
            TokenAnalytics.PairStats p = s.pair(pair);
            tokens += p.opportunities() > 0 ? 1 : 0;
            opps += p.opportunities();
            hits += p.hits();
            misses += p.misses();
            open += p.unresolved();
            spreads += p.spreads();
            net += p.sumNetBps();
        }
        double hitRate = hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses);
        double meanNet = opps == 0 ? Double.NaN : net / opps;
        out.printf(Locale.ROOT, "  %-23s %,6d %,6d %,5d %,5d %,5d %7s %8s %8s %,9d%n", VenuePair.name(pair), tokens,
                opps, hits, misses, open, num(100 * hitRate, 1), num(meanNet, 2), num(meanNet * hitRate, 2), spreads);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String csvNum(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String ms(TokenAnalytics.Stats s, double p) {
        return s.feedLatencyCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1fms", s.feedLatencyNanos(p) / 1e6);
    }
}
