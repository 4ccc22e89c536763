package io.perpspot.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs each benchmark body of {@link CorePathBenchmark} a few times outside JMH, so that
 * {@code mvn test} proves the benchmark code works: the frames decode, nothing is dropped,
 * replay passes are complete. No timing is asserted.
 */
class CorePathBenchmarkTest {
    @Test
    void framesAreTheRecordedBboFrameThenValidBboFramesOfEveryShippedToken() {
        TokenRegistry registry = BboFrames.shippedRegistry();
        byte[][] frames = BboFrames.generate(registry);
        assertEquals(BboFrames.COUNT, frames.length);
        assertArrayEquals(Fixtures.lines(RecordedFrames.CAPTURED_FRAMES).get(2).getBytes(StandardCharsets.UTF_8),
                frames[0]);

        Fixtures.Collector events = new Fixtures.Collector();
        FeedStats stats = new FeedStats();
        HyperliquidDecoder decoder = new HyperliquidDecoder(registry, Source.HL_WS_MAINNET, events, stats);
        for (byte[] f : frames) {
            decoder.onFrame(f, 0, f.length, 1);
        }
        assertEquals(0, stats.rejects(Source.HL_WS_MAINNET),
                () -> "rejects: " + stats.rejectsByReason(Source.HL_WS_MAINNET));
        assertEquals(BboFrames.COUNT, events.events.size());
        Set<Integer> tokens = new HashSet<>();
        events.events.forEach(e -> {
            assertEquals(EventType.PERP_BBO, e.type);
            tokens.add(e.tokenId);
        });
        assertEquals(registry.size(), tokens.size(), "every shipped token has frames");
    }

    @Test
    void rawScanConsumesEveryTokenOfEveryFrame() throws Exception {
        CorePathBenchmark bench = new CorePathBenchmark();
        CorePathBenchmark.ScanState s = new CorePathBenchmark.ScanState();
        s.setUp();
        // The truth: every frame's tokens counted by a blocking parser of its own.
        int tokens = 0;
        for (byte[] f : s.frames) {
            try (JsonParser p = new JsonFactory().createParser(f)) {
                while (p.nextToken() != null) {
                    tokens++;
                }
            }
        }
        Blackhole bh = Blackholes.outsideJmh();
        for (int i = 0; i < 3; i++) {
            assertEquals(tokens, bench.rawScan(s, bh), "rawScan returns the tokens of every frame, pass " + i);
        }
        s.tearDown();
    }

    @Test
    void decodePublishesOneEventPerFrameOnEveryPass() {
        CorePathBenchmark bench = new CorePathBenchmark();
        CorePathBenchmark.DecodeState s = new CorePathBenchmark.DecodeState();
        s.setUp();
        // The truth: the frames' bids decoded apart from the benchmark, hashed as the body does.
        Fixtures.Collector bids = new Fixtures.Collector();
        HyperliquidDecoder decoder = new HyperliquidDecoder(BboFrames.shippedRegistry(),
                Source.HL_WS_MAINNET, bids, new FeedStats());
        for (byte[] f : BboFrames.generate(BboFrames.shippedRegistry())) {
            decoder.onFrame(f, 0, f.length, 1);
        }
        long hash = 0;
        for (int i = 1; i <= 3; i++) {
            for (MarketEvent e : bids.events) {
                hash = 31 * hash + e.bidPx;
            }
            assertEquals(hash, bench.decode(s), "decode() returns the hash of every bid of pass " + i);
            s.verifyNothingRejected();
            assertEquals((long) i * CorePathBenchmark.SCAN_FRAMES, s.published);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpdir", "shm"})
    void fullPathJournalsEveryFrameOfEachBatchAndDropsNothing(String journalOn) throws Exception {
        CorePathBenchmark bench = new CorePathBenchmark();
        FullPathState s = new FullPathState();
        s.journalOn = journalOn;
        s.setUp();
        try {
            assertTrue(s.dir.startsWith(FullPathState.journalParent(journalOn)),
                    "the journal is where journalOn says: " + s.dir);
            for (int iteration = 0; iteration < 2; iteration++) {
                s.seedSpotPrices();
                long before = s.journaled();
                for (int i = 0; i < 3; i++) {
                    bench.fullPath(s);
                }
                // Returned means drained: every frame of the three batches is journaled already.
                assertEquals(before + 3L * CorePathBenchmark.FULL_PATH_BATCH, s.journaled());
                s.verifyNothingLost();
            }
            assertEquals(0, s.stats.ringFullCount(Source.HL_WS_MAINNET));
            assertTrue(s.topology.strategy().spreads() > 0, "the strategy wrote spread snapshots");
            assertEquals(2L * 3 * CorePathBenchmark.FULL_PATH_BATCH, s.topology.strategy().marketEvents()
                    - 2L * s.registry.size(), "every bbo reached the strategy (besides the seeded spot prices)");
        } finally {
            s.tearDown();
        }
    }

    @Test
    void fullPathRefusesAnUnknownJournalPlace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FullPathState.journalParent("nfs"));
        assertTrue(e.getMessage().contains("tmpdir or shm"), e.getMessage());
    }

    @Test
    void replayFeedsTheSameJournaledEventsThroughAFreshStrategyEachPass() throws Exception {
        CorePathBenchmark bench = new CorePathBenchmark();
        ReplayState s = new ReplayState();
        s.setUp(60_000);
        try {
            long first = bench.replay(s);
            assertTrue(first > 0, "the strategy derived output");
            for (int i = 0; i < 2; i++) {
                // A fresh Strategy per pass: the same input gives the same output.
                assertEquals(first, bench.replay(s));
            }
            assertEquals(60_000, s.strategy.marketEvents() + s.strategy.unknownTokenEvents()
                    + countEngineEvents(s), "exactly the requested events were replayed");
        } finally {
            s.tearDown();
        }
    }

    /** EngineStart, TokenDefs and SourceStatus records among the first events of the synthetic journal. */
    private static long countEngineEvents(ReplayState s) {
        long[] n = {0};
        long[] seen = {0};
        s.reader.forEachInput(e -> {
            if (!EventType.isMarketData(e.type)) {
                n[0]++;
            }
            return ++seen[0] < s.events;
        });
        return n[0];
    }
}
