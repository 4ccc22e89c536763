package io.perpspot.engine.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.codec.JupiterPriceDecoder;
import io.perpspot.engine.codec.JupiterQuoteDecoder;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.pipeline.PipelineSettings;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steady-state loop — decode (jackson-core streaming) → ring (Disruptor) → journal
 * (Chronicle) → strategy (spread book, z-score, detector, output journal) — allocates nothing
 * per event once warm: exactly zero bytes on the producer (decoding) thread, and no per-event
 * allocation on the consumer (journal + strategy) thread.
 *
 * <p>What Chronicle Queue itself allocates on the consumer thread, found with JFR (TLABs off,
 * every allocation traced with its stack): a few hundred bytes when it maps its next file chunk
 * ({@code journal.block-size}, 256 MB: every ~3 million events), when it starts a new index
 * array (every 1,048,576 records of a cycle), and now and then inside its index high-water-mark
 * update ({@code BytesStore.writeMaxLong}, reached every 256 records) — typically 0 or 752
 * bytes per 300,000 events. The warm-up crosses the first index-array boundary so that the
 * measured window lies, as the steady state does, between those moments; the consumer bound is
 * then one byte per hundred events, far below what any per-event allocation would produce.
 *
 * <p>The JIT adds one more source, on either thread: when compiled code meets a branch it has never
 * seen taken (an {@code unstable_if} trap, e.g. in Chronicle's {@code AbstractWire.enterHeader} or
 * {@code SCQIndexing.getSecondaryAddress}) it deoptimizes, and the objects escape analysis had
 * removed from that frame are allocated for the interpreter — 1 to 7 KB at once, seen with JFR
 * ({@code jdk.Deoptimization} next to the allocation events) late in a run at a moment that depends on
 * compilation timing. The loop is therefore measured in three windows of 250,000 frames and judged
 * by the quietest: a per-event allocation shows in every window, a one-off deoptimization in one.
 */
class SteadyStateAllocationTest {
    private static final int FRAMES = 4096;
    private static final int WARM_UP = 1_100_000;
    private static final int MEASURED = 250_000;
    private static final int WINDOWS = 3;

    @TempDir
    Path dir;

    @Test
    void decodeRingJournalStrategyAllocateZeroBytesPerEventAfterWarmUp() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        TokenRegistry registry = new TokenRegistry(Fixtures.shippedTokens());
        FeedStats stats = new FeedStats();
        try (Journal journal = Journal.openForWrite(dir.resolve("j"), "daily", Journal.DEFAULT_BLOCK_SIZE)) {
            // Engine latency on, by a clock a few microseconds after the last event offered
            // (the events' receive times are synthetic), snapshotted every 100 ms of wall time.
            // The shipped wait strategy: its idle loop runs on the measured consumer thread too.
            String wait = ConfigLoader.load(null, List.of()).get(Settings.RING_WAIT);
            Pipeline topology = new Pipeline(journal, PipelineSettings.plain(1 << 16, wait).withLatency(100_000_000L),
                    stats,
                    () -> offered + 5_000L, null);
            topology.start();
            MarketEvent e = new MarketEvent();
            String settings = StrategySettings.from(ConfigLoader.load(null, List.of(
                    "strategy.zscore.window=20", "strategy.zscore.min-samples=5",
                    "strategy.zscore.sample-interval=10ms", "strategy.snapshot-interval=100ms",
                    "strategy.opportunity-interval=10ms", "strategy.latency.snapshot-interval=10s"))).text();
            topology.publisher().publish(EngineEvents.engineStart(e, settings, 1));
            for (Token t : registry.all()) {
                topology.publisher().publish(EngineEvents.tokenDef(e, t, 1));
            }
            HyperliquidDecoder hl = new HyperliquidDecoder(registry, Source.HL_WS_OTHER, topology.publisher(), stats);
            JupiterPriceDecoder jup = new JupiterPriceDecoder(registry, topology.publisher(), stats);
            quoteDecoder = new JupiterQuoteDecoder(topology.publisher(), stats);
            quoteBodies = quoteBodies();
            byte[][] frames = frames(registry);
            byte[][] spot = spotBodies(registry);

            // After the frames' exchange times (1790232237145 ms): feed latencies of 3 s and up.
            long t0 = 1_790_232_240_000_000_000L;
            run(topology, hl, jup, frames, spot, 0, WARM_UP, t0);
            drain(topology);
            Thread consumer = findThread("perpspot-consumer");
            assertNotNull(consumer, "consumer thread");
            long oppsBefore = topology.strategy().opportunities();
            long feedSnapshotsBefore = topology.strategy().latencySnapshots();
            long engineSnapshotsBefore = topology.latencyRecorder().snapshots();
            long spreadsBefore = topology.strategy().spreads();

            // Three windows one after the other: a per-event allocation shows in every one of them,
            // a one-off JIT deoptimization (see the class comment) in at most one.
            long[] producerBytes = new long[WINDOWS];
            long[] consumerBytes = new long[WINDOWS];
            long[] journaledIn = new long[WINDOWS];
            for (int w = 0; w < WINDOWS; w++) {
                long appended = topology.journalHandler().appended();
                long producerBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                long consumerBefore = threads.getThreadAllocatedBytes(consumer.getId());
                run(topology, hl, jup, frames, spot, WARM_UP + w * MEASURED, MEASURED, t0);
                drain(topology);
                producerBytes[w] = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - producerBefore;
                consumerBytes[w] = threads.getThreadAllocatedBytes(consumer.getId()) - consumerBefore;
                journaledIn[w] = topology.journalHandler().appended() - appended;
                assertTrue(journaledIn[w] >= MEASURED, "every frame journaled: " + journaledIn[w]);
            }

            assertTrue(topology.strategy().spreads() > spreadsBefore, "spreads were written while measuring");
            assertTrue(topology.strategy().opportunities() > oppsBefore, "opportunities were written while measuring");
            assertTrue(topology.strategy().latencySnapshots() > feedSnapshotsBefore,
                    "feed-latency snapshots were written while measuring");
            assertTrue(topology.latencyRecorder().snapshots() > engineSnapshotsBefore,
                    "engine-latency snapshots were written while measuring");
            assertEquals(0, stats.rejects(Source.HL_WS_OTHER) + stats.rejects(Source.JUPITER_PRICE)
                    + stats.rejects(Source.JUPITER_QUOTE), "all frames valid");
            assertTrue(topology.journalHandler().appended(EventType.SPOT_QUOTE) > MEASURED / 64,
                    "quote rungs journaled");
            assertTrue(topology.strategy().quotes() > MEASURED / 64, "quote rungs in the ladders");
            assertEquals(0, stats.ringFullCount(Source.HL_WS_OTHER) + stats.ringFullCount(Source.JUPITER_PRICE),
                    "nothing dropped");
            StringBuilder msg = new StringBuilder();
            int quietest = 0;
            for (int w = 0; w < WINDOWS; w++) {
                msg.append(String.format(Locale.ROOT,
                        "%swindow %d, %d events: producer %d bytes (%.3f/event), consumer %d bytes (%.3f/event)",
                        w == 0 ? "" : "; ", w + 1, journaledIn[w], producerBytes[w],
                        (double) producerBytes[w] / journaledIn[w],
                        consumerBytes[w], (double) consumerBytes[w] / journaledIn[w]));
                if (consumerBytes[w] + producerBytes[w] < consumerBytes[quietest] + producerBytes[quietest]) {
                    quietest = w;
                }
            }
            System.out.println("SteadyStateAllocationTest: " + msg);
            assertEquals(0, producerBytes[quietest], msg.toString());
            // The smallest Java object is 16 bytes: any allocating path taken even once per 1,000
            // events would show at least 0.016 bytes/event in every window. What stays below is
            // Chronicle's own occasional index housekeeping (see the class comment).
            assertTrue(consumerBytes[quietest] < journaledIn[quietest] / 100, msg.toString());
            topology.close();
        }
    }

    /**
     * One Jupiter body every 16 frames, otherwise Hyperliquid frames in rotation. The producer is
     * paced like a network feed: it never runs more than half a ring ahead of the consumer, so
     * nothing is dropped and every offered event is journaled.
     */
    /** Receive time of the latest event offered (the test clock runs just behind it). */
    private static volatile long offered;

    private static void run(Pipeline topology, HyperliquidDecoder hl, JupiterPriceDecoder jup, byte[][] frames,
                            byte[][] spot, int from, int count, long t0) {
        for (int i = from; i < from + count; i++) {
            while (topology.backlog() > (1 << 15)) {
                Thread.onSpinWait();
            }
            long now = t0 + i * 1_000_000L;
            offered = now;
            if ((i & 15) == 0) {
                byte[] b = spot[(i >> 4) % spot.length];
                jup.decode(b, 0, b.length, now);
            } else if ((i & 15) == 8) {
                // A SOL SELL rung; the context slot grows with i so that none is out of order.
                byte[] b = quoteBodies[(i >> 4) & 1];
                long slot = 100_000_000L + i;
                int at = quoteSlotAt[(i >> 4) & 1];
                for (int d = 0; d < 9; d++) {
                    b[at + 8 - d] = (byte) ('0' + slot % 10);
                    slot /= 10;
                }
                quoteDecoder.decode(b, 0, b.length, 0, SOL, 9, QuoteSide.SELL,
                        ((i >> 4) & 1) == 0 ? 1_000_000_000L : 10_000_000_000L, QUOTE_IN[(i >> 4) & 1],
                        Source.JUPITER_QUOTE, now);
            } else {
                byte[] f = frames[i % FRAMES];
                stampTime(f, 1_790_232_236_546L + i);
                hl.onFrame(f, 0, f.length, now);
            }
        }
    }

    private static final byte[] TIME_KEY = "\"time\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * Rewrites the 13-digit exchange time of a frame in place (allocation-free): a real feed's
     * snapshot times only move forward, and the decoder rejects a repeated or older one, so the
     * frames replayed in rotation get a fresh time each pass.
     */
    static void stampTime(byte[] f, long time) {
        int at = indexOf(f, TIME_KEY);
        if (at < 0) {
            return;
        }
        int end = at + TIME_KEY.length + 13;
        for (int k = end - 1; k >= at + TIME_KEY.length; k--) {
            f[k] = (byte) ('0' + time % 10);
            time /= 10;
        }
    }

    private static int indexOf(byte[] f, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= f.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (f[i + k] != key[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void drain(Pipeline topology) {
        while (topology.backlog() > 0) {
            Thread.onSpinWait();
        }
        // the last event may still be inside the handler
        long n = topology.journalHandler().appended();
        for (int i = 0; i < 1_000_000 && topology.backlog() == 0; i++) {
            Thread.onSpinWait();
        }
        assertTrue(topology.journalHandler().appended() >= n);
    }

    private static final String SOL = "So11111111111111111111111111111111111111112";
    private static final long[] QUOTE_IN = {8_000_000_000L, 80_000_000_000L};
    private static JupiterQuoteDecoder quoteDecoder;
    private static byte[][] quoteBodies;
    private static final int[] quoteSlotAt = new int[2];

    /** Two SOL → USDC quote bodies (the recorded shape) with a 9-digit context slot patched in place. */
    private static byte[][] quoteBodies() {
        String template = Fixtures.text("jupiter_quote_sol_usdc_2026-10-05.json").trim();
        byte[][] out = new byte[2][];
        for (int k = 0; k < 2; k++) {
            String body = template.replace("\"inAmount\":\"1000000000\"", "\"inAmount\":\"" + QUOTE_IN[k] + "\"")
                    .replace("\"outAmount\":\"120704786\"", "\"outAmount\":\""
                            + (k == 0 ? 965_638_288L : 9_650_000_000L) + "\"");
            out[k] = body.getBytes(StandardCharsets.UTF_8);
            quoteSlotAt[k] = body.indexOf("\"contextSlot\":") + "\"contextSlot\":".length();
        }
        return out;
    }

    private static Thread findThread(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** bbo, l2Book, activeAssetCtx and allMids frames with prices wandering around each token's level. */
    static byte[][] frames(TokenRegistry registry) {
        SplittableRandom rnd = new SplittableRandom(11);
        byte[][] out = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            Token t = registry.get(i % registry.size());
            double mid = level(t) * (1 + (rnd.nextInt(100) == 0 ? 0.01 : 0.0005) * rnd.nextGaussian());
            String bid = px(mid * 0.9999);
            String ask = px(mid * 1.0001);
            String f = switch (i % 8) {
                case 5 -> "{\"channel\":\"l2Book\",\"data\":{\"coin\":\"" + t.hlCoin()
                        + "\",\"time\":1790232236546,\"levels\":[[{\"px\":\""
                        + bid + "\",\"sz\":\"10.5\",\"n\":3},{\"px\":\"" + px(mid * 0.999)
                        + "\",\"sz\":\"20\",\"n\":4}],[{\"px\":\""
                        + ask + "\",\"sz\":\"11\",\"n\":2},{\"px\":\"" + px(mid * 1.001)
                        + "\",\"sz\":\"30\",\"n\":5}]]}}";
                case 6 -> "{\"channel\":\"activeAssetCtx\",\"data\":{\"coin\":\"" + t.hlCoin()
                        + "\",\"ctx\":{\"funding\":\"0.0000125\",\"openInterest\":\"36585.31848\",\"prevDayPx\":\""
                        + px(mid)
                        + "\",\"dayNtlVlm\":\"4161029539.69\",\"premium\":\"-0.0006413454\",\"oraclePx\":\"" + px(mid)
                        + "\",\"markPx\":\"" + px(mid) + "\",\"midPx\":\"" + px(mid) + "\",\"impactPxs\":[\"" + bid
                        + "\",\""
                        + ask + "\"],\"dayBaseVlm\":\"49116.08533\"}}}";
                case 7 -> "{\"channel\":\"allMids\",\"data\":{\"mids\":{\"@107\":\"1.5\",\"" + t.hlCoin() + "\":\""
                        + px(mid)
                        + "\",\"PURR/USDC\":\"0.067131\"}}}";
                default -> "{\"channel\":\"bbo\",\"data\":{\"coin\":\"" + t.hlCoin()
                        + "\",\"time\":1790232237145,\"bbo\":[{\"px\":\""
                        + bid + "\",\"sz\":\"10.25923\",\"n\":36},{\"px\":\"" + ask
                        + "\",\"sz\":\"50.66422\",\"n\":18}]}}";
            };
            out[i] = f.getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    static byte[][] spotBodies(TokenRegistry registry) {
        SplittableRandom rnd = new SplittableRandom(12);
        byte[][] out = new byte[256][];
        for (int i = 0; i < out.length; i++) {
            StringBuilder sb = new StringBuilder("{");
            for (int k = 0; k < 5; k++) {
                Token t = registry.get((i * 5 + k) % registry.size());
                double p = level(t) * (1 + 0.0005 * rnd.nextGaussian()) / t.multiplier();
                sb.append(k == 0 ? "" : ",").append('"').append(t.mint())
                        .append("\":{\"createdAt\":\"2024-06-05T08:55:25.527Z\",")
                        .append("\"liquidity\":946740309.1850989,\"usdPrice\":").append(p)
                        .append(",\"blockId\":449696083,\"decimals\":").append(t.decimals())
                        .append(",\"priceChange24h\":-0.13}");
            }
            out[i] = sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** Contract price level for a token: spread over magnitudes, BTC-like to kBONK-like. */
    private static double level(Token t) {
        return switch (t.hlCoin()) {
            case "BTC" -> 84_000;
            case "ETH" -> 3_000;
            case "SOL" -> 120;
            case "kBONK" -> 0.0216;
            default -> 0.5 + (t.id() % 7);
        };
    }

    private static String px(double v) {
        return new BigDecimal(v).round(new MathContext(5)).stripTrailingZeros().toPlainString();
    }
}
