package io.perpspot.bench.harness;

import io.perpspot.bench.BenchEnvironment;
import io.perpspot.bench.FullPathState;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Durations;
import io.perpspot.engine.config.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code perpspot bench}: the end-to-end latency harness. Offers recorded and synthetic frames
 * at a fixed rate to the engine's full path and to the baseline pipeline, one after the other
 * in this process, and writes the report. Exit 0 when both ran to the end (the targets are
 * reported, not enforced), 1 when a pipeline failed, 2 on bad options.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"End-to-end latency: fixed-rate load through decode -> ring -> journal -> strategy,",
                "beside a baseline (jackson-databind tree, ArrayBlockingQueue, JSON-lines journal), same process.",
                "Writes DIR/report.html, DIR/fullPath.hgrm, DIR/baseline.hgrm, DIR/summary.json."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rate", paramLabel = "N", description = "Offered events per second (default: ${DEFAULT-VALUE}).")
    long rate = 100_000;

    @Option(names = "--duration", paramLabel = "D", description =
            "Measured time per pipeline, e.g. 30s (default: ${DEFAULT-VALUE}).")
    String duration = "10s";

    @Option(names = "--warmup", paramLabel = "D", description =
            "Unrecorded load before measuring (default: ${DEFAULT-VALUE}).")
    String warmup = "5s";

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("bench-report");

    @Option(names = "--frames", paramLabel = "bbo|mixed",
            description = "Workload: bbo frames only, or mixed with Jupiter prices, l2Book and activeAssetCtx "
                    + "(default: ${DEFAULT-VALUE}).")
    String frames = "mixed";

    @Option(names = "--find-max", description =
            "Also search the highest rate with p99 < 1 ms, per pipeline (bounded, short steps).")
    boolean findMax;

    @Option(names = "--step", paramLabel = "D", description =
            "Measured time of each search step (after half as much warm-up; default: ${DEFAULT-VALUE}).")
    String step = "2s";

    @Option(names = "--max-rate", paramLabel = "N", description =
            "Highest rate the search tries (default: ${DEFAULT-VALUE}).")
    long maxRate = 4_000_000;

    @Option(names = "--wait-strategy", paramLabel = "NAME", description =
            "Ring wait strategy (default: ring.wait-strategy of config/perpspot.yaml).")
    String waitStrategy;

    @Option(names = "--pretouch-ahead", paramLabel = "SIZE", description =
            "Journal bytes touched ahead of the full path's"
            + " appenders, e.g. 4MB; 0 = off (default: journal.pretouch-ahead of config/perpspot.yaml).")
    String pretouchAhead;

    @Option(names = "--keep-journals", description =
            "Keep both pipelines' journals in DIR/journals (default: a temp dir, deleted).")
    boolean keepJournals;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long durationNanos = duration("--duration", duration, 1_000_000);
        long warmupNanos = duration("--warmup", warmup, 0);
        long stepNanos = duration("--step", step, 1_000_000);
        if (rate < 1 || rate > 50_000_000) {
            throw new ParameterException(spec.commandLine(), "--rate must be in [1, 50000000], got " + rate);
        }
        if (maxRate < 1000) {
            throw new ParameterException(spec.commandLine(), "--max-rate must be at least 1000, got " + maxRate);
        }
        Workload workload;
        try {
            workload = Workload.of(frames);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--frames: " + e.getMessage());
        }
        List<String> sets = new ArrayList<>();
        if (waitStrategy != null) {
            sets.add("ring.wait-strategy=" + waitStrategy);
        }
        if (pretouchAhead != null) {
            sets.add("journal.pretouch-ahead=" + pretouchAhead);
        }
        Config config = ConfigLoader.load(null, sets);
        int ringSize = config.get(Settings.RING_SIZE);
        String wait = config.get(Settings.RING_WAIT);
        long pretouch = config.get(Settings.JOURNAL_PRETOUCH);
        String strategy = FullPathState.strategySettings();

        Files.createDirectories(out);
        Path journals = keepJournals ? out.resolve("journals") : Files.createTempDirectory("perpspot-bench");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rate", rate);
        settings.put("duration", Durations.format(Duration.ofNanos(durationNanos)));
        settings.put("warmup", Durations.format(Duration.ofNanos(warmupNanos)));
        settings.put("frames", workload.name + " (" + workload.size() + " in rotation, "
                + String.format(Locale.ROOT, "%.0f", workload.meanBytes()) + " bytes mean)");
        settings.put("ringSize", ringSize);
        settings.put("waitStrategy", wait);
        settings.put("pretouchAheadBytes", pretouch);
        settings.put("baselineQueueCapacity", ringSize);
        settings.put("findMax", findMax);
        Map<String, Object> machine = Machine.describe();

        Harness h = new Harness(workload, journals, strategy, ringSize, wait, pretouch, err);
        List<RunResult> main = new ArrayList<>();
        int[] counter = {0};
        try {
            for (String p : List.of("fullPath", "baseline")) {
                main.add(h.run(p, counter[0]++, rate, warmupNanos, durationNanos, "main run"));
            }
            Map<String, List<RunResult>> search = new LinkedHashMap<>();
            Map<String, Object> found = null;
            if (findMax) {
                found = new LinkedHashMap<>();
                for (String p : List.of("fullPath", "baseline")) {
                    List<RunResult> steps = new ArrayList<>();
                    found.put(p, h.findMax(p, stepNanos, maxRate, steps, counter));
                    search.put(p, steps);
                }
            }
            List<Map<String, Object>> targets = Targets.evaluate(main, found, workload.name);
            Report.write(out, settings, machine, main, search, found, targets);
            PrintWriter o = spec.commandLine().getOut();
            o.println();
            o.printf(Locale.ROOT, "perpspot bench: %,d events/s offered, %s measured after %s warm-up, frames %s%n",
                    rate,
                    settings.get("duration"), settings.get("warmup"), workload.name);
            o.print(Report.table(main));
            if (found != null) {
                o.printf(Locale.ROOT, "highest rate with p99 < 1 ms: fullPath %,d ev/s, baseline %,d ev/s%n",
                        (Long) found.get("fullPath"), (Long) found.get("baseline"));
            }
            for (Map<String, Object> t : targets) {
                Object met = t.get("met");
                o.printf(Locale.ROOT, "  target %-55s %-40s %s%n", t.get("target"), t.get("value"),
                        met == null ? "not measured" : (Boolean) met ? "met" : "MISSED");
            }
            o.println("report: " + out.resolve("report.html").toAbsolutePath());
            o.flush();
            boolean failed = main.stream().anyMatch(r -> r.failure() != null || !r.drained());
            if (failed) {
                err.println("perpspot bench: a pipeline failed or did not drain; see summary.json");
                return 1;
            }
            return 0;
        } finally {
            if (!keepJournals) {
                BenchEnvironment.deleteTree(journals);
            }
        }
    }

    private long duration(String option, String text, long minNanos) {
        Duration d = Durations.parse(text);
        if (d == null || d.toNanos() < minNanos) {
            throw new ParameterException(spec.commandLine(), option + ": expected a duration like 30s or 500ms"
                    + (minNanos > 0 ? " (at least 1ms)" : "") + ", got '" + text + "'");
        }
        return d.toNanos();
    }

    /** Builds pipelines and runs them with a progress bar. */
    static final class Harness {
        final Workload workload;
        final Path journals;
        final String strategy;
        final int ringSize;
        final String wait;
        final long pretouch;
        final PrintWriter err;

        Harness(Workload workload, Path journals, String strategy, int ringSize, String wait, long pretouch,
                PrintWriter err) {
            this.workload = workload;
            this.journals = journals;
            this.strategy = strategy;
            this.ringSize = ringSize;
            this.wait = wait;
            this.pretouch = pretouch;
            this.err = err;
        }

        RunResult run(String pipeline, int n, long rate, long warmupNanos, long durationNanos, String phase)
                throws IOException, InterruptedException {
            long epochOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
            Path dir = journals.resolve(String.format(Locale.ROOT, "%02d-%s-%d", n, pipeline, rate));
            Files.createDirectories(dir);
            Pipeline p = pipeline.equals("fullPath")
                    ? new EnginePipeline(dir, workload.registry, strategy, ringSize, wait, pretouch, epochOffset)
                    : new BaselinePipeline(dir, workload.registry, strategy, ringSize, epochOffset);
            LoadRun.Progress progress = new LoadRun.Progress();
            ProgressBar bar = new ProgressBar(err,
                    String.format(Locale.ROOT, "%-8s %-8s %,10d ev/s", phase, pipeline, rate), progress, rate);
            bar.start();
            try {
                long maxLag = Math.max(2_000_000_000L, durationNanos);
                return LoadRun.run(p, workload, rate, warmupNanos, durationNanos, maxLag, progress);
            } finally {
                bar.finish();
                p.close();
                if (!journals.equals(dir)) {
                    // Search steps leave nothing behind; main runs are kept only with --keep-journals (then journals
                    // dir stays).
                    if (!phase.equals("main run")) {
                        BenchEnvironment.deleteTree(dir);
                    }
                }
            }
        }

        /**
         * The highest rate with p99 under 1 ms and nothing dropped: doubling from 50,000 until a
         * step fails (or {@code maxRate}), then bisecting the last interval, at most 12 steps.
         */
        long findMax(String pipeline, long stepNanos, long maxRate, List<RunResult> steps, int[] counter)
                throws IOException, InterruptedException {
            long pass = 0;
            long fail = 0;
            long r = Math.min(50_000, maxRate);
            for (int i = 0; i < 12; i++) {
                RunResult res = run(pipeline, counter[0]++, r, stepNanos / 2, stepNanos, "search");
                steps.add(res);
                boolean ok = res.clean() && res.us(99) < 1000;
                if (ok) {
                    pass = r;
                } else {
                    fail = r;
                }
                long next;
                if (fail == 0) {
                    if (r >= maxRate) {
                        break;
                    }
                    next = Math.min(r * 2, maxRate);
                } else if (pass == 0) {
                    next = r / 2;
                    if (next < 1000) {
                        break;
                    }
                } else {
                    if (fail - pass <= Math.max(1000, fail / 16)) {
                        break;
                    }
                    next = (pass + fail) / 2;
                }
                r = next;
            }
            return pass;
        }
    }
}
