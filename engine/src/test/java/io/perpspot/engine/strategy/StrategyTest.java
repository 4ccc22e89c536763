package io.perpspot.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The strategy fold against closed-form answers: basis, rolling Z, edges, throttling, determinism. */
class StrategyTest {
    private static final long S = 1_000_000_000L;
    private static final long SPOT = 100L * FixedPoint.PRICE_SCALE;
    private static final long TICK = FixedPoint.PRICE_SCALE / 100; // 0.01
    private static final String SETTINGS = """
            strategy.zscore.window=20
            strategy.zscore.sample-interval=1s
            strategy.zscore.min-samples=10
            strategy.entry.min-abs-z=2.0
            strategy.entry.min-net-edge-bps=10
            strategy.fees.hyperliquid-taker-bps=4.5
            strategy.fees.jupiter-platform-bps=0
            strategy.max-spot-age=1h
            strategy.max-perp-age=15s
            strategy.snapshot-interval=1s
            strategy.opportunity-interval=5s
            """;

    private final List<OutputRecord> out = new ArrayList<>();
    private Strategy strategy;
    private long index;

    @BeforeEach
    void setUp() {
        strategy = new Strategy(r -> {
            OutputRecord copy = new OutputRecord();
            copy.type = r.type;
            copy.tokenId = r.tokenId;
            copy.inputIndex = r.inputIndex;
            copy.timeNanos = r.timeNanos;
            copy.spotPx = r.spotPx;
            copy.perpBid = r.perpBid;
            copy.perpAsk = r.perpAsk;
            copy.perpMid = r.perpMid;
            copy.basisBps = r.basisBps;
            copy.z = r.z;
            copy.mean = r.mean;
            copy.std = r.std;
            copy.samples = r.samples;
            copy.direction = r.direction;
            copy.perpPx = r.perpPx;
            copy.grossBps = r.grossBps;
            copy.netBps = r.netBps;
            copy.feesBps = r.feesBps;
            copy.rejectReason = r.rejectReason;
            out.add(copy);
        });
        feed(EngineEvents.engineStart(new MarketEvent(), SETTINGS, 0));
        feed(EngineEvents.tokenDef(new MarketEvent(), Fixtures.shippedTokens().get(0), 0));
        feed(spot(0, SPOT));
    }

    private void feed(MarketEvent e) {
        e.journalIndex = index++;
        strategy.onEvent(e);
    }

    private static MarketEvent spot(long t, long px) {
        MarketEvent e = new MarketEvent();
        e.type = EventType.SPOT_PRICE;
        e.tokenId = 0;
        e.recvNanos = t;
        e.spotPx = px;
        return e;
    }

    /** A perp BBO one tick either side of a mid that is {@code bps} above the 100.00 spot. */
    private static MarketEvent bbo(long t, double bps) {
        long mid = SPOT + Math.round(bps * FixedPoint.PRICE_SCALE / 100);
        MarketEvent e = new MarketEvent();
        e.type = EventType.PERP_BBO;
        e.tokenId = 0;
        e.recvNanos = t;
        e.bidPx = mid - TICK;
        e.askPx = mid + TICK;
        e.bidSz = FixedPoint.SIZE_SCALE;
        e.askSz = FixedPoint.SIZE_SCALE;
        return e;
    }

    private List<OutputRecord> of(int type) {
        return out.stream().filter(r -> r.type == type).toList();
    }

    private static final double[] BASELINE = {10, 12, 8, 11, 9};

    @Test
    void zScoreMatchesTheClosedFormOverTheWindow() {
        List<Double> window = new ArrayList<>();
        for (int k = 1; k <= 30; k++) {
            double b = BASELINE[k % BASELINE.length];
            feed(bbo(k * S, b));
            window.add(b);
            if (window.size() > 20) {
                window.remove(0);
            }
            OutputRecord r = out.get(out.size() - 1);
            assertEquals(OutputType.SPREAD, r.type);
            assertEquals(b, r.basisBps, 1e-9);
            assertEquals(window.size(), r.samples);
            double mean = window.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double var = window.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (window.size() - 1);
            assertEquals(mean, r.mean, 1e-9);
            if (window.size() >= 10) {
                assertEquals((b - mean) / Math.sqrt(var), r.z, 1e-9, "z at k=" + k);
            } else {
                assertTrue(Double.isNaN(r.z), "no z before min-samples");
            }
        }
        assertTrue(of(OutputType.OPPORTUNITY).isEmpty(), "baseline noise is no opportunity");
    }

    @Test
    void richPerpGivesShortPerpOpportunityWithExactEdges() {
        for (int k = 1; k <= 20; k++) {
            feed(bbo(k * S, BASELINE[k % 5]));
        }
        feed(bbo(21 * S, 80));
        List<OutputRecord> opps = of(OutputType.OPPORTUNITY);
        assertEquals(1, opps.size());
        OutputRecord o = opps.get(0);
        assertEquals(OutputRecord.SHORT_PERP_LONG_SPOT, o.direction);
        assertEquals(SPOT + 80 * FixedPoint.PRICE_SCALE / 100 - TICK, o.perpPx, "sell the perp at its bid");
        assertEquals(79.0, o.grossBps, 1e-9, "80 bps mid basis minus one tick of spread");
        assertEquals(9.0, o.feesBps, 1e-12, "2 x (4.5 + 0) round trip");
        assertEquals(70.0, o.netBps, 1e-9);
        assertTrue(o.z >= 2, "z " + o.z);
        assertEquals(index - 1, o.inputIndex, "tagged with the input that caused it");
    }

    @Test
    void cheapPerpGivesLongPerpOpportunity() {
        for (int k = 1; k <= 20; k++) {
            feed(bbo(k * S, BASELINE[k % 5]));
        }
        feed(bbo(21 * S, -70));
        OutputRecord o = of(OutputType.OPPORTUNITY).get(0);
        assertEquals(OutputRecord.LONG_PERP_SHORT_SPOT, o.direction);
        assertEquals(69.0, o.grossBps, 1e-9);
        assertEquals(60.0, o.netBps, 1e-9);
        assertTrue(o.z <= -2);
    }

    /** 20 updates at +80 bps between 21.0 s and 22.9 s: z stays above 2 throughout (2.9 at 22 s). */
    private int opportunitiesWhileDislocated(String settings) {
        out.clear();
        feed(EngineEvents.engineStart(new MarketEvent(), settings, 0));
        feed(EngineEvents.tokenDef(new MarketEvent(), Fixtures.shippedTokens().get(0), 0));
        feed(spot(0, SPOT));
        for (int k = 1; k <= 20; k++) {
            feed(bbo(k * S, BASELINE[k % 5]));
        }
        for (int i = 0; i < 20; i++) {
            feed(bbo(21 * S + i * 100_000_000L, 80));
        }
        assertEquals(2, of(OutputType.SPREAD).stream().filter(r -> r.timeNanos >= 21 * S).count(),
                "spread snapshots throttled to one a second");
        return of(OutputType.OPPORTUNITY).size();
    }

    @Test
    void aPersistingSignalIsRepeatedOncePerOpportunityInterval() {
        assertEquals(1, opportunitiesWhileDislocated(SETTINGS), "5 s interval: only the start");
        assertEquals(2, opportunitiesWhileDislocated(SETTINGS.replace("opportunity-interval=5s",
                "opportunity-interval=1s")),
                "1 s interval: the start and once more a second later");
    }

    @Test
    void smallDislocationBelowFeesIsNoOpportunity() {
        for (int k = 1; k <= 20; k++) {
            feed(bbo(k * S, 0.1 * BASELINE[k % 5]));
        }
        feed(bbo(21 * S, 10)); // |z| huge but 10 - 1 - 9 = 0 bps net < 10
        assertTrue(of(OutputType.OPPORTUNITY).isEmpty());
    }

    private static MarketEvent from(MarketEvent e, int source) {
        e.source = source;
        return e;
    }

    @Test
    void aWouldBeSignalWithAFallbackPerpPriceIsRefusedAndCountedNotPublished() {
        for (int k = 1; k <= 20; k++) {
            feed(bbo(k * S, BASELINE[k % 5]));
        }
        int samples = strategy.book(0).basis.count();
        feed(from(bbo(21 * S, 80), Source.KRAKEN));
        List<OutputRecord> opps = of(OutputType.OPPORTUNITY);
        assertEquals(1, opps.size(), "one refusal record");
        assertEquals(OutputRecord.GATE_FALLBACK_SOURCE, opps.get(0).rejectReason);
        assertEquals(0, strategy.opportunities());
        assertEquals(1, strategy.refusals(OutputRecord.GATE_FALLBACK_SOURCE));
        assertEquals(samples, strategy.book(0).basis.count(), "a gated spread is no sample");
        feed(from(bbo(22 * S, 80), Source.KRAKEN));
        assertEquals(1, of(OutputType.OPPORTUNITY).size(), "refusals are throttled like opportunities");

        // Once the perp leg comes from the primary again, the same dislocation is an opportunity.
        feed(bbo(23 * S, 80));
        assertEquals(0, of(OutputType.OPPORTUNITY).get(1).rejectReason);
        assertEquals(1, strategy.opportunities());
    }

    @Test
    void aWouldBeSignalWithAStaleSpotIsRefusedAsStaleSpot() {
        feed(EngineEvents.engineStart(new MarketEvent(), SETTINGS.replace("max-spot-age=1h", "max-spot-age=10s"), 0));
        feed(EngineEvents.tokenDef(new MarketEvent(), Fixtures.shippedTokens().get(0), 0));
        out.clear();
        for (int k = 1; k <= 20; k++) {
            feed(spot(k * S, SPOT));
            feed(bbo(k * S, BASELINE[k % 5]));
        }
        feed(bbo(40 * S, 80)); // spot 20 s old > 10 s
        List<OutputRecord> opps = of(OutputType.OPPORTUNITY);
        assertEquals(1, opps.size());
        assertEquals(OutputRecord.GATE_STALE_SPOT, opps.get(0).rejectReason);
        assertEquals(1, strategy.refusals(OutputRecord.GATE_STALE_SPOT));
        assertEquals(0, strategy.opportunities());
    }

    @Test
    void spotQuotesFillTheTokensLadderAndDelistedTokensNeverSignal() {
        MarketEvent q = new MarketEvent();
        q.type = EventType.SPOT_QUOTE;
        q.tokenId = 0;
        q.recvNanos = 5 * S;
        q.quoteSide = QuoteSide.SELL;
        q.quoteNotionalUsd = 10_000 * FixedPoint.SIZE_SCALE;
        q.quotePx = 99 * FixedPoint.PRICE_SCALE;
        q.quoteImpactPpm = 150;
        feed(q);
        var ladder = strategy.book(0).ladder;
        assertEquals(1, ladder.size(QuoteSide.SELL));
        assertEquals(99 * FixedPoint.PRICE_SCALE, ladder.price(QuoteSide.SELL, 0));
        assertEquals(150, ladder.impactPpm(QuoteSide.SELL, 0));
        assertEquals(5 * S, ladder.timeNanos(QuoteSide.SELL, 0));
        assertEquals(1, strategy.quotes());

        for (int k = 1; k <= 20; k++) {
            feed(bbo(k * S, BASELINE[k % 5]));
        }
        MarketEvent def = EngineEvents.tokenDef(new MarketEvent(), Fixtures.shippedTokens().get(0).withDelisted(true),
                0);
        feed(def);
        assertEquals(1, ladder.size(QuoteSide.SELL), "a re-definition keeps the book");
        feed(bbo(21 * S, 80));
        assertTrue(of(OutputType.OPPORTUNITY).isEmpty(), "a delisted perp never signals");
    }

    @Test
    void stalePerpIsNeitherBasisNorSignal() {
        feed(bbo(1 * S, 10));
        int before = out.size();
        feed(spot(20 * S, SPOT)); // perp is 19 s old > 15 s
        assertEquals(before, out.size());
    }

    @Test
    void eventsForUndefinedTokensAreCountedAndIgnored() {
        MarketEvent e = bbo(1 * S, 10);
        e.tokenId = 7;
        feed(e);
        assertEquals(1, strategy.unknownTokenEvents());
        assertTrue(out.isEmpty());
    }

    @Test
    void engineStartForgetsDerivedState() {
        for (int k = 1; k <= 20; k++) {
            feed(bbo(k * S, BASELINE[k % 5]));
        }
        feed(EngineEvents.engineStart(new MarketEvent(), SETTINGS, 30 * S));
        assertEquals(null, strategy.book(0), "tokens must be defined again after a restart");
    }

    @Test
    void sameInputGivesByteIdenticalOutput() {
        List<MarketEvent> input = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k = 1; k <= 200; k++) {
            input.add(bbo(k * S / 2, rnd.nextDouble(-100, 100)));
            if (k % 3 == 0) {
                input.add(spot(k * S / 2 + 1, SPOT + rnd.nextLong(-TICK * 50, TICK * 50)));
            }
        }
        assertArrayEquals(run(input), run(input));
    }

    private byte[] run(List<MarketEvent> input) {
        Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        Strategy s = new Strategy(r -> OutputCodec.write(r, bytes));
        MarketEvent start = EngineEvents.engineStart(new MarketEvent(), SETTINGS, 0);
        s.onEvent(start);
        s.onEvent(EngineEvents.tokenDef(new MarketEvent(), Fixtures.shippedTokens().get(0), 0));
        long i = 0;
        for (MarketEvent e : input) {
            e.journalIndex = i++;
            s.onEvent(e);
        }
        assertTrue(s.spreads() > 0 && s.opportunities() > 0, "the input exercises both outputs");
        return bytes.toByteArray();
    }
}
