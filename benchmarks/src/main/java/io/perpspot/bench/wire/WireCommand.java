package io.perpspot.bench.wire;

import io.perpspot.bench.BenchEnvironment;
import io.perpspot.bench.FullPathState;
import io.perpspot.bench.harness.BaselinePipeline;
import io.perpspot.bench.harness.LoadRun;
import io.perpspot.bench.harness.Machine;
import io.perpspot.bench.harness.RunResult;
import io.perpspot.bench.harness.Workload;
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
 * ({@link Schedule}); then the in-process baseline pipeline at the same rate; the machine's floor
 * ({@link Floor}) first. Writes DIR/report.html, DIR/*.hgrm, DIR/summary.json. Exit 0 when every
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

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long durationNanos = nanos("--duration", duration);
        long warmupNanos = nanos("--warmup", warmup);
        for (long r : rates) {
            if (r < 1 || r > 10_000_000) {
                throw new ParameterException(spec.commandLine(), "--rates: each in [1, 10000000], got " + r);
            }
        }
        Files.createDirectories(out);
        Map<String, Object> machine = Machine.describe();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rates", rates);
        settings.put("duration", duration);
        settings.put("warmup", warmup);
        err.println("perpspot bench wire: measuring the floor ...");
        Floor floor = Floor.measure(floorSamples);
        Path journals = Files.createTempDirectory("perpspot-wire");
        List<WireRun> runs = new ArrayList<>();
        boolean failed = false;
        try (GeneratorProcess gen = new GeneratorProcess(out.resolve("generator.log"))) {
            Config config = ConfigLoader.load(null, List.of("feeds.hyperliquid.ws=" + gen.ws,
                    "feeds.hyperliquid.rest=" + gen.info, "feeds.jupiter.price=" + gen.price,
                    "feeds.jupiter.quote=" + gen.quote, "feeds.jupiter.tokens=" + gen.tokens,
                    "feeds.jupiter.rate=20", "feeds.fallback.enabled=false",
                    "feeds.hyperliquid.subscriptions-per-connection=1000", "metrics.enabled=false"));
            settings.put("waitStrategy", config.get(Settings.RING_WAIT));
            settings.put("ringSize", config.get(Settings.RING_SIZE));
            Engine engine = new Engine(EngineOptions.of(config, journals.resolve("engine")), Map.of());
            engine.start();
            try {
                TokenRegistry registry = engine.assembly().tokens().registry();
                String coins = registry.all().stream().map(Token::hlCoin).collect(Collectors.joining(","));
                gen.call("COINS " + coins, "OK");
                gen.call("AWAIT " + (1 + 3 * registry.size()), "OK");
                settings.put("tokens", registry.size());
                LatencyRecorder recorder = engine.assembly().pipeline().latencyRecorder();
                if (recorder == null) {
                    throw new IllegalStateException("latency.internal-interval is 0s: the engine records no stages");
                }
                long seq = 0;
                int n = 0;
                for (long rate : rates) {
                    long count = rate * (warmupNanos + durationNanos) / 1_000_000_000L;
                    Schedule s = new Schedule(seq, rate, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200),
                            count);
                    StageProbe probe = new StageProbe(s, gen.timeBase, warmupNanos);
                    recorder.probe(probe);
                    err.printf(Locale.ROOT, "  engine   %,10d ev/s over the wire ...%n", rate);
                    err.flush();
                    String done = gen.call(s.command(), "DONE");
                    long journaled = drain(probe, count);
                    recorder.probe(null);
                    seq += count;
                    err.printf(Locale.ROOT, "  baseline %,10d ev/s in process ...%n", rate);
                    err.flush();
                    RunResult base = baseline(journals.resolve("baseline-" + n++), rate, warmupNanos, durationNanos);
                    runs.add(new WireRun(rate, count, journaled, probe, done.substring(5), base));
                    failed |= !done.contains("sessions=1") || base.failure() != null;
                }
            } finally {
                engine.close();
            }
        } finally {
            BenchEnvironment.deleteTree(journals);
        }
        machine.put("loadAverageAtEnd", Files.readString(Path.of("/proc/loadavg")).trim());
        Map<String, Object> summary = WireReport.write(out, machine, settings, floor, runs);
        PrintWriter o = spec.commandLine().getOut();
        o.println(summary.get("floor"));
        for (WireRun r : runs) {
            o.printf(Locale.ROOT, "%,9d ev/s: sent %,d journaled %,d; p50/p99 us: received %.1f/%.1f"
                            + " journaled %.1f/%.1f"
                            + " processed %.1f/%.1f, baseline %.1f/%.1f%n", r.rate(), r.sent(), r.journaled(),
                    us(r.stages().received, 50), us(r.stages().received, 99), us(r.stages().journaled, 50),
                    us(r.stages().journaled, 99), us(r.stages().processed, 50), us(r.stages().processed, 99),
                    r.baseline().us(50), r.baseline().us(99));
        }
        o.println("report: " + out.resolve("report.html").toAbsolutePath());
        o.flush();
        return failed ? 1 : 0;
    }

    private static double us(Histogram h, double p) {
        return h.getValueAtPercentile(p) / 1000.0;
    }

    /** Waits until every frame of the run is journaled, or nothing more arrived for a while. */
    private static long drain(StageProbe probe, long count) throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        while (probe.journaledCount() < count) {
            long n = probe.journaledCount();
            if (n != last) {
                last = n;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > DRAIN_QUIET_NANOS) {
                break;
            }
            Thread.sleep(5);
        }
        return probe.journaledCount();
    }

    private static RunResult baseline(Path dir, long rate, long warmupNanos, long durationNanos) throws Exception {
        Files.createDirectories(dir);
        Workload w = Workload.of("mixed");
        long epochOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        try (BaselinePipeline p = new BaselinePipeline(dir, w.registry, FullPathState.strategySettings(),
                16_384, epochOffset)) {
            return LoadRun.run(p, w, rate, warmupNanos, durationNanos, Math.max(2_000_000_000L, durationNanos),
                    new LoadRun.Progress());
        }
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
