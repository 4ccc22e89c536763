package io.perpspot.tools.backtest;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.cli.ConfigOptions;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.Template;
import io.perpspot.engine.exec.TemplateLibrary;
import io.perpspot.engine.exec.Templates;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.tokens.Token;
import io.perpspot.tools.command.UsageError;
import io.perpspot.tools.format.Times;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code perpspot replay DIR --template NAME ...}: validates the options, runs one backtest or a
 * sweep (combinations in parallel, rows in combination order whatever the thread count), prints
 * the summary and writes the report. Bad input ends with one line naming it and exit code 2.
 */
public final class Backtest {
    private final Path dir;
    private final String templateName;
    private final Path templatesFile;
    private final List<String> tokens;
    private final String from;
    private final String to;
    private final String speed;
    private final Long seed;
    private final Path report;
    private final List<String> sweeps;
    private final Integer threads;
    private final String spark;
    private final boolean progress;
    private final ConfigOptions config;

    public Backtest(Path dir, String templateName, Path templatesFile, List<String> tokens, String from, String to,
            String speed,
            Long seed, Path report, List<String> sweeps, Integer threads, String spark, boolean progress,
            ConfigOptions config) {
        this.dir = dir;
        this.templateName = templateName;
        this.templatesFile = templatesFile;
        this.tokens = tokens;
        this.from = from;
        this.to = to;
        this.speed = speed;
        this.seed = seed;
        this.report = report;
        this.sweeps = sweeps;
        this.threads = threads;
        this.spark = spark;
        this.progress = progress;
        this.config = config;
    }

    /**
     * Runs the backtest or sweep and prints to the command's streams; blocks until every combination is done.
     *
     * @return {@code ExitCodes.OK}, or {@code ExitCodes.USAGE} after one line on stderr for bad input (options,
     *     template, tokens, a range outside the journal, a report that cannot be written)
     */
    public int run(CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        double pace;
        if (speed.equals("max")) {
            pace = 0;
        } else {
            try {
                pace = Double.parseDouble(speed);
            } catch (NumberFormatException e) {
                pace = -1;
            }
            if (!(pace > 0) || Double.isInfinite(pace)) {
                return UsageError.report(spec, "--speed: expected max or a positive number (x event time), got '"
                        + speed + "'");
            }
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1 || nThreads > 256) {
            return UsageError.report(spec, "--threads: must be in [1, 256], got " + nThreads);
        }
        SweepRunner runner = null;
        if (spark != null) {
            if (threads != null) {
                return UsageError.report(spec, "--spark: cannot be combined with --threads (the master sets the "
                        + "parallelism, e.g. local[2])");
            }
            if (sweeps.isEmpty()) {
                return UsageError.report(spec, "--spark: needs --sweep (a single backtest runs in this process)");
            }
            runner = SweepRunner.find().orElse(null);
            if (runner == null) {
                return UsageError.report(spec, "--spark: the Spark runner (module spark-sweep) is not on the class "
                        + "path; run it through ./perpspot, which adds it when --spark is given");
            }
        }
        Sweep sweep;
        long fromNanos;
        long toNanos;
        try {
            sweep = Sweep.parse(sweeps);
            fromNanos = from == null ? Long.MIN_VALUE : BacktestRun.parseTime("--from", from);
            toNanos = to == null ? Long.MAX_VALUE : BacktestRun.parseTime("--to", to);
        } catch (IllegalArgumentException e) {
            return UsageError.report(spec, e.getMessage());
        }
        Config base = config.load();
        Templates templates = TemplateLibrary.load(base, templatesFile, dir);
        Template template;
        try {
            template = templates.get(templateName);
        } catch (ExecutionException e) {
            return UsageError.report(spec, "--" + e.getMessage());
        }
        Set<String> traded = new LinkedHashSet<>(tokens.isEmpty() ? List.of(template.token()) : tokens);
        try (JournalReader reader = JournalReader.open(dir)) {
            BacktestRun.Range range = BacktestRun.range(reader);
            if (range.firstNanos() == Long.MIN_VALUE) {
                return UsageError.report(spec, dir + ": the journal has no input records");
            }
            String span = "the journal runs from " + Times.isoNanos(range.firstNanos()) + " to "
                    + Times.isoNanos(range.lastNanos());
            if (from != null && (fromNanos < range.firstNanos() || fromNanos > range.lastNanos())) {
                return UsageError.report(spec, "--from: " + from + " is outside the journal (" + span + ")");
            }
            if (to != null && (toNanos <= range.firstNanos() || toNanos > range.lastNanos() + 1)) {
                return UsageError.report(spec, "--to: " + to + " is outside the journal (" + span + ")");
            }
            if (toNanos <= fromNanos) {
                return UsageError.report(spec, "--to: must be after --from");
            }
            Map<Integer, Token> known = reader.readTokens();
            for (String t : traded) {
                if (t.equals(Backtester.ALL)) {
                    continue;
                }
                boolean found = known.values().stream().anyMatch(k -> k.hlCoin().equals(t) || k.symbol().equals(t));
                if (!found) {
                    return UsageError.report(spec,
                            (tokens.isEmpty() ? "--template: '" + template.name() + "' trades "
                                    : "--tokens: unknown token ")
                            + "'" + t + "'" + (tokens.isEmpty() ? ", which the journal does not define" : " in "
                                    + dir));
                }
            }
        }
        // Every combination is checked before anything runs: a bad value is a usage error, not a half-done sweep.
        List<Map<String, String>> combos = sweep.combinations();
        List<BacktestSpec> specs = new ArrayList<>();
        List<SweepRunner.Task> tasks = new ArrayList<>();
        try {
            for (Map<String, String> c : combos) {
                Template t = Sweep.apply(template, c);
                Config cc = config.load(Sweep.configSets(c));
                List<String> strategySets = new ArrayList<>();
                for (String s : config.sets()) {
                    if (s.startsWith("strategy.")) {
                        strategySets.add(s);
                    }
                }
                strategySets.addAll(t.strategyOverrides());
                for (String s : Sweep.configSets(c)) {
                    if (s.startsWith("strategy.")) {
                        strategySets.add(s);
                    }
                }
                long s = seed != null ? seed : base.get(Settings.EXEC_SEED);
                specs.add(BacktestSpec.of(cc, t, traded, List.copyOf(strategySets), s).withRange(fromNanos, toNanos));
                tasks.add(new SweepRunner.Task(cc, specs.get(specs.size() - 1)));
            }
        } catch (IllegalArgumentException | ConfigException e) {
            return UsageError.report(spec, e.getMessage());
        }

        BacktestResult main;
        Sweep.Outcome outcome = null;
        if (sweep.axes().isEmpty()) {
            main = BacktestRun.run(dir, specs.get(0), pace, progress ? err : null);
        } else {
            List<BacktestResult> results;
            if (runner != null) {
                try {
                    results = runner.run(spark, dir, tasks, progress ? err : null);
                } catch (SweepRunner.MasterUnavailable e) {
                    return UsageError.report(spec, "--spark: " + e.getMessage());
                }
            } else {
                results = runAll(dir, specs, nThreads, progress ? err : null);
            }
            List<BacktestResult.Stats> stats = new ArrayList<>();
            for (BacktestResult r : results) {
                stats.add(r.stats());
            }
            outcome = new Sweep.Outcome(sweep, combos, stats);
            main = results.get(outcome.best());
            String where = runner != null ? "Spark " + spark
                    : nThreads + " thread" + (nThreads == 1 ? "" : "s");
            out.printf(Locale.ROOT, "sweep: %d combinations on %s; best total P&L: %s%n", combos.size(), where,
                    combos.get(outcome.best()));
        }
        Reports.summary(main, out);
        if (report != null) {
            try {
                Reports.write(report, main, outcome);
            } catch (UncheckedIOException e) {
                return UsageError.report(spec, "--report: " + e.getMessage());
            }
            out.println("  report          " + report.resolve("report.html"));
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** Runs every spec on {@code n} threads; results in spec order. */
    static List<BacktestResult> runAll(Path dir, List<BacktestSpec> specs, int n, PrintWriter progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, specs.size()), r -> {
            Thread t = new Thread(r, "backtest-sweep");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<BacktestResult>> fs = new ArrayList<>();
            for (BacktestSpec s : specs) {
                fs.add(pool.submit(() -> BacktestRun.run(dir, s, 0, null)));
            }
            List<BacktestResult> out = new ArrayList<>();
            for (Future<BacktestResult> f : fs) {
                out.add(f.get());
                if (progress != null) {
                    progress.printf(Locale.ROOT, "sweep %d/%d%n", done.incrementAndGet(), specs.size());
                    progress.flush();
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) { // qualified: exec.ExecutionException is ours
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
