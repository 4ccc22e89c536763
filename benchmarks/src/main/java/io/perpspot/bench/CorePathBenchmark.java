package io.perpspot.bench;

import io.perpspot.engine.pipeline.PipelineSettings;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.RecordSink;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.ring.RingPublisher;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.testing.SyntheticJournal;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's core path beside its baseline, in one run, on the same 4096 {@code bbo} frames
 * ({@link BboFrames}); every figure is events per second (one op = one frame or one event):
 *
 * <pre>
 *   rawScan   frame ─▶ jackson-core non-blocking parser ─▶ every token into a Blackhole
 *             (the "cannot be faster than this" baseline: tokenizing, nothing else)
 *
 *   decode    frame ─▶ HyperliquidDecoder ─▶ a publisher that only counts
 *             (the producer's share of fullPath: everything before the ring)
 *
 *   fullPath  frame ─▶ HyperliquidDecoder ─▶ RingPublisher ─▶ Disruptor ring ─▶ consumer thread:
 *                                                   JournalHandler (Chronicle input queue, real files)
 *                                                   ─▶ Strategy ─▶ OutputJournalSink (output queue)
 *             (the engine's own Pipeline, shipped ring size and wait strategy; an invocation
 *             publishes a batch and returns only when the consumer has journaled and acted on
 *             every event of it, so the figure is events fully processed, not merely published;
 *             run twice, journal on java.io.tmpdir and on /dev/shm: the journalOn parameter)
 *
 *   replay    Chronicle input queue of a pre-written journal (≥ 1,048,576 events, written in
 *             setup through the real Pipeline) ─▶ InputCodec ─▶ fresh Strategy ─▶ in-memory sink
 *
 *   replayBareRead  the same records through a bare Chronicle tailer, 8 bytes read from each
 *             (replay's baseline: reading the queue and nothing else)
 * </pre>
 *
 * Run as documented in {@code docs/benchmarks.md}; the forked JVM must get
 * {@code config/jvm.args} (Chronicle's {@code --add-opens}), which the journal states check.
 * Meant to be run with {@code -prof gc}: the steady state allocates nothing per event, and
 * {@code gc.alloc.rate.norm} (bytes per op, all threads of the fork) shows it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CorePathBenchmark {
    /** Frames per rawScan invocation: one pass over the rotation. */
    public static final int SCAN_FRAMES = BboFrames.COUNT;
    /**
     * Frames per fullPath invocation: two passes over the rotation. At most the ring size, so
     * a batch offered to a drained ring can never find it full (nothing is ever dropped);
     * large enough that the pipeline's fill and drain at the batch edges cost little.
     */
    public static final int FULL_PATH_BATCH = 2 * BboFrames.COUNT;
    /** Events per replay invocation: one pass from the start of the journal with a fresh Strategy. */
    public static final int REPLAY_EVENTS = 1 << 20;

    /** System property naming another ring wait strategy for fullPath (default: the shipped one). */
    public static final String WAIT_STRATEGY_PROPERTY = "perpspot.bench.wait-strategy";
    /** System property: bytes the journal pretouches ahead in fullPath (default: the shipped 4 MB; 0 = off). */
    public static final String PRETOUCH_PROPERTY = "perpspot.bench.pretouch-ahead";

    private static final JsonFactory JSON = new JsonFactory();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    // ------------------------------------------------------------------------- rawScan

    /** A long-lived non-blocking parser fed frame after frame, as the decoder uses it. */
    @State(Scope.Thread)
    public static class ScanState {
        byte[][] frames;
        JsonParser parser;
        ByteArrayFeeder feeder;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            frames = BboFrames.generate(BboFrames.shippedRegistry());
            parser = JSON.createNonBlockingByteArrayParser();
            feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            parser.close();
        }
    }

    /**
     * Tokenizes every frame and consumes every token. The non-blocking parser beats
     * {@code createParser} per frame here (see docs/benchmarks.md): it allocates nothing, while
     * a parser per frame costs an object graph each time. Returns the token count.
     */
    @Benchmark
    @OperationsPerInvocation(SCAN_FRAMES)
    public int rawScan(ScanState s, Blackhole bh) throws IOException {
        JsonParser p = s.parser;
        ByteArrayFeeder feeder = s.feeder;
        int tokens = 0;
        for (byte[] f : s.frames) {
            // A root object ends at its '}', so frames need no separator: the parser returns
            // END_OBJECT, then NOT_AVAILABLE, and takes the next frame's bytes.
            feeder.feedInput(f, 0, f.length);
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.NOT_AVAILABLE) {
                bh.consume(t);
                tokens++;
            }
        }
        return tokens;
    }

    // ------------------------------------------------------------------------- decode

    /** The engine's decoder over the same frames, publishing to a counter instead of the ring. */
    @State(Scope.Thread)
    public static class DecodeState {
        byte[][] frames;
        FeedStats stats;
        HyperliquidDecoder decoder;
        long published;
        long priceSum;
        private long clock = 1_790_000_000_000_000_000L;

        @Setup(Level.Trial)
        public void setUp() {
            TokenRegistry registry = BboFrames.shippedRegistry();
            frames = BboFrames.generate(registry);
            stats = new FeedStats();
            decoder = new HyperliquidDecoder(registry, Source.HL_WS_MAINNET, e -> {
                published++;
                priceSum = 31 * priceSum + e.bidPx;
                return true;
            }, stats);
        }

        /** Fails the run if a frame was rejected: the figure would be of the error path. */
        @TearDown(Level.Iteration)
        public void verifyNothingRejected() {
            if (stats.rejects(Source.HL_WS_MAINNET) != 0) {
                throw new IllegalStateException("decode rejected frames: " + stats.rejectsByReason(Source.HL_WS_MAINNET));
            }
        }
    }

    /** Decodes every frame once, as fullPath does but without the ring; returns a hash of the bids (so nothing is elided). */
    @Benchmark
    @OperationsPerInvocation(SCAN_FRAMES)
    public long decode(DecodeState s) {
        HyperliquidDecoder d = s.decoder;
        long t = s.clock;
        for (byte[] f : s.frames) {
            t += FullPathState.STEP_NANOS;
            d.onFrame(f, 0, f.length, t);
        }
        d.resetTimes(); // the next pass repeats the frames' exchange times
        s.clock = t;
        return s.priceSum;
    }

    // ------------------------------------------------------------------------- fullPath

    /** The engine's Pipeline on a fresh journal in a temp dir, fed by a HyperliquidDecoder. */
    @State(Scope.Thread)
    public static class FullPathState {
        /**
         * Event time between frames. 1 ms, a feed ten times busier than live: every token's
         * book moves every 24 ms, so the strategy samples, snapshots and signals often.
         */
        static final long STEP_NANOS = 1_000_000L;
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
            requireJvmArgs();
            // The shipped ring: config/perpspot.yaml's size and wait strategy. The wait strategy
            // can be overridden to compare them (validated like --set ring.wait-strategy=...).
            String wait = System.getProperty(WAIT_STRATEGY_PROPERTY);
            Config config = ConfigLoader.load(null, wait == null ? List.of() : List.of("ring.wait-strategy=" + wait));
            ringSize = config.get(Settings.RING_SIZE);
            waitStrategy = config.get(Settings.RING_WAIT);
            if (FULL_PATH_BATCH > ringSize) {
                throw new IllegalStateException("batch " + FULL_PATH_BATCH + " exceeds the ring (" + ringSize
                        + " slots): a batch could find the ring full");
            }
            registry = BboFrames.shippedRegistry();
            frames = BboFrames.generate(registry);
            stats = new FeedStats();
            dir = Files.createTempDirectory(journalParent(journalOn), "perpspot-bench-fullpath");
            fileSystem = Files.getFileStore(dir).type();
            journal = Journal.openForWrite(dir.resolve("journal"), "daily", Journal.DEFAULT_BLOCK_SIZE,
                    Long.getLong(PRETOUCH_PROPERTY, Journal.DEFAULT_PRETOUCH_AHEAD));
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
                throw new IllegalStateException(parent + " is not a writable directory: run fullPath with -p journalOn=tmpdir");
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
                MarketEvent e = scratch;
                e.reset();
                e.type = EventType.SPOT_PRICE;
                e.source = Source.JUPITER_PRICE;
                e.tokenId = t.id();
                e.recvNanos = clock;
                e.spotPx = BboFrames.spotLevel(t);
                e.liquidityUsd = 50_000_000L;
                e.blockId = 312_000_000L;
                publish(e);
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
            for (int k = 0; k < FULL_PATH_BATCH; k++) {
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
            offered += FULL_PATH_BATCH;
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
            System.out.printf(Locale.ROOT, "%nfullPath: %d events journaled to %s (%s), ring %d slots, %s wait; %d dropped or"
                            + " rejected; strategy wrote %d spreads and %d opportunities (%.3f output records per event);"
                            + " pretouch faulted %d pages (%.1f bytes per event); the producer decoded and published for"
                            + " %.0f ns per event (on the CPU for %.0f ns of them) and waited at batch ends for %.0f ns per event (%.1f %% of its time)%n",
                    journaled, dir.getParent(), fileSystem, ringSize, waitStrategy, lost(), s.spreads(), s.opportunities(),
                    (double) (s.spreads() + s.opportunities()) / journaled, pretouched, 4096.0 * pretouched / journaled,
                    (double) publishNanos / batchedEvents(), (double) publishCpuNanos / batchedEvents(), (double) waitNanos / batchedEvents(),
                    100.0 * waitNanos / Math.max(1, publishNanos + waitNanos));
            deleteTree(dir);
        }

        long journaled() {
            return topology.journalHandler().appended();
        }

        /** Events published by runBatch so far (warm-up and measurement), the base of its per-event times. */
        private long batchedEvents() {
            return Math.max(1, batches * (long) FULL_PATH_BATCH);
        }
    }

    /** Decodes, rings, journals and acts on {@link #FULL_PATH_BATCH} frames; ops = events fully processed. */
    @Benchmark
    @OperationsPerInvocation(FULL_PATH_BATCH)
    public void fullPath(FullPathState s) {
        s.runBatch();
    }

    // ------------------------------------------------------------------------- replay

    /** A journal written once through the real Pipeline, and a reader over it. */
    @State(Scope.Thread)
    public static class ReplayState {
        /** Every token of the shipped table. */
        private static final int TOKENS = 24;
        /**
         * Input records per second of SyntheticJournal market per token: a step every 250 ms
         * with a bbo, half a spot price, a quarter ctx, an eighth book, a twentieth mid.
         */
        private static final double EVENTS_PER_TOKEN_SECOND = 4 * (1 + 0.5 + 0.25 + 0.125 + 0.05);

        Path dir;
        JournalReader reader;
        long inputRecords;
        int events;
        final InMemorySink sink = new InMemorySink();
        Strategy strategy;
        private long visited;
        private final JournalReader.InputVisitor feed = e -> {
            strategy.onEvent(e);
            return ++visited < events;
        };

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            setUp(REPLAY_EVENTS);
        }

        /** Writes a journal of at least {@code events} input records; each replay pass reads exactly that many. */
        public void setUp(int events) throws IOException {
            requireJvmArgs();
            this.events = events;
            dir = Files.createTempDirectory("perpspot-bench-replay");
            int seconds = (int) Math.ceil(events / (TOKENS * EVENTS_PER_TOKEN_SECOND) * 1.02) + 62;
            SyntheticJournal j = SyntheticJournal.builder().tokens(TOKENS).seconds(seconds).ringSize(1 << 14)
                    .write(dir.resolve("journal"));
            inputRecords = j.inputRecords();
            if (inputRecords < events) {
                throw new IllegalStateException("synthetic journal holds " + inputRecords + " events, fewer than " + events);
            }
            reader = JournalReader.open(j.dir());
        }

        /** One pass: the first {@link #events} input records through a fresh Strategy. Returns records derived. */
        public long replayOnce() {
            strategy = new Strategy(sink);
            visited = 0;
            long n = reader.forEachInput(feed);
            if (n != events) {
                throw new IllegalStateException("replayed " + n + " events, expected " + events);
            }
            return strategy.spreads() + strategy.opportunities();
        }

        /**
         * The bare-read baseline: the same first {@link #events} records through a Chronicle
         * tailer, each record's first 8 bytes read and summed, no decoding, no strategy.
         * Returns the sum (so the reads cannot be elided).
         */
        public long bareReadOnce() {
            long sum = 0;
            int n = 0;
            try (ExcerptTailer tailer = reader.inputTailer()) {
                while (n < events) {
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (!dc.isPresent()) {
                            break;
                        }
                        Bytes<?> b = dc.wire().bytes();
                        sum += b.readLong(b.readPosition());
                        n++;
                    }
                }
            }
            if (n != events) {
                throw new IllegalStateException("bare read saw " + n + " records, expected " + events);
            }
            return sum;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            System.out.printf(Locale.ROOT, "%nreplay: journal of %d input records; a pass replays %d and derives %d"
                    + " spreads and %d opportunities%n", inputRecords, events,
                    strategy == null ? 0 : strategy.spreads(), strategy == null ? 0 : strategy.opportunities());
            reader.close();
            deleteTree(dir);
        }
    }

    /** Where replayed output goes: encoded as the output queue would hold it, into one reused buffer. */
    static final class InMemorySink implements RecordSink {
        private final Bytes<byte[]> bytes = Bytes.allocateElasticOnHeap(256);
        long written;
        long encodedBytes;

        @Override
        public void write(OutputRecord record) {
            bytes.clear();
            OutputCodec.write(record, bytes);
            encodedBytes += bytes.writePosition();
            written++;
        }
    }

    /** Reads {@link #REPLAY_EVENTS} journaled events through a fresh Strategy; ops = events. */
    @Benchmark
    @OperationsPerInvocation(REPLAY_EVENTS)
    public long replay(ReplayState s) {
        return s.replayOnce();
    }

    /**
     * Reads the same {@link #REPLAY_EVENTS} records with a bare Chronicle tailer (no decode, no
     * strategy): the ceiling for {@link #replay}; ops = records.
     */
    @Benchmark
    @OperationsPerInvocation(REPLAY_EVENTS)
    public long replayBareRead(ReplayState s) {
        return s.bareReadOnce();
    }

    // ------------------------------------------------------------------------- support

    /**
     * Chronicle needs the flags of config/jvm.args in the JVM that runs the benchmark (the JMH
     * fork). Failing here names the fix; Chronicle's own failure would not.
     */
    static void requireJvmArgs() {
        if (!Boolean.getBoolean("chronicle.analytics.disable")) {
            throw new IllegalStateException("this JVM lacks config/jvm.args: run JMH with"
                    + " -jvmArgsPrepend @<repo>/config/jvm.args (see docs/benchmarks.md)");
        }
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
