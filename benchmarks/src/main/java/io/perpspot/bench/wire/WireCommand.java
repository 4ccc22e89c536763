package io.perpspot.bench.wire;

import io.perpspot.bench.BenchEnvironment;
import io.perpspot.bench.harness.Machine;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Durations;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.latency.LatencyRecorder;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code perpspot bench wire}: the wire-level harness. Starts the {@link WireGenerator} in its own JVM,
 * the real engine in this one (Netty client, decoder, ring, journal, strategy) pointed at it, and for
 * each offered rate sends the sim's Hyperliquid frames at that rate over loopback, measuring send →
 * received, journaled, processed and opportunity written from each frame's intended send time
 * ({@link Schedule}); optionally searches the highest rate it carries ({@link RateSearch}); then the
 * baseline over the wire ({@link WireBaseline}) at the same rates; the machine's floor ({@link Floor})
 * first. Writes DIR/report.html, DIR/*.hgrm, DIR/summary.json. Exit 0 when every
 * run ran to the end (figures and targets are reported, not enforced), 1 when the engine lost its
 * connection or a pipeline failed, 2 on bad options.
 */
@Command(name = "wire", mixinStandardHelpOptions = true,
        description = {"Wire-level latency: a load generator in its own process sends Hyperliquid",
                "frames at fixed rates over loopback to the real engine. Measures send ->",
                "received, journaled, processed and opportunity written, the baseline at each",
                "rate and the machine's floor. Writes DIR/report.html, *.hgrm, summary.json."})
public final class WireCommand implements Callable<Integer> {
    private static final long DRAIN_QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long MAX_RATE = 10_000_000;
    /** The issue's bound for the rate search: p99 send → journaled under 1 ms. */
    private static final long SEARCH_BOUND_NANOS = 1_000_000;
    private static final long WARMUP_OF_PROBE = TimeUnit.SECONDS.toNanos(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--rates", split = ",", paramLabel = "N[,N]",
            description = "Offered frames per second, one run each (default: ${DEFAULT-VALUE}).")
    List<Long> rates = List.of(1_000L, 10_000L, 100_000L);

    @Option(names = "--duration", paramLabel = "D", description = "Measured time per rate (default: ${DEFAULT-VALUE}).")
    String duration = "10s";

    @Option(names = "--warmup", paramLabel = "D", description = "Unrecorded load first (default: ${DEFAULT-VALUE}).")
    String warmup = "3s";

    @Option(names = "--floor-samples", paramLabel = "N", description =
            "Samples of each floor measurement (default: ${DEFAULT-VALUE}).")
    int floorSamples = 20_000;

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("bench-wire-report");

    @Option(names = "--find-max", description = {"Then search the highest rate with p99 send -> journaled",
            "under 1 ms and nothing dropped (doubling from the highest --rates, then bisecting)."})
    boolean findMax;

    @Option(names = "--find-duration", paramLabel = "D", description =
            "Measured time of each search probe, after 1 s of warm-up (default: ${DEFAULT-VALUE}).")
    String findDuration = "3s";

    @Option(names = "--find-from", paramLabel = "N",
            description = "First rate of the search (default: ${DEFAULT-VALUE}).")
    long findFrom = 100_000;

    @Option(names = "--find-to", paramLabel = "N",
            description = "Highest rate of the search (default: ${DEFAULT-VALUE}).")
    long findTo = MAX_RATE;

    @Option(names = "--jupiter-rate", paramLabel = "R", description = {"The engine's Jupiter requests/s to the",
            "generator (default: ${DEFAULT-VALUE}, the free key's rate; the answers cost the generator's cores)."})
    double jupiterRate = 1.0;

    @Option(names = "--no-baseline", description = "Skip the baseline's runs over the wire.")
    boolean noBaseline;

    /** The engine's state across its runs: the next sequence number and the recorder. */
    private long seq;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long durationNanos = nanos("--duration", duration);
        long warmupNanos = nanos("--warmup", warmup);
        long findNanos = nanos("--find-duration", findDuration);
        for (long r : rates) {
            if (r < 1 || r > MAX_RATE) {
                throw new ParameterException(spec.commandLine(), "--rates: each in [1, " + MAX_RATE + "], got " + r);
            }
        }
        if (findFrom < 1 || findTo < findFrom || findTo > MAX_RATE) {
            throw new ParameterException(spec.commandLine(), "--find-from/--find-to: 1 <= from <= to <= " + MAX_RATE
                    + ", got " + findFrom + " and " + findTo);
        }
        Files.createDirectories(out);
        Map<String, Object> machine = Machine.describe();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rates", rates);
        settings.put("duration", duration);
        settings.put("warmup", warmup);
        settings.put("jupiterRate", jupiterRate);
        err.println("perpspot bench wire: measuring the floor ...");
        Floor floor = Floor.measure(floorSamples);
        Path journals = Files.createTempDirectory("perpspot-wire");
        List<EngineRun> engineRuns = new ArrayList<>();
        List<WireRun> runs = new ArrayList<>();
        RateSearch search = null;
        boolean failed = false;
        try (GeneratorProcess gen = new GeneratorProcess(out.resolve("generator.log"))) {
            Config config = ConfigLoader.load(null, List.of("feeds.hyperliquid.ws=" + gen.ws,
                    "feeds.hyperliquid.rest=" + gen.info, "feeds.jupiter.price=" + gen.price,
                    "feeds.jupiter.quote=" + gen.quote, "feeds.jupiter.tokens=" + gen.tokens,
                    "feeds.jupiter.rate=" + jupiterRate, "feeds.fallback.enabled=false",
                    "feeds.hyperliquid.subscriptions-per-connection=1000", "metrics.enabled=false"));
            settings.put("waitStrategy", config.get(Settings.RING_WAIT));
            settings.put("ringSize", config.get(Settings.RING_SIZE));
            Engine engine = new Engine(EngineOptions.of(config, journals.resolve("engine")), Map.of());
            engine.start();
            TokenRegistry registry;
            try {
                registry = engine.assembly().tokens().registry();
                String coins = registry.all().stream().map(Token::hlCoin).collect(Collectors.joining(","));
                gen.call("COINS " + coins, "OK");
                gen.call("AWAIT " + (1 + 3 * registry.size()), "OK");
                settings.put("tokens", registry.size());
                LatencyRecorder recorder = engine.assembly().pipeline().latencyRecorder();
                if (recorder == null) {
                    throw new IllegalStateException("latency.internal-interval is 0s: the engine records no stages");
                }
                for (long rate : rates) {
                    err.printf(Locale.ROOT, "  engine   %,10d ev/s over the wire ...%n", rate);
                    err.flush();
                    EngineRun r = engineRun(gen, recorder, rate, warmupNanos, durationNanos);
                    engineRuns.add(r);
                    failed |= !r.done.contains("sessions=1");
                }
                if (findMax) {
                    search = new RateSearch(findFrom, SEARCH_BOUND_NANOS, findTo, 4);
                    settings.put("findDuration", findDuration);
                    for (long rate; (rate = search.next()) > 0; ) {
                        err.printf(Locale.ROOT, "  search   %,10d ev/s over the wire ...%n", rate);
                        err.flush();
                        EngineRun r = engineRun(gen, recorder, rate, WARMUP_OF_PROBE, findNanos);
                        search.record(r.probe.journaled.getValueAtPercentile(99), r.count - r.journaled,
                                field(r.done, "lagP99"));
                        failed |= !r.done.contains("sessions=1");
                    }
                }
            } finally {
                engine.close();
            }
            if (!noBaseline) {
                gen.call("SESSIONS 0", "OK 0");
                try (WireBaseline baseline = new WireBaseline(gen.ws, registry, gen.timeBase)) {
                    gen.call("SESSIONS 1", "OK 1");
                    int n = 0;
                    for (EngineRun e : engineRuns) {
                        err.printf(Locale.ROOT, "  baseline %,10d ev/s over the wire ...%n", e.rate);
                        err.flush();
                        Schedule s = schedule(e.rate, e.count);
                        String[] done = new String[1];
                        WireBaseline.Result b = baseline.run(journals.resolve("baseline-" + n++), s, warmupNanos,
                                c -> done[0] = gen.call(c, "DONE"), DRAIN_QUIET_NANOS);
                        seq += e.count;
                        runs.add(new WireRun(e.rate, e.count, e.journaled, e.probe, e.done.substring(5), b,
                                done[0].substring(5)));
                        failed |= !done[0].contains("sessions=1");
                    }
                }
            } else {
                for (EngineRun e : engineRuns) {
                    runs.add(new WireRun(e.rate, e.count, e.journaled, e.probe, e.done.substring(5), null, null));
                }
            }
        } finally {
            BenchEnvironment.deleteTree(journals);
        }
        machine.put("loadAverageAtEnd", Files.readString(Path.of("/proc/loadavg")).trim());
        Map<String, Object> summary = WireReport.write(out, machine, settings, floor, runs, search);
        PrintWriter o = spec.commandLine().getOut();
        o.println(summary.get("floor"));
        for (WireRun r : runs) {
            o.printf(Locale.ROOT, "%,9d ev/s: sent %,d journaled %,d; p50/p99 us: received %.1f/%.1f"
                            + " journaled %.1f/%.1f processed %.1f/%.1f", r.rate(), r.sent(), r.journaled(),
                    us(r.stages().received, 50), us(r.stages().received, 99), us(r.stages().journaled, 50),
                    us(r.stages().journaled, 99), us(r.stages().processed, 50), us(r.stages().processed, 99));
            if (r.baseline() != null) {
                o.printf(Locale.ROOT, ", baseline processed %.1f/%.1f", r.baseline().us(50), r.baseline().us(99));
            }
            o.println();
        }
        if (search != null) {
            o.printf(Locale.ROOT, "highest rate with p99 send -> journaled < 1 ms and nothing dropped: %,d ev/s%s%n",
                    search.highestPassed(), search.reachedCeiling() ? " (the search's ceiling)" : "");
        }
        o.println("report: " + out.resolve("report.html").toAbsolutePath());
        o.flush();
        return failed ? 1 : 0;
    }

    /** One rate through the engine: what {@link #engineRun} measured. */
    private record EngineRun(long rate, long count, long journaled, StageProbe probe, String done) {
    }

    private EngineRun engineRun(GeneratorProcess gen, LatencyRecorder recorder, long rate, long warmupNanos,
            long durationNanos) throws Exception {
        long count = rate * (warmupNanos + durationNanos) / 1_000_000_000L;
        Schedule s = schedule(rate, count);
        StageProbe probe = new StageProbe(s, gen.timeBase, warmupNanos);
        recorder.probe(probe);
        String done = gen.call(s.command(), "DONE");
        long journaled = drain(probe, count);
        recorder.probe(null);
        seq += count;
        return new EngineRun(rate, count, journaled, probe, done);
    }

    private Schedule schedule(long rate, long count) {
        return new Schedule(seq, rate, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200), count);
    }

    /** A number field ({@code name=123}) of the generator's DONE line. */
    static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        return -1;
    }

    private static double us(Histogram h, double p) {
        return h.getValueAtPercentile(p) / 1000.0;
    }

    /** Waits until every frame of the run is journaled, or nothing more arrived for a while. */
    private static long drain(StageProbe probe, long count) throws InterruptedException {
        Drain.await(() -> probe.journaledCount() >= count, probe::journaledCount, DRAIN_QUIET_NANOS);
        return probe.journaledCount();
    }

    private long nanos(String option, String text) {
        Duration d = Durations.parse(text);
        if (d == null || d.isNegative()) {
            throw new ParameterException(spec.commandLine(), option + ": expected a duration like 10s, got '"
                    + text + "'");
        }
        return d.toNanos();
    }
}
