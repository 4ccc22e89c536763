package io.perpspot.bench;

import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.codec.JupiterPriceDecoder;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding each message type from its recorded frame ({@link RecordedFrames}), beside the
 * baseline; one op = one frame, average time in nanoseconds:
 *
 * <pre>
 *   perpspot     HyperliquidDecoder / JupiterPriceDecoder (jackson-core non-blocking parser,
 *                fixed point, no garbage) ─▶ MarketEvent(s) ─▶ Blackhole
 *   jacksonTree  ObjectMapper.readTree ─▶ JsonNode lookups ─▶ BigDecimal ─▶ the same MarketEvent(s)
 * </pre>
 *
 * {@code kind} selects the message type: bbo, l2Book (3 levels a side), activeAssetCtx,
 * allMids (5 coins, 3 tracked) and the Jupiter price body. Both decoders must decode every
 * frame; the trial fails if either rejected one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class DecodeBenchmark {
    @Param({"BBO", "L2BOOK", "ACTIVE_ASSET_CTX", "ALL_MIDS", "JUPITER_PRICE"})
    public RecordedFrames.Kind kind;

    byte[] frame;
    HyperliquidDecoder hl;
    JupiterPriceDecoder jupiter;
    TreeDecoder tree;
    FeedStats stats;
    Sink sink;
    long clock = 1_790_000_000_000_000_000L;

    /** Consumes each published event without keeping it; outside JMH, hands it to a tap instead. */
    static final class Sink implements EventPublisher {
        Blackhole bh;
        /** Where events go when there is no Blackhole (a test checking what was decoded); else unused. */
        EventPublisher tap;
        long events;

        @Override
        public boolean publish(MarketEvent e) {
            events++;
            if (bh != null) {
                bh.consume(e.tokenId);
                bh.consume(e.bidPx + e.midPx + e.spotPx + e.funding);
            } else if (tap != null) {
                tap.publish(e);
            }
            return true;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        TokenRegistry registry = BboFrames.shippedRegistry();
        frame = RecordedFrames.of(kind);
        stats = new FeedStats();
        sink = new Sink();
        hl = new HyperliquidDecoder(registry, Source.HL_WS_MAINNET, sink, stats);
        jupiter = new JupiterPriceDecoder(registry, sink, stats);
        tree = new TreeDecoder(registry, sink);
        timeAt = -1;
        byte[] key = "\"time\":".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length < frame.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (frame[i + j] != key[j]) {
                    continue outer;
                }
            }
            timeAt = i + key.length;
            break;
        }
        timeLen = 0;
        while (timeAt >= 0 && frame[timeAt + timeLen] >= '0' && frame[timeAt + timeLen] <= '9') {
            timeLen++;
        }
        timeBase = timeAt < 0 ? 0 : Long.parseLong(new String(frame, timeAt, timeLen, StandardCharsets.US_ASCII));
    }

    private int timeAt;
    private int timeLen;
    private long timeBase;
    private long seq;

    /**
     * A live feed never repeats a coin's bbo/book time (the decoder rejects a repeat), so each
     * decode gets the next millisecond, written into the frame's digits in place (no allocation).
     */
    private void nextTime() {
        if (timeAt < 0) {
            return;
        }
        long v = timeBase + ++seq;
        for (int i = timeLen - 1; i >= 0; i--) {
            frame[timeAt + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /** Decodes with the engine's decoder; returns events published. */
    public long perpspot() {
        nextTime();
        long before = sink.events;
        if (kind.hyperliquid()) {
            hl.onFrame(frame, 0, frame.length, ++clock);
        } else {
            jupiter.decode(frame, 0, frame.length, ++clock);
        }
        return sink.events - before;
    }

    /** Decodes with the jackson-databind tree baseline; returns events published. */
    public long jacksonTree() {
        nextTime();
        long before = sink.events;
        if (kind.hyperliquid()) {
            tree.onHyperliquid(frame, 0, frame.length, ++clock);
        } else {
            tree.onJupiter(frame, 0, frame.length, ++clock);
        }
        return sink.events - before;
    }

    @Benchmark
    public long perpspot(Blackhole bh) {
        sink.bh = bh;
        return perpspot();
    }

    @Benchmark
    public long jacksonTree(Blackhole bh) {
        sink.bh = bh;
        return jacksonTree();
    }

    /** Fails the trial if either decoder rejected a frame: the figures would be of error paths. */
    @TearDown(Level.Trial)
    public void verify() {
        long rejects = stats.rejects(Source.HL_WS_MAINNET) + stats.rejects(Source.JUPITER_PRICE);
        if (rejects != 0 || tree.rejected() != 0) {
            throw new IllegalStateException(kind + ": decoder rejects " + rejects + ", tree rejects "
                    + tree.rejected());
        }
    }
}
