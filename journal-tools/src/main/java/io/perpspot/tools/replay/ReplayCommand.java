package io.perpspot.tools.replay;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.cli.ConfigOptions;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.backtest.Backtest;
import io.perpspot.tools.command.JournalArgs;
import io.perpspot.tools.command.UsageError;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code perpspot replay DIR [--verify]}: runs a journal's input through the strategy again.
 * Reads the journal; writes a summary, or with {@code --verify} the comparison's result, to stdout.
 * With {@code --template NAME} it is a backtest ({@link Backtest}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a journal's input queue through the strategy the engine runs live.",
            "Without --verify: print what it derives, by token and direction.",
            "With --verify: compare each derived record byte for byte with the recorded",
            "output queue. Exit 0: identical; 1: a difference (printed field by field);",
            "2: not a readable journal.",
            "With --template: a backtest of the template's signals at executable prices (book walk,",
            "Jupiter quote ladders), fees, hourly funding, one-leg fills; exits on convergence, stop",
            "or time limit. Writes OUT/trades.csv, equity.csv, stats.csv, report.html (and sweep.csv).",
            "Example: perpspot replay data/journal --verify",
            "Example: perpspot replay data/journal --template \"SOL Scalping\" --report bt",
            "Example: perpspot replay data/journal --template \"SOL Scalping\" --sweep min-spread-bps=10:50:10 "
            + "--report bt"})
public final class ReplayCommand implements Callable<Integer> {
    @Mixin
    JournalArgs journal = new JournalArgs();

    @Option(names = "--verify", description = "Compare the replayed output with the recorded output queue.")
    boolean verify;

    @Option(names = "--prefix", description = {"With --verify, for a journal whose writer died (kill -9, power loss):",
        "the recorded output may end early; it must be exactly the output of the inputs before",
        "the first input whose output was not completely written (the recovered prefix)."})
    boolean prefix;

    @Option(names = "--template", paramLabel = "NAME", description =
            "Backtest this template (from the templates file).")
    String template;

    @Option(names = "--templates", paramLabel = "FILE",
            description = "Shipped templates file (default: config/templates.yaml of this installation); the user's"
                    + " (templates.user-file) is read with it.")
    Path templatesFile;

    @Option(names = "--tokens", paramLabel = "COIN,...", split = ",",
            description = "Coins the template trades (default: the template's token; all: every token).")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--from", paramLabel = "TIME", description =
            "First event time that may open a position (ISO-8601, date or epoch ms).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description =
            "Event time where the backtest ends; open positions close there.")
    String to;

    @Option(names = "--speed", paramLabel = "max|N", defaultValue = "max",
            description = "max: as fast as possible (default); N: paced at N x event time.")
    String speed;

    @Option(names = "--seed", paramLabel = "S", description =
            "Seed of the one-leg-fill draws (default: execution.monte-carlo.seed).")
    Long seed;

    @Option(names = "--report", paramLabel = "OUT", description =
            "Directory for trades.csv, equity.csv, stats.csv, report.html.")
    Path report;

    @Option(names = "--sweep", paramLabel = "KEY=A:B:STEP|KEY=V1,V2",
            description = "Sweep a template field or a strategy./execution./backtest. key (repeatable).")
    List<String> sweeps = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Sweep threads (default: all cores).")
    Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER", description = {
        "Run the sweep's combinations as Spark tasks: local[N] (embedded) or a cluster master",
        "URL (spark://host:7077); the journal must be on a path every executor reads (README)."})
    String spark;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (template != null) {
            if (verify || prefix) {
                return UsageError.report(spec, (verify ? "--verify" : "--prefix")
                        + ": cannot be combined with --template");
            }
            return new Backtest(journal.dir(), template, templatesFile, tokens, from, to, speed, seed, report, sweeps,
                    threads, spark, !noProgress, config).run(spec);
        }
        String only = from != null ? "--from" : to != null ? "--to" : seed != null ? "--seed" : report != null
                ? "--report"
                : !sweeps.isEmpty() ? "--sweep" : threads != null ? "--threads" : spark != null ? "--spark"
                : !tokens.isEmpty() ? "--tokens"
                : !speed.equals("max") ? "--speed" : null;
        if (only != null) {
            return UsageError.report(spec, only + ": needs --template NAME (a backtest)");
        }
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            if (!verify) {
                ReplaySummary summary = new ReplaySummary();
                summary.run(reader);
                summary.print(reader, out);
                return ExitCodes.OK;
            }
            ReplayVerifier verifier = new ReplayVerifier(reader, prefix);
            Difference d = verifier.run();
            if (d != null) {
                d.print(out, id -> {
                    String s = reader.symbol(id);
                    return s != null ? s : id < 0 ? "-" : "#" + id;
                }, verifier.events(), verifier.matched());
                return ExitCodes.FAILED;
            }
            if (verifier.unwrittenFrom() >= 0) {
                out.printf(Locale.ROOT, "replay --verify --prefix: OK: the output of the %,d input events before input"
                        + " index %d is identical byte for byte (%,d records); from that input on the output was never"
                        + " written (the writer stopped); a restart on this journal writes it%n", verifier.events() - 1,
                        verifier.unwrittenFrom(), verifier.matched());
                out.flush();
                return ExitCodes.OK;
            }
            out.printf(Locale.ROOT, "replay --verify: OK: %,d input events replayed, %,d output records compared, "
                    + "identical byte for byte%n", verifier.events(), verifier.matched());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
