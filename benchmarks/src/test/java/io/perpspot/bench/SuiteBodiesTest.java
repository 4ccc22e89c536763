package io.perpspot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.codec.JupiterPriceDecoder;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.TokenRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Calls the bodies of the JMH suite outside JMH so that {@code mvn test} proves they do what
 * they claim (the baseline decodes the same values, hand-offs deliver every event, appends
 * land in the files). No timing is asserted.
 */
class SuiteBodiesTest {
    private static Blackhole blackhole() {
        return new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }

    @ParameterizedTest
    @EnumSource(RecordedFrames.Kind.class)
    void treeBaselineDecodesEachRecordedFrameToTheSameEventsAsTheEngine(RecordedFrames.Kind kind) {
        TokenRegistry registry = BboFrames.shippedRegistry();
        byte[] frame = RecordedFrames.of(kind);
        Fixtures.Collector engine = new Fixtures.Collector();
        Fixtures.Collector tree = new Fixtures.Collector();
        FeedStats stats = new FeedStats();
        if (kind.hyperliquid()) {
            new HyperliquidDecoder(registry, Source.HL_WS_MAINNET, engine, stats).onFrame(frame, 0, frame.length, 7);
            new TreeDecoder(registry, tree).onHyperliquid(frame, 0, frame.length, 7);
        } else {
            new JupiterPriceDecoder(registry, engine, stats).decode(frame, 0, frame.length, 7);
            new TreeDecoder(registry, tree).onJupiter(frame, 0, frame.length, 7);
        }
        assertEquals(0, stats.rejects(Source.HL_WS_MAINNET) + stats.rejects(Source.JUPITER_PRICE));
        assertTrue(engine.events.size() >= 1, "the engine decodes the recorded " + kind);
        assertEquals(engine.events.size(), tree.events.size(), kind + " events");
        for (int i = 0; i < engine.events.size(); i++) {
            MarketEvent a = engine.events.get(i);
            MarketEvent b = tree.events.get(i);
            assertEquals(a.type, b.type);
            assertEquals(a.tokenId, b.tokenId);
            assertEquals(a.bidPx, b.bidPx);
            assertEquals(a.askSz, b.askSz);
            assertEquals(a.bidCount, b.bidCount);
            assertEquals(a.askCount, b.askCount);
            for (int k = 0; k < a.bidCount; k++) {
                assertEquals(a.bidPxs[k], b.bidPxs[k]);
                assertEquals(a.bidSzs[k], b.bidSzs[k]);
            }
            assertEquals(a.markPx, b.markPx);
            assertEquals(a.funding, b.funding);
            assertEquals(a.impactAskPx, b.impactAskPx);
            assertEquals(a.midPx, b.midPx);
            assertEquals((double) a.spotPx, (double) b.spotPx, 1.0, "spot within one unit of 1e-12");
        }
    }

    @Test
    void decodeBenchmarkRunsBothDecodersOnEveryKind() {
        for (RecordedFrames.Kind kind : RecordedFrames.Kind.values()) {
            DecodeBenchmark b = new DecodeBenchmark();
            b.kind = kind;
            b.setUp();
            long perpspot = b.perpspot(blackhole());
            long tree = b.jacksonTree(blackhole());
            assertTrue(perpspot >= 1, kind + " published");
            assertEquals(perpspot, tree, kind.name());
            b.verify();
        }
    }

    @Test
    void fixedPointParsesTheSameValuesAsBigDecimal() {
        List<String> numbers = FixedPointParseBenchmark.numbers();
        for (String s : numbers) {
            assertEquals(new BigDecimal(s).movePointRight(FixedPoint.PRICE_DECIMALS).longValueExact(),
                    FixedPoint.parse(s, FixedPoint.PRICE_DECIMALS), s);
        }
        FixedPointParseBenchmark b = new FixedPointParseBenchmark();
        b.setUp();
        Blackhole bh = blackhole();
        b.fixedPoint(bh);
        b.fixedPointText(bh);
        b.parseDouble(bh);
        b.bigDecimal(bh);
    }

    @Test
    void ringAndQueueHandOffDeliverEveryEventOfEachBatch() {
        RingHandoffBenchmark bench = new RingHandoffBenchmark();
        RingHandoffBenchmark.DisruptorState d = new RingHandoffBenchmark.DisruptorState();
        RingHandoffBenchmark.QueueState q = new RingHandoffBenchmark.QueueState();
        d.setUp();
        q.setUp();
        try {
            for (int i = 0; i < 3; i++) {
                bench.disruptor(d);
                bench.arrayBlockingQueue(q);
            }
            assertEquals(3L * RingHandoffBenchmark.BATCH, d.seen);
            assertEquals(3L * RingHandoffBenchmark.BATCH, q.handoff.consumed());
            assertEquals(0, q.handoff.dropped());
        } finally {
            d.tearDown();
            q.tearDown();
        }
    }

    @Test
    void journalAppendsLandInChronicleAndInTheJsonLinesFile() throws Exception {
        JournalAppendBenchmark bench = new JournalAppendBenchmark();
        JournalAppendBenchmark.ChronicleState c = new JournalAppendBenchmark.ChronicleState();
        JournalAppendBenchmark.JsonLinesState j = new JournalAppendBenchmark.JsonLinesState();
        c.setUp();
        j.setUp();
        for (int i = 0; i < 1000; i++) {
            bench.chronicle(c);
            bench.jsonLines(j);
        }
        assertEquals(1000, c.handler.appended());
        j.journal.flush();
        assertEquals(1000, Files.readAllLines(j.dir.resolve("input.jsonl")).size());
        c.tearDown();
        j.tearDown();
    }

    @Test
    void strategyStepProcessesEventsAndWritesOutput() {
        StrategyStepBenchmark b = new StrategyStepBenchmark();
        b.setUp();
        for (int i = 0; i < 10_000; i++) {
            b.step();
        }
        assertEquals(10_000, b.strategy.marketEvents() - BboFrames.shippedRegistry().size());
        assertTrue(b.sink.written > 0, "the strategy wrote spreads");
    }

    @Test
    void replayBareReadReadsTheSameRecordsAsReplay() throws Exception {
        CorePathBenchmark bench = new CorePathBenchmark();
        ReplayState s = new ReplayState();
        s.setUp(20_000);
        try {
            long sum = bench.replayBareRead(s);
            assertEquals(sum, bench.replayBareRead(s), "the same records each pass");
            assertTrue(bench.replay(s) > 0);
        } finally {
            s.tearDown();
        }
    }
}
