package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.spread.SpreadBook;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private final Simulator sim = new Simulator(TestParams.defaults());
    private final Template t =
            new Template("DYDX test", "DYDX", 1000, Duration.ofSeconds(2), 10, 0.5, DirectionPolicy.AUTO,
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
            r.risk95().historicalVar(), r.risk95().parametricVar(), r.risk95().monteCarloVar(),
            r.risk99().monteCarloCvar(),
            r.sharpe(), r.sortino(), r.probabilityOfProfit(), r.maxDrawdownUsd(), r.fills().executionP99Seconds()}) {
            assertTrue(Double.isFinite(v), String.valueOf(v));
        }
        assertTrue(r.pnl().p5() <= r.pnl().p50() && r.pnl().p50() <= r.pnl().p95());
        assertTrue(r.risk99().monteCarloVar() >= r.risk95().monteCarloVar());
        // Legs within 2 s, held 1 h: one trade an hour, 8760 a year.
        assertEquals(sharpe(r.pnl().mean(), r.pnl().sd(), 1000, 8760), r.sharpe(), 1e-9 * Math.abs(r.sharpe()));
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
        Template stressed = new Template("s", "DYDX", 1000, Duration.ofSeconds(2), 10, 0.5, DirectionPolicy.AUTO, 3.0,
                null);
        assertEquals(3 * sim.run(t, m, 1000, 1000, 1).volPerSqrtSecond(),
                sim.run(stressed, m, 1000, 1000, 1).volPerSqrtSecond(),
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
        assertEquals("template", assertThrows(ExecutionException.class, () -> sim.run(eth, m, 1000, 10, 1))
                .parameter());
    }

    /**
     * Historical scenarios close the trade at each basis of the window instead of its mean.
     * Window {30, 40, 50, 60, 120} bps: exit basis 60. For $1000 a close at b changes the net
     * edge by −sign·1000·(b − 60)/10⁴ = −sign·(b − 60)/10 USD.
     * <ul>
     * <li>Short the perp (sign +1): +3, +2, +1, 0, −6; ascending net − 6, net, net + 1, net + 2,
     *     net + 3. 5 % quantile (type 7): h = 4·0.05 = 0.2 → net − 6 + 0.2·6 = net − 4.8, so
     *     VaR95 = 4.8 − net; 1 %: h = 0.04 → net − 5.76, VaR99 = 5.76 − net; CVaR at both
     *     levels: the one sample at or below the cut, 6 − net.</li>
     * <li>Long the perp (sign −1): −3, −2, −1, 0, +6; ascending net − 3, net − 2, ...; 5 %:
     *     net − 3 + 0.2 = net − 2.8, VaR95 = 2.8 − net; 1 %: VaR99 = 2.96 − net; CVaR 3 − net.</li>
     * </ul>
     */
    @Test
    void historicalVarClosesTheTradeAtEachBasisOfTheWindow() {
        MarketSnapshot m = withBasis(market(), 120, 30, 60, 40, 50);
        SimulationResult shortPerp = sim.run(t, m, 1000, 2000, 3);
        assertEquals(Direction.SHORT_PERP_LONG_SPOT, shortPerp.estimate().direction());
        assertEquals(60, shortPerp.estimate().exitBasisBps(), 1e-12, "the window's mean");
        assertHistoricalRisk(shortPerp, 4.8, 6, 5.76, 6);
        Template longs = new Template("long", "DYDX", 1000, Duration.ofSeconds(2), 10, 0.5, DirectionPolicy.LONG_PERP,
                1.0, Duration.ofHours(1));
        SimulationResult longPerp = sim.run(longs, m, 1000, 2000, 3);
        assertEquals(Direction.LONG_PERP_SHORT_SPOT, longPerp.estimate().direction());
        assertHistoricalRisk(longPerp, 2.8, 3, 2.96, 3);
    }

    /** Historical VaR and CVaR at 95 and 99 % are these losses beyond the net edge. */
    private static void assertHistoricalRisk(SimulationResult r, double var95, double cvar95, double var99,
                                             double cvar99) {
        double net = r.estimate().netEdgeUsd();
        assertEquals(var95 - net, r.risk95().historicalVar(), 1e-9);
        assertEquals(cvar95 - net, r.risk95().historicalCvar(), 1e-9);
        assertEquals(var99 - net, r.risk99().historicalVar(), 1e-9);
        assertEquals(cvar99 - net, r.risk99().historicalCvar(), 1e-9);
    }

    /**
     * Instant legs (no latency: no price move), the perp failing 30 % of the time, the spot
     * never: a path either fills both legs (P&L a = the net edge) or fills the spot alone and
     * unwinds it (P&L b, the same on every such path). With nA and nB such paths, n = nA + nB:
     * mean = (nA·a + nB·b)/n, sample sd = |a − b|·sqrt(nA·nB/(n·(n − 1))). Held 4 h: P = 8760/4
     * = 2190 trades a year, risk-free 0.04/P a trade, returns r = P&L/1000;
     * Sharpe = (mean/1000 − 0.04/P)/(sd/1000)·sqrt(P);
     * Sortino = (mean/1000 − 0.04/P)/dd·sqrt(P), with the downside deviation
     * dd = sqrt((nA·min(0, a/1000 − 0.04/P)² + nB·min(0, b/1000 − 0.04/P)²)/n).
     */
    @Test
    void sharpeAndSortinoAreAnnualisedOverTheHoldingHorizon() {
        Simulator s = new Simulator(instant().withFailProbabilities(0.3, 0));
        Template held4h = new Template("4h", "DYDX", 1000, Duration.ofSeconds(2), 10, 0.5, DirectionPolicy.AUTO, 1.0,
                Duration.ofHours(4));
        SimulationResult r = s.run(held4h, market(), 1000, 2000, 5);
        long nA = r.fills().both();
        long nB = r.fills().spotOnly();
        assertEquals(2000, nA + nB, "only the perp fails");
        assertTrue(nA > 1000 && nB > 400, nA + " / " + nB);
        double a = r.estimate().netEdgeUsd();
        assertTrue(Math.abs(r.pnl().min() - a) < 1e-9 || Math.abs(r.pnl().max() - a) < 1e-9,
                "a is one end: " + r.pnl());
        double b = Math.abs(r.pnl().max() - a) < 1e-9 ? r.pnl().min() : r.pnl().max(); // the other end
        assertTrue(Math.abs(a - b) > 1e-3, "an unwound spot leg costs: " + a + " vs " + b);
        // the moments below hold only if every path is a or b
        double n = nA + nB;
        double mean = (nA * a + nB * b) / n;
        double sd = Math.abs(a - b) * Math.sqrt(nA * nB / (n * (n - 1)));
        assertEquals(mean, r.pnl().mean(), 1e-9);
        assertEquals(sd, r.pnl().sd(), 1e-9);
        double perYear = 8760.0 / 4;
        double rf = 0.04 / perYear;
        assertEquals(0.04, s.params().riskFreeRate(), 0, "the shipped risk-free rate");
        double downside = Math.sqrt((nA * square(Math.min(0, a / 1000 - rf))
                + nB * square(Math.min(0, b / 1000 - rf))) / n);
        assertEquals(sharpe(mean, sd, 1000, perYear), r.sharpe(), 1e-9 * Math.abs(r.sharpe()));
        assertEquals((mean / 1000 - rf) / downside * Math.sqrt(perYear), r.sortino(), 1e-9 * Math.abs(r.sortino()));
    }

    /**
     * Both legs take one hour; the template holds 30 min: the trade cannot repeat faster than
     * it executes, so it is annualised over the hour, P = 8760 (not 8760/0.5 = 17520).
     */
    @Test
    void aTradeSlowerThanItsHorizonIsAnnualisedOverItsExecutionTime() {
        ConstantLatency hour = new ConstantLatency(Duration.ofHours(1).toNanos());
        Simulator s = new Simulator(instant().withLatency(hour, hour));
        Template halfHour = new Template("30m", "DYDX", 1000, Duration.ofHours(2), 10, 0.5, DirectionPolicy.AUTO, 1.0,
                Duration.ofMinutes(30));
        SimulationResult r = s.run(halfHour, market(), 1000, 2000, 11);
        assertEquals(2000, r.fills().both());
        assertEquals(3600, r.fills().executionP50Seconds(), 1e-9);
        assertTrue(r.pnl().sd() > 0, "an hour of price moves");
        assertEquals(sharpe(r.pnl().mean(), r.pnl().sd(), 1000, 8760), r.sharpe(), 1e-9 * Math.abs(r.sharpe()));
    }

    /**
     * Instant legs that always fill: every path is the net edge c. Closing at a window mean of
     * 100 bps, above the entry basis, loses, so c &lt; 0: the first 1000 of 3000 paths taken as
     * consecutive trades fall from the starting peak 0 to 1000·c, a drawdown of −1000·c (the
     * other 2000 paths are not in it). A window mean of −200 bps gains (c &gt; 0): no drawdown.
     */
    @Test
    void theDrawdownTakesTheFirstThousandPathsAsConsecutiveTrades() {
        Simulator s = new Simulator(instant());
        SimulationResult losing = s.run(t, withBasis(market(), 90, 110), 1000, 3000, 1);
        double c = losing.estimate().netEdgeUsd();
        assertTrue(c < 0, "closing at 100 bps loses: " + c);
        assertEquals(c, losing.pnl().min(), 1e-9);
        assertEquals(c, losing.pnl().max(), 1e-9);
        assertEquals(-SimulationResult.DRAWDOWN_TRADES * c, losing.maxDrawdownUsd(), 1e-9 * -1000 * c);
        assertEquals(-c, losing.risk95().monteCarloVar(), 1e-9, "one value: VaR is its loss");
        SimulationResult gaining = s.run(t, withBasis(market(), -300, -100), 1000, 3000, 1);
        double gain = gaining.estimate().netEdgeUsd();
        assertTrue(gain > 0, "closing at -200 bps gains: " + gain);
        assertEquals(0, gaining.maxDrawdownUsd(), 0);
    }

    /** No latency, no failures: the Monte Carlo's paths are the deterministic estimate. */
    private static ExecutionParams instant() {
        ConstantLatency zero = new ConstantLatency(0);
        return TestParams.defaults().withLatency(zero, zero).withFailProbabilities(0, 0);
    }

    /** {@code m} with another basis window (oldest first). */
    private static MarketSnapshot withBasis(MarketSnapshot m, double... bps) {
        return new MarketSnapshot(m.symbol(), m.depth(), m.ladder(), m.perpBid(), m.perpAsk(), m.perpMid(), m.spotPx(),
                m.fundingHourly(), m.volPerSqrtSecond(), m.volReturns(), m.spotLiquidityUsd(), m.perpDayNtlVlm(), bps,
                m.solUsd(), m.timeNanos());
    }

    /** Sharpe of per-trade returns P&L/notional, {@code perYear} trades a year, at the shipped 4 % risk-free rate. */
    private static double sharpe(double meanUsd, double sdUsd, double notionalUsd, double perYear) {
        return (meanUsd / notionalUsd - 0.04 / perYear) / (sdUsd / notionalUsd) * Math.sqrt(perYear);
    }

    private static double square(double x) {
        return x * x;
    }
}
