package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.spread.PerpDepth;
import io.perpspot.engine.spread.QuoteLadder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The playbook on hand-made market states: its prices are the execution model's, its choices follow the rules. */
class PlaybookPlannerTest {
    /** 2025-01-15T12:20:00Z. */
    static final long STATE_NANOS = 1_736_943_600_000_000_000L;
    static final Template TEMPLATE = new Template("Test", "TST", 1000, Duration.ofSeconds(2), 30, 0.5,
            DirectionPolicy.AUTO, 1.0, Duration.ofHours(8));
    final ExecutionParams params = TestParams.defaults();
    final PlaybookPlanner planner = new PlaybookPlanner(params);
    final ExecutionModel model = new ExecutionModel(params);

    /** A perp at 100.5 (bid/ask 100.49/100.51, {@code usdPerLevel} per level, {@code stepBps} apart), spot 100. */
    static MarketSnapshot state(double usdPerLevel, double stepBps) {
        PerpDepth d = new PerpDepth();
        long[] bids = new long[5];
        long[] asks = new long[5];
        long[] sizes = new long[5];
        for (int i = 0; i < 5; i++) {
            bids[i] = (long) (100.49 * (1 - i * stepBps / 1e4) * FixedPoint.PRICE_SCALE);
            asks[i] = (long) (100.51 * (1 + i * stepBps / 1e4) * FixedPoint.PRICE_SCALE);
            sizes[i] = (long) (usdPerLevel / 100.5 * FixedPoint.SIZE_SCALE);
        }
        d.set(PerpDepth.BID, bids, sizes, 5, STATE_NANOS);
        d.set(PerpDepth.ASK, asks, sizes, 5, STATE_NANOS);
        QuoteLadder l = new QuoteLadder();
        for (double usd : new double[] {1_000, 10_000, 100_000}) {
            long n = (long) (usd * FixedPoint.SIZE_SCALE);
            l.put(QuoteSide.BUY, n, (long) (100 * (1 + 2e-4) * FixedPoint.PRICE_SCALE), 0, STATE_NANOS);
            l.put(QuoteSide.SELL, n, (long) (100 * (1 - 2e-4) * FixedPoint.PRICE_SCALE), 0, STATE_NANOS);
        }
        return new MarketSnapshot("TST", d, l, 100.49, 100.51, 100.5, 100.0, 0.0000125, Double.NaN, 0, 1e6, 1e8,
                new double[] {10, 20, 30}, 150.0, STATE_NANOS);
    }

    @Test
    void legPricesAreTheExecutionModelsLegQuotesAndTheUnwindIsTheOppositeSide() {
        MarketSnapshot m = state(50_000, 1);
        Playbook pb = planner.plan(m, Direction.SHORT_PERP_LONG_SPOT, 1000, TEMPLATE, 77, 66);
        Playbook.Leg perp = pb.legs().stream().filter(l -> l.venue().equals("hyperliquid")).findFirst().orElseThrow();
        Playbook.Leg spot = pb.legs().stream().filter(l -> l.venue().equals("jupiter")).findFirst().orElseThrow();
        assertEquals(model.legQuote(m, true, false, 1000).price(), perp.price());
        assertEquals(model.legQuote(m, false, true, 1000).price(), spot.price());
        assertEquals("sell perp", perp.action());
        assertEquals("buy spot", spot.action());
        assertEquals("book", perp.priceSource());
        assertEquals("ladder", spot.priceSource());
        assertTrue(perp.limitPrice() < perp.price() && spot.limitPrice() > spot.price(), "limits against the trade");
        assertEquals(1000 / 100.0, pb.quantity(), 1e-12);
        // the default latencies: Hyperliquid p99 800 ms, Solana 4 s; both deep: the slower (Jupiter) first
        assertEquals("jupiter", pb.legs().get(0).venue());
        assertEquals(1, pb.legs().get(0).step());
        assertTrue(pb.firstLegReason().contains("slower"), pb.firstLegReason());
        assertEquals(4000, spot.fillP99Ms(), 4000 * 0.05);
        assertEquals(800, spot.fillP50Ms(), 800 * 0.05);
        // if the perp fails, the bought spot is sold back on Jupiter at its sell side at the size
        assertEquals(model.legQuote(m, false, false, 1000).price(), pb.oneLegRisk().unwindPrice());
        assertTrue(pb.oneLegRisk().unwindCostUsd() > 0 && pb.oneLegRisk().riskUsd99() > pb.oneLegRisk()
                .unwindCostUsd());
        assertEquals(77, pb.derivedFrom().journalIndex());
        assertEquals(66, pb.derivedFrom().inputIndex());
        assertEquals(STATE_NANOS / 1_000_000, pb.derivedFrom().stateTimeMs());
        assertEquals(pb, planner.plan(m, Direction.SHORT_PERP_LONG_SPOT, 1000, TEMPLATE, 77, 66), "deterministic");
    }

    @Test
    void theLessLiquidVenueGoesFirstWhenOnlyItIsThin() {
        // $200 a level 40 bps apart: the perp takes about $550 within 50 bps; the ladder takes $100k+
        MarketSnapshot m = state(200, 40);
        Playbook pb = planner.plan(m, Direction.SHORT_PERP_LONG_SPOT, 300, TEMPLATE, 1, 1);
        assertEquals("jupiter", pb.legs().get(0).venue(), "$300 fits the thin book: the slower venue first");
        Playbook thin = planner.plan(m, Direction.SHORT_PERP_LONG_SPOT, 900, TEMPLATE, 1, 1);
        Playbook.Leg perp = thin.legs().get(0);
        assertEquals("hyperliquid", perp.venue(), thin.firstLegReason());
        assertTrue(perp.bandDepthUsd() < 900 && perp.bandDepthUsd() > 300, "depth within 50 bps " + perp
                .bandDepthUsd());
        assertTrue(model.legQuote(m, true, false, perp.bandDepthUsd()).slippageBps() <= 50);
        assertTrue(model.legQuote(m, true, false, perp.bandDepthUsd() * 1.01).slippageBps() > 50);
        assertTrue(thin.firstLegReason().contains("less liquid"), thin.firstLegReason());
    }

    @Test
    void fundingTimingCountsTheHourlySettlementsOverTheHorizon() {
        Playbook pb = planner.plan(state(50_000, 1), Direction.SHORT_PERP_LONG_SPOT, 1000, TEMPLATE, 1, 1);
        Playbook.Funding f = pb.funding();
        assertEquals(40.0, f.minutesToNextSettlement(), 1e-9, "12:20 -> 13:00");
        assertEquals(STATE_NANOS / 1_000_000 + 40 * 60_000, f.nextSettlementMs());
        assertEquals(8, f.settlementsInHorizon(), "13:00 .. 20:00 within 12:20 + 8 h");
        // a short perp receives a positive rate: 0.00125 %/h x 8 h x $1000
        assertEquals(0.0000125 * 8 * 1000, f.carryUsd(), 1e-9);
        assertEquals(f.carryUsd(), f.settledCarryUsd(), 1e-9);
        assertTrue(pb.exit().rule().contains("20.00 bps"), pb.exit().rule());
    }
}
