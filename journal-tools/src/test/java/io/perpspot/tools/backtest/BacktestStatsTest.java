package io.perpspot.tools.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.DirectionPolicy;
import io.perpspot.engine.exec.Template;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The backtest's statistics on a small fixed result, against values worked out by hand: daily
 * returns annualised over 365 days with the risk-free rate, historical VaR and CVaR of the daily
 * P&amp;L, the equity curve's drawdown, exposure and win rate.
 */
class BacktestStatsTest {
    private static final long DAY = Backtester.DAY;

    /**
     * Five days on a $1,000 template, risk-free 3.65 % a year (0.0001 a day). Daily P&amp;L
     * 10, -20, 30, -5, 15; the equity at each day's end is their running sum 10, -10, 20, 15, 30.
     * Three trades: SOL +40, ETH -15, SOL +5 (total 30, the last equity). A position was open for
     * one of the five days.
     */
    private static BacktestResult fiveDays() {
        Template t = new Template("Hand", "SOL", 1000, Duration.ofSeconds(2), 10, 5, DirectionPolicy.AUTO, 1.0,
                Duration.ofHours(1));
        BacktestSpec spec = BacktestSpec.of(ConfigLoader.load(null, List.of("execution.risk.risk-free-rate=0.0365")), t,
                Set.of("SOL", "ETH"), List.of(), 1);
        List<Trade> trades = List.of(trade("SOL", 40), trade("ETH", -15), trade("SOL", 5));
        long[] times = {0, DAY, 2 * DAY, 3 * DAY, 4 * DAY, 5 * DAY};
        double[] equity = {0, 10, -10, 20, 15, 30};
        double[] daily = {10, -20, 30, -5, 15};
        return new BacktestResult(spec, trades, times, equity, daily, 0, 5 * DAY, DAY, 1000, 3, 0,
                new Refusals(new long[Template.Rule.values().length], 0, 0, 0));
    }

    private static Trade trade(String token, double pnl) {
        return new Trade(token, Direction.SHORT_PERP_LONG_SPOT, 0, 1, Trade.CONVERGED, 10, 1000, 100, 100, 100, 100,
                0, 0, 0, 0, 0, 0, pnl, 0, pnl);
    }

    @Test
    void sharpeAndSortinoAnnualiseDailyReturnsOver365Days() {
        BacktestResult.Stats s = fiveDays().stats();
        // Returns r = P&L / 1000 = 0.01, -0.02, 0.03, -0.005, 0.015; mean 0.006; excess over 0.0001 a day: 0.0059.
        // Sample variance: (0.004² + 0.026² + 0.024² + 0.011² + 0.009²) / 4 = 0.00147 / 4.
        assertEquals(0.0059 / Math.sqrt(0.00147 / 4) * Math.sqrt(365), s.sharpe(), 1e-9);
        assertEquals(5.8799, s.sharpe(), 5e-5, "0.0059 / 0.0191703 x 19.10497");
        // Downside deviation over all 5 days: r - 0.0001 below 0 are -0.0201 and -0.0051.
        double downside = Math.sqrt((0.0201 * 0.0201 + 0.0051 * 0.0051) / 5);
        assertEquals(0.0059 / downside * Math.sqrt(365), s.sortino(), 1e-9);
        assertEquals(5, s.days());
    }

    @Test
    void varAndCvarAreHistoricalOverTheDailyPnl() {
        BacktestResult.Stats s = fiveDays().stats();
        // Sorted daily P&L -20, -5, 10, 15, 30; the 5 % quantile (type 7) sits at h = 4 x 0.05 = 0.2:
        // -20 + 0.2 x (-5 - -20) = -17, so VaR95 = 17; the days at or below it: -20 alone, so CVaR95 = 20.
        assertEquals(17, s.var95(), 1e-12);
        assertEquals(20, s.cvar95(), 1e-12);
    }

    @Test
    void drawdownIsTheLargestFallFromAPreviousPeakOfTheEquityCurve() {
        BacktestResult r = fiveDays();
        // Peaks 0, 10, 10, 20, 20, 30: falls 0, 0, 20, 0, 5, 0.
        assertArrayEquals(new double[] {0, 0, -20, 0, -5, 0}, r.drawdown(), 1e-12);
        assertEquals(20, r.stats().maxDrawdown(), 1e-12);
    }

    @Test
    void totalsWinRateAndExposureAndTheirStatsCsvRows() {
        BacktestResult r = fiveDays();
        BacktestResult.Stats s = r.stats();
        assertEquals(30, s.totalPnl(), 1e-12);
        assertEquals(Map.of("ETH", -15.0, "SOL", 45.0), s.pnlByToken());
        assertEquals(2.0 / 3, s.winRate(), 1e-12);
        assertEquals(0.2, s.exposure(), 1e-12, "one day open of five");
        String csv = Reports.statsCsv(r);
        for (String row : new String[] {"\ntotal_pnl_usd,30\n", "\nwin_rate,0.666667\n", "\nsharpe,5.879898\n",
            "\nmax_drawdown_usd,20\n", "\nexposure,0.2\n", "\ndays,5\n", "\nvar95_daily_usd,17\n",
            "\ncvar95_daily_usd,20\n"}) {
            assertTrue(csv.contains(row), row.trim() + " in\n" + csv);
        }
    }
}
