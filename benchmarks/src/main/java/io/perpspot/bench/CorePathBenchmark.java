package io.perpspot.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
                throw new IllegalStateException("decode rejected frames: "
                        + stats.rejectsByReason(Source.HL_WS_MAINNET));
            }
        }
    }

    /**
     * Decodes every frame once, as fullPath does but without the ring; returns a hash of the bids
     * (so nothing is elided).
     */
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

    /** Decodes, rings, journals and acts on {@link #FULL_PATH_BATCH} frames; ops = events fully processed. */
    @Benchmark
    @OperationsPerInvocation(FULL_PATH_BATCH)
    public void fullPath(FullPathState s) {
        s.runBatch();
    }

    // ------------------------------------------------------------------------- replay

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
}
