package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.Json;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.QuoteSide;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk figures {@code POST /api/simulate} serves, worked out by hand on a small fixed journal.
 * One token, RISK: spot 100 (a Jupiter ladder 1 bps either side), a perp book 1 bps a level, and
 * five basis samples, one a second: 120, 30, 60, 40, 50 bps (mean 60). Then, within the same
 * second (no more samples), the perp moves to 120, 30 and 40 bps, each with a journaled
 * short-perp opportunity: a gain (sold rich, closed at the mean 60), then two losses. The state
 * at the end is 40 bps, so an auto template shorts the perp there too and loses.
 *
 * <p>What is hand-computed: the Monte Carlo's figures from its two paths (2 paths: the P&amp;L's
 * min and max are the paths), annualised at 8760 / holding hours; the historical-scenario VaR
 * and CVaR from the window; the drawdowns; the backtest's Sharpe at its trade frequency.
 */
class DashboardRiskFiguresTest {
    static final double RISK_FREE = 0.04; // execution.risk.risk-free-rate, shipped
    static final double YEAR_MS = 365.0 * 24 * 3600 * 1000;
    static final double NOTIONAL = 1000;

    @TempDir
    static Path dir;
    static Dashboard dash;

    @BeforeAll
    static void start() throws Exception {
        Path journal = dir.resolve("j");
        try (TestJournal j = new TestJournal(journal)) {
            j.engineStart();
            int risk = j.token("RISK", "RISK");
            j.spot(risk, "100");
            for (double usd : new double[] {1_000, 10_000, 100_000}) {
                j.quote(risk, QuoteSide.BUY, usd, 100.01);
                j.quote(risk, QuoteSide.SELL, usd, 99.99);
            }
            j.ctx(risk, "0.0000125", "101.2"); // the perp's first price: the sample of 120 bps
            perp(j, risk, 120);
            for (int bps : new int[] {30, 60, 40, 50}) {
                j.tick(1000);
                perp(j, risk, bps);
            }
            for (int[] step : new int[][] {{100, 120}, {100, 30}, {200, 40}}) {
                j.tick(step[0]);
                perp(j, risk, step[1]);
                j.opportunity(risk, OutputRecord.SHORT_PERP_LONG_SPOT, 10, 2.5);
            }
        }
        dash = Fixture.start(journal, Fixture.settings(), Fixture.services());
    }

    /** The perp at {@code bps} over spot 100: a top of book 1 cent either side, then a book 1 bps a level. */
    private static void perp(TestJournal j, int token, int bps) {
        BigDecimal mid = BigDecimal.valueOf(10_000 + bps).movePointLeft(2);
        BigDecimal cent = new BigDecimal("0.01");
        j.bbo(token, mid.subtract(cent).toPlainString(), mid.add(cent).toPlainString());
        j.book(token, mid.doubleValue(), 50_000, 1, 5);
    }

    @AfterAll
    static void stop() {
        if (dash != null) {
            dash.close();
        }
    }

    private static JsonNode simulate(String template, long seed) throws Exception {
        Fixture.Reply r = Fixture.post(dash, "/api/simulate", "{\"template\":\"" + template
                + "\",\"token\":\"RISK\",\"sizeUsd\":1000,\"paths\":2,\"seed\":" + seed + "}");
        assertEquals(200, r.status(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    private static double holdingHours(String template) throws Exception {
        for (JsonNode t : Json.MAPPER.readTree(Fixture.get(dash, "/api/templates").body()).path("templates")) {
            if (t.path("name").asText().equals(template)) {
                return t.path("holdingHours").asDouble();
            }
        }
        throw new AssertionError("no template " + template);
    }

    /**
     * Two paths, a and b (a &lt; b, both losing): mean (a + b)/2, sample sd (b − a)/√2. One trade per
     * holding horizon of 1 h (its legs take seconds): P = 8760/1 periods a year, returns P&amp;L/1000;
     * Sharpe = (mean/1000 − 0.04/P)/(sd/1000)·√P, Sortino over the downside deviation
     * √((min(0, a/1000 − 0.04/P)² + min(0, b/1000 − 0.04/P)²)/2). Monte Carlo VaR is minus the
     * type-7 quantile: −(a + 0.05·(b − a)) at 95 %, −(a + 0.01·(b − a)) at 99 %; CVaR minus the
     * mean of what lies at or below it, a alone: −a. Normal VaR σ·z − μ, CVaR σ·φ(z)/(1 − level) − μ.
     * Both paths lose, so the cumulative P&amp;L falls from 0 to a + b: drawdown −(a + b).
     */
    @Test
    void theMonteCarloIsAnnualisedAt8760OverTheHoldingHoursWithItsVarAndDrawdownFromThePaths() throws Exception {
        assertEquals(1, holdingHours("SOL Scalping"), 0, "SOL Scalping holds 1 h");
        JsonNode s = simulate("SOL Scalping", 7);
        assertEquals("short-perp/long-spot", s.path("estimate").path("direction").asText(), "40 bps rich: short");
        double a = s.path("pnl").path("min").asDouble();
        double b = s.path("pnl").path("max").asDouble();
        assertTrue(a < b && b < 0, "two different losing paths: " + a + ", " + b);
        double mean = (a + b) / 2;
        double sd = (b - a) / Math.sqrt(2);
        assertClose(mean, s.path("pnl").path("mean").asDouble());
        assertClose(sd, s.path("pnl").path("sd").asDouble());

        double perYear = 8760.0 / 1;
        double rf = RISK_FREE / perYear;
        assertClose((mean / NOTIONAL - rf) / (sd / NOTIONAL) * Math.sqrt(perYear), s.path("sharpe").asDouble());
        double downside = Math.sqrt((square(Math.min(0, a / NOTIONAL - rf)) + square(Math.min(0, b / NOTIONAL - rf)))
                / 2);
        assertClose((mean / NOTIONAL - rf) / downside * Math.sqrt(perYear), s.path("sortino").asDouble());
        assertEquals(0, s.path("probabilityOfProfit").asDouble(), 0);
        assertClose(-(a + b), s.path("maxDrawdownUsd").asDouble());

        JsonNode r95 = s.path("risk").get(0);
        JsonNode r99 = s.path("risk").get(1);
        assertEquals(0.95, r95.path("level").asDouble(), 0);
        assertEquals(0.99, r99.path("level").asDouble(), 0);
        assertClose(-(a + 0.05 * (b - a)), r95.path("monteCarloVar").asDouble());
        assertClose(-(a + 0.01 * (b - a)), r99.path("monteCarloVar").asDouble());
        assertClose(-a, r95.path("monteCarloCvar").asDouble());
        assertClose(-a, r99.path("monteCarloCvar").asDouble());
        assertClose(r95.path("monteCarloVar").asDouble(), s.path("var95").asDouble());
        assertClose(-a, s.path("cvar99").asDouble());
        double z95 = 1.6448536269514722;
        double z99 = 2.3263478740408408;
        assertClose(sd * z95 - mean, r95.path("parametricVar").asDouble());
        assertClose(sd * z99 - mean, r99.path("parametricVar").asDouble());
        assertClose(sd * phi(z95) / 0.05 - mean, r95.path("parametricCvar").asDouble());
        assertClose(sd * phi(z99) / 0.01 - mean, r99.path("parametricCvar").asDouble());
    }

    /** A template held 8 h repeats 8760/8 = 1095 times a year, whatever its paths give. */
    @Test
    void aLongerHoldingHorizonAnnualisesOverFewerPeriods() throws Exception {
        assertEquals(8, holdingHours("BTC Large Size"), 0, "BTC Large Size holds 8 h");
        JsonNode s = simulate("BTC Large Size", 7);
        double mean = s.path("pnl").path("mean").asDouble();
        double sd = s.path("pnl").path("sd").asDouble();
        assertTrue(sd > 0, s.path("pnl").toString());
        double perYear = 8760.0 / 8;
        assertClose((mean / NOTIONAL - RISK_FREE / perYear) / (sd / NOTIONAL) * Math.sqrt(perYear),
                s.path("sharpe").asDouble());
    }

    /**
     * Historical scenarios close the trade at each basis of the window, 120, 30, 60, 40, 50 bps,
     * instead of its mean 60: for $1000 that changes the net edge by −sign·(b − 60)/10 USD.
     * Short the perp (sign +1): −6, +3, 0, +2, +1; ascending net − 6, net, net + 1, net + 2, net + 3;
     * the 5 % quantile (type 7) at h = 4·0.05 = 0.2: net − 6 + 0.2·6, VaR95 = 4.8 − net; at 1 %,
     * h = 0.04: VaR99 = 5.76 − net; CVaR (the one scenario at or below the cut) 6 − net at both.
     * Long the perp (ETH Conservative, sign −1): +6, −3, 0, −2, −1; ascending net − 3, net − 2, ...;
     * VaR95 = 3 − 0.2 − net = 2.8 − net, VaR99 = 3 − 0.04 − net = 2.96 − net, CVaR 3 − net.
     */
    @Test
    void historicalVarClosesTheTradeAtEachBasisTheJournalShowed() throws Exception {
        JsonNode shortPerp = simulate("SOL Scalping", 7);
        assertEquals("short-perp/long-spot", shortPerp.path("estimate").path("direction").asText());
        assertHistoricalRisk(shortPerp, 4.8, 6, 5.76, 6);
        JsonNode longPerp = simulate("ETH Conservative", 7);
        assertEquals("long-perp/short-spot", longPerp.path("estimate").path("direction").asText());
        assertHistoricalRisk(longPerp, 2.8, 3, 2.96, 3);
    }

    private static void assertHistoricalRisk(JsonNode s, double var95, double cvar95, double var99, double cvar99) {
        double net = s.path("estimate").path("netEdgeUsd").asDouble();
        JsonNode r95 = s.path("risk").get(0);
        JsonNode r99 = s.path("risk").get(1);
        assertClose(var95 - net, r95.path("historicalVar").asDouble());
        assertClose(cvar95 - net, r95.path("historicalCvar").asDouble());
        assertClose(var99 - net, r99.path("historicalVar").asDouble());
        assertClose(cvar99 - net, r99.path("historicalCvar").asDouble());
    }

    /**
     * The backtest trades the three journaled opportunities, each on one seeded path: p1 &gt; 0 (sold at
     * 120 bps, closed at 60), then p2, p3 &lt; 0 (sold at 30 and 40). Cumulative P&amp;L p1, p1 + p2,
     * p1 + p2 + p3: the peak is p1, the drawdown −(p2 + p3). Three trades over 300 ms are
     * (3 − 1)·year/300 ms trades a year, P; Sharpe = (mean(r) − 0.04/P)/sd(r)·√P with r = p/1000.
     */
    @Test
    void theBacktestCombinesItsTradesIntoEquityDrawdownAndSharpe() throws Exception {
        JsonNode bt = simulate("SOL Scalping", 7).path("backtest");
        assertEquals(3, bt.path("trades").asInt(), bt.toString());
        JsonNode list = bt.path("tradeList");
        double p1 = list.get(0).path("pnlUsd").asDouble();
        double p2 = list.get(1).path("pnlUsd").asDouble();
        double p3 = list.get(2).path("pnlUsd").asDouble();
        assertTrue(p1 > 0 && p2 < 0 && p3 < 0, "a gain, then two losses: " + p1 + ", " + p2 + ", " + p3);
        long spanMs = list.get(2).path("timeMs").asLong() - list.get(0).path("timeMs").asLong();
        assertEquals(300, spanMs);

        assertClose(p1 + p2 + p3, bt.path("totalPnlUsd").asDouble());
        assertEquals(1.0 / 3, bt.path("winRate").asDouble(), 1e-15);
        assertClose(p1, bt.path("equity").get(0).path("pnl").asDouble());
        assertClose(p1 + p2, bt.path("equity").get(1).path("pnl").asDouble());
        assertClose(-(p2 + p3), bt.path("maxDrawdownUsd").asDouble());

        double perYear = (3 - 1) * YEAR_MS / 300;
        double mean = (p1 + p2 + p3) / 3 / NOTIONAL;
        double var = (square(p1 / NOTIONAL - mean) + square(p2 / NOTIONAL - mean) + square(p3 / NOTIONAL - mean)) / 2;
        assertClose((mean - RISK_FREE / perYear) / Math.sqrt(var) * Math.sqrt(perYear), bt.path("sharpe").asDouble());
    }

    /** The standard normal density. */
    private static double phi(double z) {
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }

    private static double square(double x) {
        return x * x;
    }

    private static void assertClose(double want, double got) {
        assertEquals(want, got, 1e-9 * Math.max(1, Math.abs(want)));
    }
}
