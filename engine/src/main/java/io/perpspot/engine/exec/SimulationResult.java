package io.perpspot.engine.exec;

/**
 * Everything a simulation of one template on one token's market state found: plain values
 * for the CLI and the dashboard. USD unless named otherwise. Values that are undefined for
 * the input (a Sharpe ratio of a distribution without dispersion, a historical VaR without
 * basis history) are NaN, and {@link #defined(double)} says so; printers show them as "n/a".
 *
 * @param template         the template simulated
 * @param estimate         the deterministic executable basis, costs and net edge
 * @param check            whether the estimate passes the template's thresholds
 * @param paths            Monte Carlo paths
 * @param seed             the seed (same seed, same result)
 * @param volPerSqrtSecond the volatility used (observed × risk multiplier, or the fallback)
 * @param volObserved      true when it came from the journal's perp mids, false for the fallback
 * @param pnl              summary of the P&amp;L distribution
 * @param histogram        the P&amp;L distribution in equal-width bins
 * @param risk95           VaR/CVaR at 95 %
 * @param risk99           VaR/CVaR at 99 %
 * @param sharpe           annualised Sharpe of the per-trade return (one trade per holding horizon)
 * @param sortino          annualised Sortino of the same
 * @param probabilityOfProfit fraction of paths with P&amp;L &gt; 0
 * @param maxDrawdownUsd   maximum drawdown of the first {@link #DRAWDOWN_TRADES} paths taken as consecutive trades
 * @param fills            how the legs filled
 */
public record SimulationResult(
        Template template,
        ExecutionEstimate estimate,
        Template.Check check,
        int paths,
        long seed,
        double volPerSqrtSecond,
        boolean volObserved,
        PnlSummary pnl,
        Histogram histogram,
        Risk risk95,
        Risk risk99,
        double sharpe,
        double sortino,
        double probabilityOfProfit,
        double maxDrawdownUsd,
        Fills fills) {

    /** Paths taken as a sequence of trades for the drawdown figure. */
    public static final int DRAWDOWN_TRADES = 1000;

    /** False for NaN (undefined for this input). */
    public static boolean defined(double v) {
        return !Double.isNaN(v);
    }

    /** P&amp;L percentiles and moments. */
    public record PnlSummary(double mean, double sd, double min, double p1, double p5, double p25, double p50,
            double p75, double p95, double p99, double max) {
    }

    /** Equal-width bins: {@code counts[i]} samples in [edges[i], edges[i+1]) (the last bin closed). */
    public record Histogram(double[] edges, long[] counts) {
    }

    /**
     * VaR and CVaR at one level, three ways, as positive losses in USD.
     *
     * @param historicalVar  exit basis drawn from the token's observed basis window (NaN without history)
     * @param parametricVar  a normal with the Monte Carlo's mean and sd
     * @param monteCarloVar  the Monte Carlo's own quantile
     */
    public record Risk(double level, double historicalVar, double historicalCvar, double parametricVar,
            double parametricCvar, double monteCarloVar, double monteCarloCvar) {
    }

    /** Leg outcomes over the paths and the time to the last fill (or the unwind), in seconds. */
    public record Fills(long both, long perpOnly, long spotOnly, long none, double executionP50Seconds,
            double executionP99Seconds) {
        /** Fraction of paths on which both legs filled, in [0, 1]; 0 without paths. */
        public double bothFraction() {
            long n = both + perpOnly + spotOnly + none;
            return n == 0 ? 0 : (double) both / n;
        }

        /** Paths where exactly one leg filled and was unwound. */
        public double oneLegFraction() {
            long n = both + perpOnly + spotOnly + none;
            return n == 0 ? 0 : (double) (perpOnly + spotOnly) / n;
        }
    }
}
