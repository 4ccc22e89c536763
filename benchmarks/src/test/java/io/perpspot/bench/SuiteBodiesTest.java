package io.perpspot.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.codec.JupiterPriceDecoder;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.CharIndex;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import io.perpspot.tools.backtest.BacktestResult;
import io.perpspot.tools.backtest.Trade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Calls the bodies of the JMH suite outside JMH so that {@code mvn test} proves each computes what
 * it claims: the decoders the recorded values, the parsers the exact numbers, the hand-offs every
 * event, the appends records that read back, the strategy step its spread state and records,
 * replay and the bare read the journal's records, the backtest a trade or a refusal for every
 * signal. Each check compares with a truth computed apart from the body ({@link ExecutionBenchmarkTest}
 * does so for the execution model's bodies, {@link CorePathBenchmarkTest} for rawScan, decode and
 * fullPath). No timing is asserted.
 */
class SuiteBodiesTest {
    /** Reads JSON numbers as exact decimals (the recorded Jupiter price is a JSON number). */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

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
        assertRecordedValues(kind, engine.events);
        assertRecordedValues(kind, tree.events);
    }

    @Test
    void decodeBenchmarkDecodesEveryKindToItsRecordedValuesWithBothDecoders() {
        for (RecordedFrames.Kind kind : RecordedFrames.Kind.values()) {
            DecodeBenchmark b = new DecodeBenchmark();
            b.kind = kind;
            b.setUp();
            int expected = expectedEvents(kind);
            assertEquals(expected, b.perpspot(Blackholes.outsideJmh()), kind + ": events of the perpspot body");
            assertEquals(expected, b.jacksonTree(Blackholes.outsideJmh()), kind + ": events of the jacksonTree body");
            // Without a Blackhole the sink hands the events to a tap: the same bodies, their values checked.
            b.sink.bh = null;
            Fixtures.Collector perpspot = new Fixtures.Collector();
            b.sink.tap = perpspot;
            assertEquals(expected, b.perpspot());
            Fixtures.Collector tree = new Fixtures.Collector();
            b.sink.tap = tree;
            assertEquals(expected, b.jacksonTree());
            assertRecordedValues(kind, perpspot.events);
            assertRecordedValues(kind, tree.events);
            b.verify();
        }
    }

    @Test
    void fixedPointBodiesParseEveryRecordedNumberExactly() {
        List<String> numbers = FixedPointParseBenchmark.numbers();
        FixedPointParseBenchmark b = new FixedPointParseBenchmark();
        b.setUp();
        assertEquals(FixedPointParseBenchmark.STRINGS, b.text.length);
        for (int i = 0; i < b.text.length; i++) {
            String s = numbers.get(i % numbers.size());
            assertEquals(s, b.text[i]);
            assertArrayEquals(s.toCharArray(), b.chars[i]);
            long exact = new BigDecimal(s).movePointRight(FixedPoint.PRICE_DECIMALS).longValueExact();
            assertEquals(exact, FixedPointParseBenchmark.fixedPointOf(b.chars[i]), s);
            assertEquals(exact, FixedPointParseBenchmark.fixedPointTextOf(s), s);
            assertEquals(exact, FixedPointParseBenchmark.bigDecimalOf(s), s);
            assertEquals(new BigDecimal(s).doubleValue(), FixedPointParseBenchmark.doubleOf(s), s);
        }
        // The bodies consume exactly those calls' values; a Blackhole keeps nothing to read back.
        Blackhole bh = Blackholes.outsideJmh();
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
    void journalAppendsReadBackFromChronicleAndFromTheJsonLinesFile() throws Exception {
        JournalAppendBenchmark bench = new JournalAppendBenchmark();
        JournalAppendBenchmark.ChronicleState c = new JournalAppendBenchmark.ChronicleState();
        JournalAppendBenchmark.JsonLinesState j = new JournalAppendBenchmark.JsonLinesState();
        c.setUp();
        j.setUp();
        int n = 1000;
        int tokens = c.events.length;
        MarketEvent bbo = RingHandoffBenchmark.bbo();
        try {
            List<Long> chronicleIndices = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                chronicleIndices.add(bench.chronicle(c));
                assertEquals(i, bench.jsonLines(j), "the JSON-lines index of append " + i);
            }
            List<MarketEvent> read = new ArrayList<>();
            try (JournalReader r = JournalReader.open(c.dir.resolve("journal"))) {
                r.forEachInput(e -> {
                    MarketEvent copy = new MarketEvent();
                    copy.copyFrom(e);
                    return read.add(copy);
                });
            }
            assertEquals(n, read.size(), "records in the Chronicle input queue");
            for (int i = 0; i < n; i++) {
                MarketEvent e = read.get(i);
                assertEquals(chronicleIndices.get(i), e.journalIndex, "the index chronicle() returned");
                assertEquals(EventType.PERP_BBO, e.type);
                assertEquals(i % tokens, e.tokenId, "tokens in rotation");
                assertEquals(bbo.bidPx, e.bidPx);
                assertEquals(bbo.askSz, e.askSz);
                if (i > 0) {
                    assertTrue(e.recvNanos != read.get(i - 1).recvNanos, "every append is a new event");
                }
            }
            j.journal.flush();
            List<String> lines = Files.readAllLines(j.dir.resolve("input.jsonl"));
            assertEquals(n, lines.size());
            for (int i = 0; i < n; i++) {
                JsonNode line = EXACT.readTree(lines.get(i));
                assertEquals(i, line.path("index").asLong());
                assertEquals(EventType.name(EventType.PERP_BBO), line.path("type").asText());
                assertEquals(i % tokens, line.path("token").asInt());
                assertEquals(read.get(i).recvNanos, line.path("recvNanos").asLong(), "the same events as Chronicle's");
                assertEquals(0, BigDecimal.valueOf(bbo.bidPx, FixedPoint.PRICE_DECIMALS)
                        .compareTo(line.path("bidPx").decimalValue()), line.toString());
                assertEquals(0, BigDecimal.valueOf(bbo.askSz, FixedPoint.SIZE_DECIMALS)
                        .compareTo(line.path("askSz").decimalValue()), line.toString());
            }
        } finally {
            c.tearDown();
            j.tearDown();
        }
    }

    @Test
    void strategyStepLeavesEachTokensLatestBboAndTheThrottledSnapshots() {
        StrategyStepBenchmark b = new StrategyStepBenchmark();
        b.setUp();
        int steps = 10_000;
        long start = b.clock;
        // The truth, from the benchmark's events apart from the strategy: step k (from 1) applies
        // event (k - 1) mod 4096 at start + k ms; a token snapshots on its first priced event and
        // then once snapshot-interval has passed (every leg fresh: the gate never refuses a bbo).
        long interval = b.strategy.settings().snapshotIntervalNanos();
        Map<Integer, Long> lastSnapshot = new HashMap<>();
        Map<Integer, MarketEvent> latest = new HashMap<>();
        long snapshots = 0;
        for (int k = 1; k <= steps; k++) {
            MarketEvent e = b.events[(k - 1) % BboFrames.COUNT];
            long t = start + k * StrategyStepBenchmark.STEP_NANOS;
            Long last = lastSnapshot.get(e.tokenId);
            if (last == null || t - last >= interval) {
                lastSnapshot.put(e.tokenId, t);
                snapshots++;
            }
            latest.put(e.tokenId, e);
        }
        long written = 0;
        for (int k = 0; k < steps; k++) {
            written = b.step();
        }
        assertEquals(steps, b.strategy.marketEvents() - BboFrames.shippedRegistry().size(), "every step one event");
        assertEquals(snapshots, b.strategy.spreads(), "spread snapshots at the throttle's pace");
        long refused = 0;
        for (int reason = 1; reason < OutputRecord.GATE_REASONS; reason++) {
            refused += b.strategy.refusals(reason);
        }
        assertEquals(0, refused, "every leg fresh: the gate refused nothing");
        assertTrue(b.strategy.opportunities() > 0, "the dislocations signalled");
        assertEquals(b.strategy.spreads() + b.strategy.opportunities() + b.strategy.stateSnapshots()
                + b.strategy.latencySnapshots(), written,
                "step() returns the records written: snapshots, signals, state and latency snapshots");
        for (Token t : BboFrames.shippedRegistry().all()) {
            SpreadBook book = b.strategy.book(t.id());
            MarketEvent e = latest.get(t.id());
            assertEquals(e.bidPx, book.perpBid, t.symbol() + " bid");
            assertEquals(e.askPx, book.perpAsk, t.symbol() + " ask");
            assertEquals(BboFrames.spotLevel(t), book.spotPx, t.symbol() + " spot");
            assertEquals(lastSnapshot.get(t.id()), book.pair(0).lastSnapshotNanos, t.symbol() + " last snapshot");
        }
    }

    @Test
    void replayAndTheBareReadSeeTheJournalsRecordsAndReplayDerivesWhatTheLiveStrategyWrote() throws Exception {
        CorePathBenchmark bench = new CorePathBenchmark();
        ReplayState s = new ReplayState();
        s.setUp(20_000);
        try {
            // The truth, read apart from the bodies: each record's first 8 bytes (type, version,
            // source, reserved, tokenId, little-endian) from its decoded fields.
            long[] header = {0};
            long[] seen = {0};
            s.reader.forEachInput(e -> {
                header[0] += (e.type & 0xFF) | (InputCodec.VERSION << 8) | ((e.source & 0xFF) << 16)
                        | ((long) e.tokenId << 32);
                return ++seen[0] < s.events;
            });
            assertEquals(s.events, seen[0]);
            long derived = derivedByTheLiveStrategy(s);
            for (int pass = 0; pass < 2; pass++) {
                assertEquals(header[0], bench.replayBareRead(s), "the bare read's sum of record headers");
                assertEquals(derived, bench.replay(s), "replay derives the live strategy's spreads and opportunities");
            }
        } finally {
            s.tearDown();
        }
    }

    @Test
    void backtestAccountsForEverySignalWithinTheEventsItReplayed() throws Exception {
        BacktestBenchmark bench = new BacktestBenchmark();
        BacktestBenchmark.BacktestState s = new BacktestBenchmark.BacktestState();
        s.setUp(60_000);
        try {
            long[] times = {Long.MAX_VALUE, Long.MIN_VALUE};
            long[] seen = {0};
            Set<String> symbols = new HashSet<>();
            s.reader.forEachInput(e -> {
                times[0] = Math.min(times[0], e.recvNanos);
                times[1] = Math.max(times[1], e.recvNanos);
                if (e.type == EventType.TOKEN_DEF) {
                    symbols.add(s.reader.symbol(e.tokenId));
                }
                return ++seen[0] < s.events;
            });
            long trades = bench.backtest(s);
            BacktestResult r = s.last;
            assertEquals(s.events, r.events(), "the backtester saw exactly the replayed events");
            assertTrue(trades > 0, "a template taking every signal traded");
            // Every signal opened a position (closed by the end of the data) or was turned down once.
            assertEquals(r.signals(), trades + r.refused().total(),
                    "backtest() returns the trades: the signals less those turned down");
            double total = 0;
            long oneLeg = 0;
            for (Trade t : r.trades()) {
                assertTrue(symbols.contains(t.token()), t.token() + " is a journaled token");
                boolean unwound = t.exitReason().equals(Trade.ONE_LEG_PERP)
                        || t.exitReason().equals(Trade.ONE_LEG_SPOT);
                // A one-leg fill is unwound at once, its exit stamped a max latency after the entry.
                long lastExit = unwound ? t.entryNanos() + s.spec.template().maxLatency().toNanos() : times[1];
                assertTrue(times[0] <= t.entryNanos() && t.entryNanos() <= t.exitNanos() && t.exitNanos() <= lastExit,
                        t + " lies within the replayed events");
                assertEquals(t.perpPnlUsd() + t.spotPnlUsd() - t.feesUsd() + t.fundingUsd(), t.pnlUsd(), 1e-9,
                        t.toString());
                total += t.pnlUsd();
                oneLeg += unwound ? 1 : 0;
            }
            assertEquals(r.oneLegFills(), oneLeg, "one-leg fills are trades of their own");
            assertEquals(total, r.equity()[r.equity().length - 1], 1e-6, "all closed: the equity is the trades' P&L");
            assertEquals(derivedByTheLiveStrategy(s), bench.replay(s),
                    "the plain replay beside it derives the live strategy's spreads and opportunities");
        } finally {
            s.tearDown();
        }
    }

    /**
     * Spreads and tradable opportunities the live strategy journaled for the replay state's
     * first {@code events} inputs: what a replay of those inputs must derive.
     */
    @Test
    void exportWritesEveryRecordOfTheJournalToParquetAndReadCountsThem() throws Exception {
        ExportBenchmark bench = new ExportBenchmark();
        ExportBenchmark.ExportState s = new ExportBenchmark.ExportState();
        s.setUp(20_000);
        try {
            // The truth, apart from the bodies: documents in both queues, counted by bare tailers.
            long truth = documents(s.reader.inputTailer()) + documents(s.reader.outputTailer());
            ExportBenchmark.Records r = new ExportBenchmark.Records();
            for (int pass = 0; pass < 2; pass++) {
                s.clean();
                assertEquals(0, bench.exportParquet(s, r));
                long rows = 0;
                try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + s.out
                                + "/*/*.parquet', union_by_name = true)")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                assertEquals(truth, rows, "every record of the journal is a Parquet row, pass " + pass);
            }
            assertEquals(truth, bench.read(s, r));
            assertEquals(3 * truth, r.records);
        } finally {
            s.tearDown();
        }
    }

    private static long documents(ExcerptTailer t) {
        long n = 0;
        try (t) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    n++;
                }
            }
        }
    }

    private static long derivedByTheLiveStrategy(ReplayState s) {
        long[] lastIndex = {0};
        long[] seen = {0};
        s.reader.forEachInput(e -> {
            lastIndex[0] = e.journalIndex;
            return ++seen[0] < s.events;
        });
        long[] derived = {0};
        s.reader.forEachOutput((o, i) -> {
            if (o.inputIndex <= lastIndex[0] && (o.type == OutputType.SPREAD
                    || o.type == OutputType.OPPORTUNITY && o.rejectReason == 0)) {
                derived[0]++;
            }
            return true;
        });
        assertTrue(derived[0] > 0, "the live strategy wrote spreads for these inputs");
        return derived[0];
    }

    // ------------------------------------------------------------------ recorded values

    /** Events each recorded frame decodes to: one, but allMids one per coin of the shipped table. */
    private static int expectedEvents(RecordedFrames.Kind kind) {
        return kind == RecordedFrames.Kind.ALL_MIDS ? trackedMids().size() : 1;
    }

    /** The coins of the recorded allMids frame that the shipped table tracks, with their mids. */
    private static Map<Integer, Long> trackedMids() {
        TokenRegistry registry = BboFrames.shippedRegistry();
        Map<Integer, Long> out = new HashMap<>();
        readExact(RecordedFrames.of(RecordedFrames.Kind.ALL_MIDS)).path("data").path("mids").fields()
                .forEachRemaining(mid -> {
                    int id = registry.idByCoin(mid.getKey());
                    if (id != CharIndex.MISSING) {
                        out.put(id, price(mid.getValue()));
                    }
                });
        return out;
    }

    /** The decoded events hold the values written in the recorded frame, read here with BigDecimal. */
    private static void assertRecordedValues(RecordedFrames.Kind kind, List<MarketEvent> events) {
        TokenRegistry registry = BboFrames.shippedRegistry();
        JsonNode frame = readExact(RecordedFrames.of(kind));
        assertEquals(expectedEvents(kind), events.size(), kind + " events");
        JsonNode data = frame.path("data");
        switch (kind) {
            case BBO -> {
                MarketEvent e = events.get(0);
                assertEquals(EventType.PERP_BBO, e.type);
                assertEquals(registry.idByCoin(data.path("coin").asText()), e.tokenId, kind + " token");
                JsonNode bbo = data.path("bbo");
                assertEquals(price(bbo.get(0).path("px")), e.bidPx, kind + " bidPx");
                assertEquals(size(bbo.get(0).path("sz")), e.bidSz, kind + " bidSz");
                assertEquals(price(bbo.get(1).path("px")), e.askPx, kind + " askPx");
                assertEquals(size(bbo.get(1).path("sz")), e.askSz, kind + " askSz");
            }
            case L2BOOK -> {
                MarketEvent e = events.get(0);
                assertEquals(EventType.PERP_BOOK, e.type);
                assertEquals(registry.idByCoin(data.path("coin").asText()), e.tokenId, kind + " token");
                JsonNode bids = data.path("levels").get(0);
                JsonNode asks = data.path("levels").get(1);
                assertEquals(bids.size(), e.bidCount);
                assertEquals(asks.size(), e.askCount);
                for (int i = 0; i < bids.size(); i++) {
                    assertEquals(price(bids.get(i).path("px")), e.bidPxs[i], "bid " + i);
                    assertEquals(size(bids.get(i).path("sz")), e.bidSzs[i], "bid size " + i);
                    assertEquals(bids.get(i).path("n").asInt(), e.bidNs[i], "bid orders " + i);
                    assertEquals(price(asks.get(i).path("px")), e.askPxs[i], "ask " + i);
                    assertEquals(size(asks.get(i).path("sz")), e.askSzs[i], "ask size " + i);
                }
            }
            case ACTIVE_ASSET_CTX -> {
                MarketEvent e = events.get(0);
                JsonNode ctx = data.path("ctx");
                assertEquals(EventType.PERP_CTX, e.type);
                assertEquals(registry.idByCoin(data.path("coin").asText()), e.tokenId, kind + " token");
                assertEquals(price(ctx.path("funding")), e.funding, kind + " funding");
                assertEquals(price(ctx.path("premium")), e.premium, kind + " premium");
                assertEquals(price(ctx.path("oraclePx")), e.oraclePx, kind + " oraclePx");
                assertEquals(price(ctx.path("markPx")), e.markPx, kind + " markPx");
                assertEquals(price(ctx.path("midPx")), e.midPx, kind + " midPx");
                assertEquals(price(ctx.path("impactPxs").get(0)), e.impactBidPx, kind + " impactBidPx");
                assertEquals(price(ctx.path("impactPxs").get(1)), e.impactAskPx, kind + " impactAskPx");
            }
            case ALL_MIDS -> {
                Map<Integer, Long> mids = new HashMap<>();
                for (MarketEvent e : events) {
                    assertEquals(EventType.PERP_MID, e.type);
                    mids.put(e.tokenId, e.midPx);
                }
                assertEquals(trackedMids(), mids, "one event per tracked coin, at its recorded mid");
            }
            case JUPITER_PRICE -> {
                MarketEvent e = events.get(0);
                String mint = frame.fieldNames().next();
                assertEquals(EventType.SPOT_PRICE, e.type);
                assertEquals(registry.idByMint(mint), e.tokenId, kind + " token");
                long exact = frame.path(mint).path("usdPrice").decimalValue().movePointRight(FixedPoint.PRICE_DECIMALS)
                        .setScale(0, RoundingMode.DOWN).longValueExact();
                assertEquals((double) exact, (double) e.spotPx, 1.0, "spot within one unit of 1e-12");
                assertEquals(frame.path(mint).path("blockId").asLong(), e.blockId);
            }
            default -> throw new AssertionError("no recorded values for " + kind);
        }
    }

    private static JsonNode readExact(byte[] frame) {
        try {
            return EXACT.readTree(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long price(JsonNode text) {
        return new BigDecimal(text.asText()).movePointRight(FixedPoint.PRICE_DECIMALS).longValueExact();
    }

    private static long size(JsonNode text) {
        return new BigDecimal(text.asText()).movePointRight(FixedPoint.SIZE_DECIMALS).longValueExact();
    }
}
