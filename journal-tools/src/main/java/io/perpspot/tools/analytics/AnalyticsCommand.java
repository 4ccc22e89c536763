package io.perpspot.tools.analytics;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.config.Durations;
import io.perpspot.engine.core.EventType;
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
 * {@code perpspot journal analytics DIR [--csv FILE] [--horizon 60s]}: per token volume,
 * opportunities and hit rate, spread distribution, feed latency and expected profitability
 * ({@link TokenAnalytics}), as a table on stdout and optionally as CSV; then the journal's latency
 * percentiles per kind and source. Reads the journal; writes only the CSV file.
 */
@Command(name = "analytics", mixinStandardHelpOptions = true,
        description = {"Per token: market-data events by type, latest 24h notional (PerpCtx dayNtlVlm),",
            "opportunities and hit rate (the basis converged by at least the expected net edge within",
            "--horizon), basis percentiles (nearest rank), mean and std, feed latency p50/p99 and",
            "expected edge (mean net edge x hit rate, bps per opportunity). Then latency percentiles",
            "per kind and source. Example: perpspot journal analytics data/journal --csv tokens.csv"})
public final class AnalyticsCommand implements Callable<Integer> {
    /** CSV columns, in order. */
    public static final String CSV_HEADER = "symbol,token_id,events,perp_bbo,perp_book,perp_ctx,perp_mid,spot_price,"
            + "day_notional_usd,opportunities,hits,misses,unresolved,hit_rate,mean_net_bps,expected_bps,spreads,"
            + "basis_p5_bps,basis_p50_bps,basis_p95_bps,basis_mean_bps,basis_std_bps,feed_latency_count,"
            + "feed_latency_p50_ms,feed_latency_p99_ms";

    @Mixin
    JournalArgs journal = new JournalArgs();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the per-token table as CSV to FILE.")
    Path csv;

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
        TokenAnalytics a;
        LatencyReport latency;
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            a = TokenAnalytics.compute(reader, h.toNanos());
            latency = LatencyReport.read(reader, LatencyReport.Mode.MERGED);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("journal   " + journal.dir() + "  (hit horizon " + Durations.format(h) + ")");
        out.printf(Locale.ROOT, "%-10s %9s %9s %14s %6s %5s %5s %5s %7s %8s %8s %8s %8s %8s %8s %8s %9s %9s%n",
                "symbol",
                "events", "spot", "24h ntl USD", "opps", "hits", "miss", "open", "hit%", "net bps", "exp bps", "p5 bps",
                "p50 bps", "p95 bps", "mean", "std", "lat p50", "lat p99");
        for (TokenAnalytics.Stats s : a.tokens()) {
            out.printf(Locale.ROOT, "%-10s %,9d %,9d %14s %,6d %,5d %,5d %,5d %7s %8s %8s %8s %8s %8s %8s %8s %9s "
                    + "%9s%n",
                    s.symbol(), s.events(), s.events(EventType.SPOT_PRICE),
                    num(s.dayNotionalUsd(), 0), s.opportunities(), s.hits(), s.misses(), s.unresolved(),
                    num(100 * s.hitRate(), 1), num(s.meanNetBps(), 2), num(s.expectedBps(), 2),
                    num(s.basisPercentile(5), 2), num(s.basisPercentile(50), 2), num(s.basisPercentile(95), 2),
                    num(s.basisMean(), 2), num(s.basisStd(), 2), ms(s, 50), ms(s, 99));
        }
        out.println();
        out.println("latency (all intervals merged)");
        LatencyTable.print(latency, out, "  ");
        if (csv != null) {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                writeCsv(a, w);
            } catch (IOException | UncheckedIOException e) {
                return UsageError.report(spec, "journal analytics: cannot write " + csv + ": " + e.getMessage());
            }
            out.println("wrote     " + csv);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes the header and one row per token; undefined values are empty fields. */
    public static void writeCsv(TokenAnalytics a, Writer w) {
        try (CsvRows csv = new CsvRows(w)) {
            csv.row(CSV_HEADER.split(","));
            for (TokenAnalytics.Stats s : a.tokens()) {
                List<String> row = new ArrayList<>(List.of(s.symbol(), Integer.toString(s.id()),
                        Long.toString(s.events())));
                for (int t : new int[] {3, 4, 5, 6, 7}) {
                    row.add(Long.toString(s.events(t)));
                }
                row.addAll(List.of(csvNum(s.dayNotionalUsd()), Long.toString(s.opportunities()),
                        Long.toString(s.hits()), Long.toString(s.misses()), Long.toString(s.unresolved()),
                        csvNum(s.hitRate()),
                        csvNum(s.meanNetBps()), csvNum(s.expectedBps()), Long.toString(s.spreads()),
                        csvNum(s.basisPercentile(5)), csvNum(s.basisPercentile(50)), csvNum(s.basisPercentile(95)),
                        csvNum(s.basisMean()), csvNum(s.basisStd()), Long.toString(s.feedLatencyCount()),
                        s.feedLatencyCount() == 0 ? "" : csvNum(s.feedLatencyNanos(50) / 1e6),
                        s.feedLatencyCount() == 0 ? "" : csvNum(s.feedLatencyNanos(99) / 1e6)));
                csv.row(row);
            }
        }
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
