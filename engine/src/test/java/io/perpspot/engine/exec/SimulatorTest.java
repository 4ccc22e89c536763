package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.spread.SpreadBook;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private final Simulator sim = new Simulator(TestParams.defaults());
    private final Template t = new Template("DYDX test", "DYDX", 1000, Duration.ofSeconds(2), 10, 0.5, DirectionPolicy.AUTO,
            1.0, Duration.ofHours(1));

    /** A book with a minute of perp mids (for the volatility) and a basis history. */
    private static MarketSnapshot market() {
        SpreadBook b = Markets.dydx("2.10", "0.0000125");
        MarketEvent mid = new MarketEvent();
        mid.type = EventType.PERP_MID;
        for (int i = 1; i <= 60; i++) {
            mid.recvNanos = Markets.T0 + i * 1_000_000_000L;
            mid.midPx = FixedPoint.parse(i % 2 == 0 ? "2.1117" : "2.1128", FixedPoint.PRICE_DECIMALS);
            b.apply(mid);
            b.basis.add(40 + (i % 7));
        }
        return MarketSnapshot.of("DYDX", b, null, 150);
    }

    @Test
    void aRunGivesEveryFigureDefinedAndReproducible() {
        MarketSnapshot m = market();
        SimulationResult r = sim.run(t, m, 1000, 20_000, 42);
        assertEquals(Direction.SHORT_PERP_LONG_SPOT, r.estimate().direction(), "perp rich: short the perp");
        assertTrue(r.volObserved());
        // Alternating 2.1117/2.1128 every second: |log return| = ln(2.1128/2.1117) per sqrt(s).
        assertEquals(Math.log(2.1128 / 2.1117), m.volPerSqrtSecond(), 1e-12);
        for (double v : new double[] {r.pnl().mean(), r.pnl().sd(), r.pnl().p5(), r.pnl().p50(), r.pnl().p95(),
            r.risk95().historicalVar(), r.risk95().parametricVar(), r.risk95().monteCarloVar(), r.risk99().monteCarloCvar(),
            r.sharpe(), r.sortino(), r.probabilityOfProfit(), r.maxDrawdownUsd(), r.fills().executionP99Seconds()}) {
            assertTrue(Double.isFinite(v), String.valueOf(v));
        }
        assertTrue(r.pnl().p5() <= r.pnl().p50() && r.pnl().p50() <= r.pnl().p95());
        assertTrue(r.risk99().monteCarloVar() >= r.risk95().monteCarloVar());
        assertEquals(20_000, Arrays.stream(r.histogram().counts()).sum());
        assertEquals(20_000, r.fills().both() + r.fills().perpOnly() + r.fills().spotOnly() + r.fills().none());
        SimulationResult again = sim.run(t, m, 1000, 20_000, 42);
        assertEquals(r.pnl(), again.pnl());
        assertEquals(r.risk99(), again.risk99());
    }

    @Test
    void sharpeAnnualisesAtOneTradePerHoldingHorizonAndHistoricalVarIsTheWorstBasisScenario() {
        MarketSnapshot m = market();
        SimulationResult r = sim.run(t, m, 1000, 20_000, 42);
        ExecutionEstimate e = r.estimate();
        double n = e.notionalUsd();
        double rf = sim.params().riskFreeRate();
        // One trade per holding horizon: 1 h (the legs execute in seconds), so 8760 / 1 = 8760 periods a year;
        // the per-trade return is P&L / notional, its sample sd the P&L's sd / notional.
        assertEquals(1.0, e.holdingHours(), 1e-12);
        assertEquals((r.pnl().mean() / n - rf / 8760) / (r.pnl().sd() / n) * Math.sqrt(8760), r.sharpe(), 1e-9);
        // A 4 h horizon is 8760 / 4 = 2190 trades a year.
        Template four = new Template("4h", "DYDX", 1000, Duration.ofSeconds(2), 10, 0.5, DirectionPolicy.AUTO, 1.0,
                Duration.ofHours(4));
        SimulationResult r4 = sim.run(four, m, 1000, 20_000, 42);
        assertEquals((r4.pnl().mean() / n - rf / 2190) / (r4.pnl().sd() / n) * Math.sqrt(2190), r4.sharpe(), 1e-9);
        // Historical scenarios close the trade at each basis of the window (40 + i mod 7 bps) instead of its
        // mean: short the perp, each scenario is netEdge - notional x (basis - exitBasis) / 10^4. The worst is
        // the highest basis, 46 bps; with at least 4 such samples in the window they fill the 5 % tail
        // (type-7 quantile at (n - 1) x 0.05 < 3 for n <= 60), so VaR = CVaR = -(that scenario) at 95 and 99 %.
        assertEquals(Direction.SHORT_PERP_LONG_SPOT, e.direction());
        double[] window = m.basisHistoryBps();
        assertTrue(window.length <= 60 && Arrays.stream(window).filter(b -> b == 46).count() >= 4,
                Arrays.toString(window));
        double worst = e.netEdgeUsd() - n * (46 - e.exitBasisBps()) / 10_000;
        assertEquals(-worst, r.risk95().historicalVar(), 1e-9);
        assertEquals(-worst, r.risk95().historicalCvar(), 1e-9);
        assertEquals(-worst, r.risk99().historicalVar(), 1e-9);
    }

    @Test
    void theRiskMultiplierScalesTheVolatility() {
        MarketSnapshot m = market();
        Template stressed = new Template("s", "DYDX", 1000, Duration.ofSeconds(2), 10, 0.5, DirectionPolicy.AUTO, 3.0, null);
        assertEquals(3 * sim.run(t, m, 1000, 1000, 1).volPerSqrtSecond(), sim.run(stressed, m, 1000, 1000, 1).volPerSqrtSecond(),
                1e-15);
    }

    @Test
    void withoutEnoughReturnsTheFallbackVolatilityIsUsed() {
        SimulationResult r = sim.run(t, Markets.dydxSnapshot("2.10", "0"), 1000, 1000, 1);
        assertFalse(r.volObserved());
        assertEquals(0.8 / Math.sqrt(ExecutionParams.SECONDS_PER_YEAR), r.volPerSqrtSecond(), 1e-15);
        assertTrue(Double.isNaN(r.risk95().historicalVar()), "no basis history: undefined, not made up");
    }

    @Test
    void badInputNamesTheParameter() {
        MarketSnapshot m = market();
        assertEquals("paths", assertThrows(ExecutionException.class, () -> sim.run(t, m, 1000, 0, 1)).parameter());
        assertEquals("size", assertThrows(ExecutionException.class, () -> sim.run(t, m, -1, 10, 1)).parameter());
        Template eth = new Template("e", "ETH", 1000, Duration.ofSeconds(2), 10, 0.5, DirectionPolicy.AUTO, 1, null);
        assertEquals("template", assertThrows(ExecutionException.class, () -> sim.run(eth, m, 1000, 10, 1)).parameter());
    }
}
