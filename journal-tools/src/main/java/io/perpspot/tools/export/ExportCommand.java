package io.perpspot.tools.export;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.backtest.BacktestRun;
import io.perpspot.tools.command.JournalArgs;
import io.perpspot.tools.command.UsageError;
import io.perpspot.tools.dump.RecordFilter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perpspot journal export DIR --format parquet|csv --out OUT}: one table per record type,
 * for pandas, Polars, DuckDB and Spark ({@link Exporter}). Reads the journal (safe while it is
 * written); writes only under OUT. The tables are documented in docs/journal-format.md.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a journal as one table per record type (Parquet or CSV), columns in",
            "snake_case: event_time (UTC, ns), journal_index, engine_id, token, coin, then",
            "the type's fields; prices and sizes exact (Parquet DECIMAL, CSV decimal text).",
            "Layout: OUT/<table>/date=YYYY-MM-DD/part-NNNNN.parquet (--partition day).",
            "Example: perpspot journal export data/journal --format parquet --out data/export"})
public final class ExportCommand implements Callable<Integer> {
    private static final String NAME = "journal export";

    @Mixin
    JournalArgs journal = new JournalArgs();

    @Option(names = "--format", paramLabel = "parquet|csv", defaultValue = "parquet",
            description = "File format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Directory to write (new or empty, "
            + "or an earlier export with --since-last).")
    Path out;

    @Option(names = "--type", paramLabel = "T", split = ",",
            description = "Only these record types (comma-separated, case-insensitive; as in journal dump).")
    List<String> types = new ArrayList<>();

    @Option(names = "--token", paramLabel = "SYM", split = ",",
            description = "Only records of these token symbols (comma-separated, case-insensitive).")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--pair", paramLabel = "PAIR", split = ",",
            description = "Only Spread and Opportunity records of these venue pairs (as in journal dump).")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--from", paramLabel = "TIME", description = "First event time (ISO-8601, date or epoch ms).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of event time, exclusive (ISO-8601, date or "
            + "epoch ms).")
    String to;

    @Option(names = "--partition", paramLabel = "none|day", defaultValue = "day",
            description = "day: a date=YYYY-MM-DD directory per UTC day (default); none: one directory per table.")
    String partition;

    @Option(names = "--doubles", description = "Also write a float64 column <name>_f64 beside every price and size.")
    boolean doubles;

    @Option(names = "--since-last", description = "Continue the earlier export in OUT: add parts with the records "
            + "journaled since.")
    boolean sinceLast;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("parquet") && !format.equals("csv")) {
            return UsageError.report(spec, NAME + ": --format must be parquet or csv, got '" + format + "'");
        }
        if (!partition.equals("day") && !partition.equals("none")) {
            return UsageError.report(spec, NAME + ": --partition must be none or day, got '" + partition + "'");
        }
        RecordFilter filter;
        long fromNanos;
        long toNanos;
        try {
            filter = RecordFilter.parse(NAME, "all", types, tokens).pairs(NAME, pairs);
            fromNanos = from == null ? Long.MIN_VALUE : BacktestRun.parseTime("--from", from);
            toNanos = to == null ? Long.MAX_VALUE : BacktestRun.parseTime("--to", to);
        } catch (IllegalArgumentException e) {
            return UsageError.report(spec, e.getMessage().startsWith(NAME) ? e.getMessage()
                    : NAME + ": " + e.getMessage());
        }
        if (fromNanos >= toNanos) {
            return UsageError.report(spec, NAME + ": the range is empty: --from " + from + " is not before --to " + to);
        }
        // Parquet's classes load only here: the other commands never touch them.
        TablePart.Format files = format.equals("csv") ? CsvPart.FORMAT : ParquetPart.FORMAT;
        ExportOptions options = new ExportOptions(out, files, partition.equals("day"), doubles, sinceLast, filter,
                fromNanos, toNanos);
        PrintWriter stdout = spec.commandLine().getOut();
        Exporter.Result r;
        long start = System.nanoTime();
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            String unknown = filter.unknownToken(NAME, reader);
            if (unknown != null) {
                return UsageError.report(spec, unknown);
            }
            Exporter exporter = new Exporter(options, ExportIdentity.of(journal.dir()));
            exporter.checkOut();
            r = exporter.run(reader, noProgress ? null : spec.commandLine().getErr());
        } catch (ExportException e) {
            return UsageError.report(spec, e.getMessage());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Map.Entry<String, Long> t : r.rows().entrySet()) {
            stdout.printf(Locale.ROOT, "%-16s %,12d rows%n", t.getKey(), t.getValue());
        }
        stdout.printf(Locale.ROOT, "exported %,d %srecords into %,d files (%d tables) under %s in %.2f s%n",
                r.records(), sinceLast ? "new " : "", r.files(), r.rows().size(), out, seconds);
        stdout.flush();
        return ExitCodes.OK;
    }
}
