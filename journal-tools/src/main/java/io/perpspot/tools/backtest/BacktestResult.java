package io.perpspot.tools.backtest;

import io.perpspot.engine.exec.RiskStats;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a backtest produced: the closed trades, the equity curve (realised P&amp;L plus open
 * positions marked at mids, sampled at each trade and each whole hour of event time), the
 * P&amp;L of each UTC day, and the statistics derived from them. Undefined statistics are NaN
 * here and written as empty / {@code n/a}.
 */
public record BacktestResult(
        BacktestSpec spec,
        List<Trade> trades,
        long[] equityTimes,
        double[] equity,
        double[] dailyPnl,
        long firstNanos,
        long lastNanos,
        long exposureNanos,
        long events,
        long signals,
        long oneLegFills,
        Refusals refused) {

    /** Statistics of a result; returns are daily P&amp;L over the template's notional. */
    public record Stats(
            int trades,
            double totalPnl,
            Map<String, Double> pnlByToken,
            double winRate,
            double sharpe,
            double sortino,
            double maxDrawdown,
            double turnoverUsd,
            double exposure,
            double var95,
            double cvar95,
            double feesUsd,
            double fundingUsd,
            int days) {
    }

    /**
     * The statistics of this result, computed anew on each call: daily returns over the template's notional, Sharpe and
     * Sortino annualised over 365 days, VaR/CVaR at 95 % of the daily P&amp;L; NaN where undefined.
     */
    public Stats stats() {
        Map<String, Double> byToken = new TreeMap<>();
        double total = 0;
        double fees = 0;
        double funding = 0;
        double turnover = 0;
        int wins = 0;
        for (Trade t : trades) {
            total += t.pnlUsd();
            fees += t.feesUsd();
            funding += t.fundingUsd();
            turnover += t.turnoverUsd();
            byToken.merge(t.token(), t.pnlUsd(), Double::sum);
            if (t.pnlUsd() > 0) {
                wins++;
            }
        }
        double capital = spec.template().notionalUsd();
        double[] returns = new double[dailyPnl.length];
        for (int i = 0; i < returns.length; i++) {
            returns[i] = dailyPnl[i] / capital;
        }
        double rf = spec.exec().riskFreeRate();
        double[] sorted = RiskStats.sorted(dailyPnl);
        double span = lastNanos - firstNanos;
        return new Stats(trades.size(), total, byToken, trades.isEmpty() ? Double.NaN : (double) wins / trades.size(),
                RiskStats.sharpe(returns, rf, 365), RiskStats.sortino(returns, rf, 365), maxDrawdown(equity), turnover,
                span > 0 ? exposureNanos / span : Double.NaN,
                sorted.length == 0 ? Double.NaN : RiskStats.historicalVar(sorted, 0.95),
                sorted.length == 0 ? Double.NaN : RiskStats.historicalCvar(sorted, 0.95), fees, funding,
                dailyPnl.length);
    }

    /** Largest fall of the equity curve from a previous peak (starting from 0), as a positive number. */
    static double maxDrawdown(double[] equity) {
        double peak = 0;
        double worst = 0;
        for (double v : equity) {
            peak = Math.max(peak, v);
            worst = Math.max(worst, peak - v);
        }
        return worst;
    }

    /** Drawdown at each equity point (≤ 0). */
    double[] drawdown() {
        double[] dd = new double[equity.length];
        double peak = 0;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            dd[i] = equity[i] - peak;
        }
        return dd;
    }
}
