package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.spread.QuoteLadder;
import io.perpspot.engine.spread.SpreadBook;
import org.junit.jupiter.api.Test;

class ExecutionModelTest {
    private final ExecutionParams params = TestParams.defaults();
    private final ExecutionModel model = new ExecutionModel(params);

    @Test
    void netEdgeIsBasisMinusEveryCostPlusCarry() {
        // Perp rich: spot at 2.10, perp mid 2.1117 → short the perp, buy spot.
        MarketSnapshot m = Markets.dydxSnapshot("2.10", "0.0000125");
        double n = 1000 * 2.10;
        ExecutionEstimate e = model.estimate(m, Direction.SHORT_PERP_LONG_SPOT, n, 8);
        double q = 1000;
        assertEquals(q, e.quantity(), 1e-9);
        // Perp entry: sell 1000 into the bids (hand walk as in BookWalkTest).
        double perpIn = (134.4 * 2.111 + 141.1 * 2.1105 + 125.8 * 2.1104 + 598.7 * 2.1081) / 1000;
        assertEquals(perpIn, e.perpEntry().price(), 1e-12);
        assertEquals(PriceSource.BOOK, e.perpEntry().source());
        // Spot: no ladder → square-root impact on Jupiter's liquidity figure ($5M): 0.7·sqrt(2100/5e6).
        double s = 0.7 * Math.sqrt(n / 5_000_000.0);
        assertEquals(s * 10_000, e.spotEntry().slippageBps(), 1e-9);
        assertEquals(PriceSource.MODEL, e.spotEntry().source());
        double spotIn = 2.10 * (1 + s);
        double spotOut = 2.10 * (1 - s);
        double perpOut = (352.3 * 2.1124 + 364.9 * 2.1125 + 282.8 * 2.1128) / 1000;
        double mid = (2.111 + 2.1124) / 2;
        double sp = (perpOut - mid) / mid;

        double entry = q * (perpIn - spotIn);
        double exit = q * (spotOut - 2.10 * (1 + sp)); // exit basis: no history → 0
        double fees = (2 * 4.5 + 2 * 0.0) / 10_000 * n;
        double gas = 2 * (5000 + 100_000) * 1e-9 * 150.0;
        double carry = 0.0000125 * 8 * n; // short perp receives positive funding
        double net = entry + exit - fees - gas + carry;
        assertEquals(net, e.netEdgeUsd(), 1e-9);
        assertEquals(net / n * 10_000, e.netEdgeBps(), 1e-9);
        assertEquals(carry / n * 10_000, e.fundingCarryBps(), 1e-12);
        assertEquals(gas, e.gasUsd(), 1e-15);
        assertEquals((perpIn - spotIn) / spotIn * 10_000, e.executableBasisBps(), 1e-9);
        assertEquals(e.grossEdgeBps() - e.totalCostBps(), e.netEdgeBps(), 1e-9);
    }

    @Test
    void fundingCarryIsSignAwarePerDirection() {
        MarketSnapshot m = Markets.dydxSnapshot("2.1117", "0.0001");
        ExecutionEstimate shortPerp = model.estimate(m, Direction.SHORT_PERP_LONG_SPOT, 1000, 10);
        ExecutionEstimate longPerp = model.estimate(m, Direction.LONG_PERP_SHORT_SPOT, 1000, 10);
        assertEquals(10.0, shortPerp.fundingCarryBps(), 1e-9); // 1 bp/h × 10 h received
        assertEquals(-10.0, longPerp.fundingCarryBps(), 1e-9); // paid
        MarketSnapshot negative = Markets.dydxSnapshot("2.1117", "-0.0001");
        assertEquals(-10.0, model.estimate(negative, Direction.SHORT_PERP_LONG_SPOT, 1000, 10).fundingCarryBps(), 1e-9);
    }

    @Test
    void theLadderPricesTheSpotLegWhenItHasRungs() {
        SpreadBook b = Markets.dydx("2.10", "0");
        QuoteLadder l = new QuoteLadder();
        l.put(QuoteSide.BUY, Markets.usd("1000"), Markets.px("2.101"), 476, Markets.T0);
        l.put(QuoteSide.BUY, Markets.usd("10000"), Markets.px("2.11"), 4761, Markets.T0);
        l.put(QuoteSide.SELL, Markets.usd("1000"), Markets.px("2.099"), 476, Markets.T0);
        l.put(QuoteSide.SELL, Markets.usd("10000"), Markets.px("2.09"), 4761, Markets.T0);
        MarketSnapshot m = MarketSnapshot.of("DYDX", b, l, 150);
        ExecutionEstimate e = model.estimate(m, Direction.SHORT_PERP_LONG_SPOT, 5500, 0);
        assertEquals(PriceSource.LADDER, e.spotEntry().source());
        assertEquals(2.101 + (2.11 - 2.101) * 0.5, e.spotEntry().price(), 1e-12);
        assertEquals(2.099 + (2.09 - 2.099) * 0.5, e.spotExit().price(), 1e-12);
    }

    @Test
    void legQuoteOfEachVenuePricesExactlyLikeTheEstimate() {
        SpreadBook b = Markets.dydx("2.10", "0");
        QuoteLadder l = new QuoteLadder();
        l.put(QuoteSide.BUY, Markets.usd("1000"), Markets.px("2.101"), 476, Markets.T0);
        l.put(QuoteSide.BUY, Markets.usd("10000"), Markets.px("2.11"), 4761, Markets.T0);
        MarketSnapshot m = MarketSnapshot.of("DYDX", b, l, 150);
        ExecutionEstimate e = model.estimate(m, Direction.SHORT_PERP_LONG_SPOT, 5500, 0);
        LegQuote perpSell = model.legQuote(m, true, false, 5500);
        LegQuote spotBuy = model.legQuote(m, false, true, 5500);
        assertEquals(e.perpEntry().price(), perpSell.price(), 1e-12);
        assertEquals(e.perpEntry().slippageBps(), perpSell.slippageBps(), 1e-9);
        assertEquals(PriceSource.LADDER, spotBuy.source());
        assertEquals(2.101 + (2.11 - 2.101) * 0.5, spotBuy.price(), 1e-12);
        assertEquals(e.spotEntry().slippageBps(), spotBuy.slippageBps(), 1e-9);
        assertEquals(SlippageBand.of(spotBuy.slippageBps()), spotBuy.band());
        assertNull(model.legQuote(m, true, true, 1e12), "beyond the book's depth: no quote");
        ExecutionException bad = assertThrows(ExecutionException.class, () -> model.legQuote(m, true, true, 0));
        assertTrue(bad.getMessage().contains("size"), bad.getMessage());
    }

    @Test
    void legSlippageIsTheQuotesOrInfinityBeyondTheDepthOrNaNWithoutAPrice() {
        MarketSnapshot m = Markets.dydxSnapshot("2.10", "0");
        assertEquals(model.legQuote(m, true, false, 5500).slippageBps(), model.legSlippageBps(m, true, false, 5500));
        assertEquals(Double.POSITIVE_INFINITY, model.legSlippageBps(m, true, true, 1e12), "beyond the book's depth");
        assertTrue(Double.isNaN(model.legSlippageBps(null, true, true, 1000)), "no state yet");
        MarketSnapshot noSpot = MarketSnapshot.of("DYDX", new SpreadBook(10), null, 150);
        assertTrue(Double.isNaN(model.legSlippageBps(noSpot, false, true, 1000)), "no spot price");
    }

    @Test
    void withoutABookThePerpLegUsesTopOfBookAndTheImpactModel() {
        SpreadBook b = new SpreadBook(10);
        MarketEvent bbo = new MarketEvent();
        bbo.type = EventType.PERP_BBO;
        bbo.bidPx = Markets.px("100");
        bbo.askPx = Markets.px("100.02");
        b.apply(bbo);
        MarketEvent sp = new MarketEvent();
        sp.type = EventType.SPOT_PRICE;
        sp.spotPx = Markets.px("100");
        b.apply(sp);
        ExecutionModel ac = new ExecutionModel(TestParams.with("execution.impact.model=almgren-chriss",
                "execution.impact.default-depth-usd=100000000"));
        ExecutionEstimate e = ac.estimate(MarketSnapshot.of("X", b, null, Double.NaN), Direction.LONG_PERP_SHORT_SPOT,
                10_000, 0);
        // permanent 0.3·(1e4/1e8) + temporary 0.6·sqrt(1e4/1e8), in bps: 0.3 + 60
        double impact = 0.3 * 1e-4 + 0.6 * 0.01;
        assertEquals(PriceSource.MODEL, e.perpEntry().source());
        assertEquals(100.02 * (1 + impact), e.perpEntry().price(), 1e-9);
        assertEquals(SlippageBand.ORANGE, e.perpEntry().band());
    }

    @Test
    void impactModelsAndTheirClamp() {
        ImpactModel sqrt = new ImpactModel(ImpactModel.Kind.SQRT, 0.7, 0.3, 0.6, 0.5, 500);
        assertEquals(70.0, sqrt.slippageBps(10_000, 100_000_000), 1e-9);
        assertEquals(0.5, sqrt.slippageBps(1, 1e15), 1e-12);
        assertEquals(500, sqrt.slippageBps(1e9, 1e6), 1e-12);
        ImpactModel acm = new ImpactModel(ImpactModel.Kind.ALMGREN_CHRISS, 0.7, 0.3, 0.6, 0.5, 500);
        assertEquals(0.3, acm.permanentBps(10_000, 100_000_000), 1e-12);
        assertEquals(60.0, acm.temporaryBps(10_000, 100_000_000), 1e-9);
        assertEquals(60.3, acm.slippageBps(10_000, 100_000_000), 1e-9);
    }

    @Test
    void badInputNamesTheParameter() {
        MarketSnapshot m = Markets.dydxSnapshot("2.1117", "0");
        for (double bad : new double[] {0, -5, Double.NaN, Double.POSITIVE_INFINITY}) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> model.estimate(m, Direction.SHORT_PERP_LONG_SPOT, bad, 1));
            assertEquals("size", e.parameter());
        }
        MarketSnapshot empty = MarketSnapshot.of("X", new SpreadBook(10), null, 1);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> model.estimate(empty, Direction.SHORT_PERP_LONG_SPOT, 100, 1));
        assertEquals("token", e.parameter());
        assertTrue(e.getMessage().contains("X"), e.getMessage());
    }

    @Test
    void feeTiersFollowTheSchedule() {
        assertEquals(4.5, TestParams.defaults().perpFeeBps());
        assertEquals(3.0, TestParams.with("execution.hyperliquid.fee-tier=3").perpFeeBps());
        assertEquals(0.4, TestParams.with("execution.hyperliquid.fee-tier=3", "execution.hyperliquid.order-type=maker")
                .perpFeeBps());
        assertEquals(2.0, TestParams.with("strategy.fees.jupiter-platform-bps=2").spotFeeBps());
    }
}
