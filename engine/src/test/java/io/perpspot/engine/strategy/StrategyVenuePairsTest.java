package io.perpspot.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three bases per token: the fold keeps perp-jupiter, perp-hlspot and hlspot-jupiter apart (own windows, z, snapshots
 * and signals), prices each pair's legs and costs exactly, and carries the third venue through state snapshots.
 */
class StrategyVenuePairsTest {
    private static final long S = 1_000_000_000L;
    private static final long UNIT = FixedPoint.PRICE_SCALE;
    private static final long SPOT = 100L * UNIT;
    private static final long TICK = UNIT / 100; // 0.01
    private static final String SETTINGS = """
            strategy.zscore.window=20
            strategy.zscore.sample-interval=1s
            strategy.zscore.min-samples=10
            strategy.entry.min-abs-z=2.0
            strategy.entry.min-net-edge-bps=10
            strategy.fees.hyperliquid-taker-bps=4.5
            strategy.fees.jupiter-platform-bps=0
            strategy.fees.hyperliquid-spot-taker-bps=7
            strategy.transfer.cost-bps=5
            strategy.transfer.deposit-delay=1m
            strategy.transfer.withdrawal-delay=10m
            strategy.transfer.risk-sigmas=1
            strategy.max-spot-age=1h
            strategy.max-perp-age=15s
            strategy.snapshot-interval=1s
            strategy.opportunity-interval=5s
            """;
    private static final double[] BASELINE = {10, 12, 8, 11, 9};

    private final List<OutputRecord> out = new ArrayList<>();
    private Strategy strategy;
    private long index;

    @BeforeEach
    void setUp() {
        strategy = new Strategy(r -> {
            OutputRecord c = new OutputRecord();
            c.type = r.type;
            c.pair = r.pair;
            c.tokenId = r.tokenId;
            c.timeNanos = r.timeNanos;
            c.spotPx = r.spotPx;
            c.perpBid = r.perpBid;
            c.perpAsk = r.perpAsk;
            c.perpMid = r.perpMid;
            c.basisBps = r.basisBps;
            c.z = r.z;
            c.samples = r.samples;
            c.direction = r.direction;
            c.perpPx = r.perpPx;
            c.grossBps = r.grossBps;
            c.netBps = r.netBps;
            c.feesBps = r.feesBps;
            c.rejectReason = r.rejectReason;
            out.add(c);
        });
        feed(EngineEvents.engineStart(new MarketEvent(), SETTINGS, 0));
        feed(EngineEvents.tokenDef(new MarketEvent(), Fixtures.shippedTokens().get(0), 0));
    }

    private void feed(MarketEvent e) {
        e.journalIndex = index++;
        strategy.onEvent(e);
    }

    private static MarketEvent jupiter(long t, long px) {
        MarketEvent e = new MarketEvent();
        e.type = EventType.SPOT_PRICE;
        e.source = Source.JUPITER_PRICE;
        e.tokenId = 0;
        e.recvNanos = t;
        e.spotPx = px;
        return e;
    }

    /** A top of book one tick either side of a mid {@code bps} above 100.00, from {@code source}. */
    private static MarketEvent bbo(int source, long t, double bps) {
        long mid = SPOT + Math.round(bps * UNIT / 100);
        MarketEvent e = new MarketEvent();
        e.type = EventType.PERP_BBO;
        e.source = source;
        e.tokenId = 0;
        e.recvNanos = t;
        e.bidPx = mid - TICK;
        e.askPx = mid + TICK;
        e.bidSz = FixedPoint.SIZE_SCALE;
        e.askSz = FixedPoint.SIZE_SCALE;
        return e;
    }

    private static MarketEvent perp(long t, double bps) {
        return bbo(Source.HL_WS_MAINNET, t, bps);
    }

    private static MarketEvent hlSpot(long t, double bps) {
        return bbo(Source.HL_SPOT, t, bps);
    }

    private List<OutputRecord> of(int type, int pair) {
        return out.stream().filter(r -> r.type == type && r.pair == pair).toList();
    }

    private static double bps(long a, long b) {
        return (double) (a - b) / b * 10_000.0;
    }

    @Test
    void eachEventMovesOnlyThePairsOfItsVenueWithExactBases() {
        feed(jupiter(0, SPOT));
        feed(perp(S, 10));
        assertEquals(1, out.size(), "a perp price with Jupiter's: perp-jupiter only");
        assertEquals(VenuePair.PERP_JUPITER, out.get(0).pair);
        out.clear();

        feed(hlSpot(S + 1, 0));
        assertEquals(2, out.size(), "Hyperliquid spot moves perp-hlspot and hlspot-jupiter, in pair order");
        OutputRecord carry = out.get(0);
        OutputRecord spotSpot = out.get(1);
        long perpMid = SPOT + 10 * UNIT / 100;
        assertEquals(VenuePair.PERP_HLSPOT, carry.pair);
        assertEquals(SPOT, carry.spotPx, "leg B: Hyperliquid spot's mid");
        assertEquals(perpMid, carry.perpMid, "leg A: the perp");
        assertEquals(bps(perpMid, SPOT), carry.basisBps);
        assertEquals(VenuePair.HLSPOT_JUPITER, spotSpot.pair);
        assertEquals(SPOT - TICK, spotSpot.perpBid, "leg A: Hyperliquid spot's bid");
        assertEquals(SPOT + TICK, spotSpot.perpAsk);
        assertEquals(SPOT, spotSpot.spotPx, "leg B: Jupiter");
        assertEquals(0.0, spotSpot.basisBps);
        SpreadBook b = strategy.book(0);
        assertEquals(perpMid - TICK, b.perpBid, "the perp's book is not moved by Hyperliquid spot");
        assertEquals(1, b.pair(VenuePair.PERP_HLSPOT).basis.count());
        assertEquals(1, b.pair(VenuePair.PERP_JUPITER).basis.count(), "its own window");
    }

    @Test
    void aRichPerpSignalsOnBothPerpPairsEachWithItsOwnCosts() {
        feed(jupiter(0, SPOT));
        for (int k = 1; k <= 20; k++) {
            feed(hlSpot(k * S, 0));
            feed(perp(k * S + 1, BASELINE[k % 5]));
        }
        out.clear();
        feed(perp(21 * S, 80));
        List<OutputRecord> opps = out.stream().filter(r -> r.type == OutputType.OPPORTUNITY).toList();
        assertEquals(2, opps.size(), opps.toString());
        OutputRecord cross = opps.get(0);
        OutputRecord carry = opps.get(1);
        long perpBid = SPOT + 80 * UNIT / 100 - TICK;
        assertEquals(VenuePair.PERP_JUPITER, cross.pair);
        assertEquals(9.0, cross.feesBps, "2 x (4.5 + 0)");
        assertEquals(VenuePair.PERP_HLSPOT, carry.pair);
        assertEquals(OutputRecord.SHORT_PERP_LONG_SPOT, carry.direction);
        assertEquals(perpBid, carry.perpPx, "sell the perp at its bid");
        assertEquals(SPOT + TICK, carry.spotPx, "buy Hyperliquid spot at its ask");
        assertEquals(bps(perpBid, SPOT + TICK), carry.grossBps);
        assertEquals(23.0, carry.feesBps, "2 x (4.5 perp + 7 spot)");
        assertEquals(carry.grossBps - 23.0, carry.netBps);
        assertEquals("short-perp/long-hlspot", VenuePair.directionName(carry.direction, carry.pair));
        assertEquals(1, strategy.opportunitiesOfPair(VenuePair.PERP_HLSPOT));
        assertEquals(0, strategy.opportunitiesOfPair(VenuePair.HLSPOT_JUPITER), "Hyperliquid spot did not move");
    }

    @Test
    void spotAgainstSpotPaysTheTransferAndThePriceRiskOfItsDelay() {
        for (int k = 1; k <= 20; k++) {
            feed(jupiter(k * S, SPOT));
            feed(perp(k * S + 1, BASELINE[k % 5]));
            feed(hlSpot(k * S + 2, BASELINE[(k + 2) % 5] - 10));
        }
        out.clear();
        feed(hlSpot(21 * S, 80));
        List<OutputRecord> opps = of(OutputType.OPPORTUNITY, VenuePair.HLSPOT_JUPITER);
        assertEquals(1, opps.size(), out.toString());
        OutputRecord o = opps.get(0);
        long hlBid = SPOT + 80 * UNIT / 100 - TICK;
        assertEquals(OutputRecord.SHORT_PERP_LONG_SPOT, o.direction);
        assertEquals("short-hlspot/long-jupiter", VenuePair.directionName(o.direction, o.pair));
        assertEquals(hlBid, o.perpPx, "sell Hyperliquid spot at its bid");
        assertEquals(SPOT, o.spotPx, "buy on Jupiter at its price");
        double vol = strategy.book(0).midVolatility.perSqrtSecond();
        assertTrue(vol > 0, "the perp mid moved every second: " + vol);
        // Bought on Jupiter, deposited to Hyperliquid to be sold there: the deposit delay, 60 s.
        double risk = VenuePair.transferRiskBps(1, vol, 60 * S);
        assertEquals(2 * 7.0 + 5.0 + risk, o.feesBps, "fees, Unit's cost and 1 sigma over the delay");
        assertEquals(bps(hlBid, SPOT) - o.feesBps, o.netBps);
        assertTrue(risk > 1, "the delay is never free: " + risk);
    }

    @Test
    void noMeasuredVolatilityIsNoEvidenceOfACalmTransfer() {
        // No perp at all: the volatility of the delay is unknown, so spot-against-spot never signals.
        for (int k = 1; k <= 20; k++) {
            feed(jupiter(k * S, SPOT));
            feed(hlSpot(k * S + 2, BASELINE[k % 5] - 10));
        }
        feed(hlSpot(21 * S + 2, 200));
        List<OutputRecord> spreads = of(OutputType.SPREAD, VenuePair.HLSPOT_JUPITER);
        assertTrue(spreads.get(spreads.size() - 1).z > 2, "the dislocation is there");
        assertTrue(of(OutputType.OPPORTUNITY, VenuePair.HLSPOT_JUPITER).isEmpty(), out.toString());
    }

    @Test
    void aStaleHyperliquidSpotBookIsNoSampleForItsPairs() {
        feed(jupiter(0, SPOT));
        feed(hlSpot(S, 0));
        for (int k = 2; k <= 30; k++) {
            feed(perp(k * S, BASELINE[k % 5]));
        }
        // Hyperliquid spot is held to max-perp-age (15 s): after 16 s its pairs take no more samples.
        assertEquals(15, strategy.book(0).pair(VenuePair.PERP_HLSPOT).basis.count());
        assertEquals(20, strategy.book(0).pair(VenuePair.PERP_JUPITER).basis.count(), "Jupiter's age is 1 h: full");
    }

    @Test
    void aJournalOfTheReleaseBeforeTheThirdVenueFoldsNoHyperliquidSpot() {
        String before = SETTINGS.lines().filter(l -> !l.contains("hyperliquid-spot") && !l.contains("transfer"))
                .collect(Collectors.joining("\n"));
        feed(EngineEvents.engineStart(new MarketEvent(), before, 0));
        feed(EngineEvents.tokenDef(new MarketEvent(), Fixtures.shippedTokens().get(0), 0));
        assertFalse(strategy.settings().threeVenues(), "its EngineStart names no Hyperliquid spot fee");
        out.clear();
        feed(jupiter(0, SPOT));
        feed(perp(S, 10));
        feed(hlSpot(S + 1, 0));
        assertEquals(1, out.size(), "what that release derived: perp-jupiter only, " + out);
        assertEquals(FixedPoint.NULL, strategy.book(0).hlSpotMid, "the book has no Hyperliquid spot leg");
        assertTrue(StrategySettings.fromText(SETTINGS).threeVenues());
    }

    @Test
    void stateSnapshotsCarryTheThirdVenueAndVersion1StillReads() {
        feed(jupiter(0, SPOT));
        for (int k = 1; k <= 12; k++) {
            feed(perp(k * S, BASELINE[k % 5]));
        }
        Bytes<byte[]> v1 = Bytes.allocateElasticOnHeap(4096);
        strategy.writeState(v1, 2);
        assertEquals(1, v1.readUnsignedShort(0), "an output record of v2 carries state version 1");
        Bytes<byte[]> v2 = Bytes.allocateElasticOnHeap(4096);
        strategy.writeState(v2);
        assertEquals(Strategy.STATE_VERSION, v2.readUnsignedShort(0));

        Strategy restored = new Strategy(r -> {
        });
        restored.readState(v1);
        Bytes<byte[]> again = Bytes.allocateElasticOnHeap(4096);
        restored.writeState(again);
        assertArrayEquals(v2.toByteArray(), again.toByteArray(), "a version-1 state reads to the same state");

        feed(hlSpot(13 * S, 0));
        assertThrows(IllegalStateException.class, () -> strategy.writeState(Bytes.allocateElasticOnHeap(64), 2),
                "version 1 cannot hold a Hyperliquid spot leg");
        Bytes<byte[]> withSpot = Bytes.allocateElasticOnHeap(4096);
        strategy.writeState(withSpot);
        byte[] written = withSpot.toByteArray();
        Strategy back = new Strategy(r -> {
        });
        back.readState(withSpot);
        assertEquals(SPOT, back.book(0).hlSpotMid);
        assertEquals(1, back.book(0).pair(VenuePair.HLSPOT_JUPITER).basis.count());
        Bytes<byte[]> twice = Bytes.allocateElasticOnHeap(4096);
        back.writeState(twice);
        assertArrayEquals(written, twice.toByteArray());
    }

    @Test
    void recordsOfVersion3CarryThePairAndOlderLayoutsRefuseOne() {
        OutputRecord r = new OutputRecord();
        r.reset();
        r.type = OutputType.OPPORTUNITY;
        r.tokenId = 3;
        r.pair = VenuePair.HLSPOT_JUPITER;
        r.direction = OutputRecord.LONG_PERP_SHORT_SPOT;
        r.rejectReason = OutputRecord.GATE_STALE_SPOT;
        Bytes<byte[]> b = Bytes.allocateElasticOnHeap(128);
        OutputCodec.write(r, b);
        OutputRecord back = new OutputRecord();
        OutputCodec.read(b, 7, back);
        assertEquals(3, back.version);
        assertEquals(VenuePair.HLSPOT_JUPITER, back.pair);
        assertEquals(OutputRecord.GATE_STALE_SPOT, back.rejectReason);

        r.version = 2;
        assertThrows(IllegalArgumentException.class, () -> OutputCodec.write(r, Bytes.allocateElasticOnHeap(128)));
        r.pair = VenuePair.PERP_JUPITER;
        Bytes<byte[]> old = Bytes.allocateElasticOnHeap(128);
        OutputCodec.write(r, old);
        assertEquals(b.writePosition() - 4, old.writePosition(), "version 2: no pair field");
        OutputCodec.read(old, 8, back);
        assertEquals(2, back.version);
        assertEquals(VenuePair.PERP_JUPITER, back.pair);

        b.writeInt(b.writePosition() - 4, 9);
        b.readPosition(0);
        var e = assertThrows(JournalFormatException.class,
                () -> OutputCodec.read(b, 7, new OutputRecord()));
        assertTrue(e.getMessage().contains("unknown venue pair 9"), e.getMessage());
    }
}
