package io.perpspot.bench;

import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.pipeline.PipelineSettings;
import io.perpspot.engine.ring.RingPublisher;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link CorePathBenchmark#fullPath}'s state: the engine's Pipeline on a fresh journal in a temp
 * dir, fed by a HyperliquidDecoder.
 */
@State(Scope.Thread)
public class FullPathState {
    /**
     * Event time between frames. 1 ms, a feed ten times busier than live: every token's
     * book moves every 24 ms, so the strategy samples, snapshots and signals often.
     */
    static final long STEP_NANOS = 1_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** A drain that takes this long means the consumer is stuck or events were lost. */
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

    /**
     * Where the journal's files go: {@code tmpdir} is {@code java.io.tmpdir} (ext4 on the
     * reference machine, as the default {@code data/journal} would be), {@code shm} is
     * {@code /dev/shm} (tmpfs). Both are the same code on real Chronicle files; they differ
     * in what a new page of the growing files costs the kernel (docs/benchmarks.md).
     */
    @Param({"tmpdir", "shm"})
    public String journalOn = "tmpdir";

    byte[][] frames;
    TokenRegistry registry;
    FeedStats stats;
    Path dir;
    String fileSystem;
    Journal journal;
    Pipeline topology;
    HyperliquidDecoder decoder;
    int ringSize;
    String waitStrategy;
    private final MarketEvent scratch = new MarketEvent();
    private int cursor;
    private long clock = 1_790_000_000_000_000_000L;
    /** Events offered so far; the journal must hold exactly this many once drained. */
    private long offered;
    /** Time runBatch spent decoding and publishing, and waiting at the batch end for the consumer. */
    private long publishNanos;
    private long waitNanos;
    private long batches;
    private long publishCpuNanos;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchEnvironment.requireJvmArgs();
        // The shipped ring: config/perpspot.yaml's size and wait strategy. The wait strategy
        // can be overridden to compare them (validated like --set ring.wait-strategy=...).
        String wait = System.getProperty(CorePathBenchmark.WAIT_STRATEGY_PROPERTY);
        Config config = ConfigLoader.load(null, wait == null ? List.of() : List.of("ring.wait-strategy=" + wait));
        ringSize = config.get(Settings.RING_SIZE);
        waitStrategy = config.get(Settings.RING_WAIT);
        if (CorePathBenchmark.FULL_PATH_BATCH > ringSize) {
            throw new IllegalStateException("batch " + CorePathBenchmark.FULL_PATH_BATCH + " exceeds the ring ("
                    + ringSize
                    + " slots): a batch could find the ring full");
        }
        registry = BboFrames.shippedRegistry();
        frames = BboFrames.generate(registry);
        stats = new FeedStats();
        dir = Files.createTempDirectory(journalParent(journalOn), "perpspot-bench-fullpath");
        fileSystem = Files.getFileStore(dir).type();
        journal = Journal.openForWrite(dir.resolve("journal"), "daily", Journal.DEFAULT_BLOCK_SIZE,
                Long.getLong(CorePathBenchmark.PRETOUCH_PROPERTY, Journal.DEFAULT_PRETOUCH_AHEAD));
        topology = new Pipeline(journal, PipelineSettings.plain(ringSize, waitStrategy), stats);
        topology.start();
        RingPublisher publisher = topology.publisher();
        publish(EngineEvents.engineStart(scratch, strategySettings(), clock));
        for (Token t : registry.all()) {
            publish(EngineEvents.tokenDef(scratch, t, clock));
        }
        decoder = new HyperliquidDecoder(registry, Source.HL_WS_MAINNET, publisher, stats);
        drain();
    }

    /** The directory fullPath's journal goes under, for a {@link #journalOn} value. */
    static Path journalParent(String journalOn) {
        Path parent = switch (journalOn) {
            case "tmpdir" -> Path.of(System.getProperty("java.io.tmpdir"));
            case "shm" -> Path.of("/dev/shm");
            default -> throw new IllegalArgumentException("journalOn must be tmpdir or shm, not " + journalOn);
        };
        if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new IllegalStateException(parent
                    + " is not a writable directory: run fullPath with -p journalOn=tmpdir");
        }
        return parent;
    }

    /**
     * The frames are perp-only: spot prices are journaled once per iteration (outside the
     * measurement) so that the books have a basis, and {@code max-spot-age} is 24 h so
     * they stay fresh while the 1 ms event clock runs ahead of wall time. The rest makes
     * the strategy busy: a snapshot per token every 100 ms of event time (about one
     * event in four writes a spread record) and opportunities repeated every 10 ms.
     */
    public static String strategySettings() {
        return StrategySettings.from(ConfigLoader.load(null, List.of(
                "strategy.zscore.window=20", "strategy.zscore.min-samples=5",
                "strategy.zscore.sample-interval=10ms", "strategy.snapshot-interval=100ms",
                "strategy.opportunity-interval=10ms", "strategy.max-spot-age=24h"))).text();
    }

    @Setup(Level.Iteration)
    public void seedSpotPrices() {
        for (Token t : registry.all()) {
            publish(BboFrames.spotPrice(scratch, t, clock));
        }
        drain();
    }

    private void publish(MarketEvent e) {
        if (!topology.publisher().publish(e)) {
            throw new IllegalStateException("ring full while publishing " + EventType.name(e.type));
        }
        offered++;
    }

    /** Decodes and publishes one batch, then waits until the consumer has processed all of it. */
    public void runBatch() {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        byte[][] f = frames;
        HyperliquidDecoder d = decoder;
        int i = cursor;
        long t = clock;
        for (int k = 0; k < CorePathBenchmark.FULL_PATH_BATCH; k++) {
            byte[] frame = f[i];
            t += STEP_NANOS;
            d.onFrame(frame, 0, frame.length, t);
            i = (i + 1) & (BboFrames.COUNT - 1);
            if (i == 0) {
                d.resetTimes(); // the recorded frames come round again with the same exchange times
            }
        }
        cursor = i;
        clock = t;
        offered += CorePathBenchmark.FULL_PATH_BATCH;
        long published = System.nanoTime();
        publishCpuNanos += THREADS.getCurrentThreadCpuTime() - cpuStart;
        drain();
        batches++;
        publishNanos += published - start;
        waitNanos += System.nanoTime() - published;
    }

    /**
     * Spins until the ring is empty and the journal holds every offered event. The ring's
     * backlog is read through the consumer's sequence (a volatile read after the handler
     * ran), which also makes the handler's plain counters visible here.
     */
    void drain() {
        long target = offered;
        long deadline = 0;
        int spins = 0;
        while (topology.backlog() != 0 || topology.journalHandler().appended() < target) {
            Thread.onSpinWait();
            if ((++spins & 0xFFFF) == 0) {
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + DRAIN_TIMEOUT_NANOS;
                } else if (now - deadline > 0 || topology.handlerErrors() > 0 || lost() > 0) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "consumer did not process the batch: offered %d, journaled %d, backlog %d, "
                                    + "ring-full drops %d, rejects %d, handler errors %d", target,
                            topology.journalHandler().appended(), topology.backlog(),
                            stats.ringFullCount(Source.HL_WS_MAINNET), stats.rejects(Source.HL_WS_MAINNET),
                            topology.handlerErrors()));
                }
            }
        }
    }

    /** Frames that did not become a journaled event: dropped on a full ring or rejected. */
    long lost() {
        return stats.ringFullCount(Source.HL_WS_MAINNET) + stats.rejects(Source.HL_WS_MAINNET);
    }

    /** Fails the run if anything was dropped, rejected or skipped, or the journal is short. */
    @TearDown(Level.Iteration)
    public void verifyNothingLost() {
        long journaled = topology.journalHandler().appended();
        if (lost() != 0 || topology.handlerErrors() != 0 || journaled != offered) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "events lost: offered %d, journaled %d, ring-full drops %d, rejects %d, handler errors %d",
                    offered, journaled, stats.ringFullCount(Source.HL_WS_MAINNET),
                    stats.rejects(Source.HL_WS_MAINNET), topology.handlerErrors()));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Strategy s = topology.strategy();
        long journaled = topology.journalHandler().appended();
        long pretouched = journal.pageToucher() == null ? 0 : journal.pageToucher().pagesTouched();
        topology.close();
        journal.close();
        // One line for docs/benchmarks.md: how much work the strategy did per event, and how
        // many new file pages (each one a page fault, taken by the pretouch thread) it cost.
        System.out.printf(Locale.ROOT, "%nfullPath: %d events journaled to %s (%s), ring %d slots, %s wait;"
                        + " %d dropped or rejected; strategy wrote %d spreads and %d opportunities"
                        + " (%.3f output records per event); pretouch faulted %d pages (%.1f bytes per event);"
                        + " the producer decoded and published for %.0f ns per event (on the CPU for %.0f ns of them)"
                        + " and waited at batch ends for %.0f ns per event (%.1f %% of its time)%n",
                journaled, dir.getParent(), fileSystem, ringSize, waitStrategy, lost(), s.spreads(), s.opportunities(),
                (double) (s.spreads() + s.opportunities()) / journaled, pretouched, 4096.0 * pretouched / journaled,
                (double) publishNanos / batchedEvents(), (double) publishCpuNanos / batchedEvents(),
                (double) waitNanos / batchedEvents(), 100.0 * waitNanos / Math.max(1, publishNanos + waitNanos));
        BenchEnvironment.deleteTree(dir);
    }

    long journaled() {
        return topology.journalHandler().appended();
    }

    /** Events published by runBatch so far (warm-up and measurement), the base of its per-event times. */
    private long batchedEvents() {
        return Math.max(1, batches * (long) CorePathBenchmark.FULL_PATH_BATCH);
    }
}
