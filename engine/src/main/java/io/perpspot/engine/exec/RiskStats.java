package io.perpspot.engine.exec;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Risk statistics of P&amp;L samples and series. VaR and CVaR are reported as positive losses
 * (a VaR of 12 means "lose 12 or more with probability 1 − level"); a distribution whose tail
 * is a gain gives a negative VaR.
 *
 * <ul>
 * <li>Historical / Monte Carlo VaR: {@code −Q(1 − level)} of the samples, with the quantile
 *     interpolated linearly between order statistics (Hyndman–Fan type 7, what numpy and R use
 *     by default); CVaR: minus the mean of the samples at or below that quantile.</li>
 * <li>Parametric (normal) VaR: {@code σ·z − μ} with {@code z = Φ⁻¹(level)}; CVaR:
 *     {@code σ·φ(z)/(1 − level) − μ}.</li>
 * <li>Sharpe: {@code (mean(r) − rf/P)/sd(r)·sqrt(P)} for P periods a year (sample sd, n − 1);
 *     Sortino: the same over the downside deviation {@code sqrt(Σ min(0, r − rf/P)²/n)}.
 *     Both are NaN when undefined (fewer than two returns, no dispersion).</li>
 * </ul>
 */
public final class RiskStats {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private RiskStats() {
    }

    /** Quantile {@code p} in [0, 1] of ascending {@code sorted} (type 7). */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of no samples");
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Historical (or Monte Carlo) VaR at {@code level} (e.g. 0.95) of ascending samples. */
    public static double historicalVar(double[] sorted, double level) {
        return -quantile(sorted, 1 - level);
    }

    /** Historical (or Monte Carlo) CVaR: minus the mean of the samples at or below the (1 − level) quantile. */
    public static double historicalCvar(double[] sorted, double level) {
        double cut = quantile(sorted, 1 - level);
        double s = 0;
        int n = 0;
        for (double v : sorted) {
            if (v > cut) {
                break;
            }
            s += v;
            n++;
        }
        return n == 0 ? -sorted[0] : -s / n;
    }

    /** Normal VaR: σ·Φ⁻¹(level) − μ. */
    public static double parametricVar(double mean, double sd, double level) {
        return sd * STANDARD.inverseCumulativeProbability(level) - mean;
    }

    /** Normal CVaR (expected shortfall): σ·φ(Φ⁻¹(level))/(1 − level) − μ. */
    public static double parametricCvar(double mean, double sd, double level) {
        double z = STANDARD.inverseCumulativeProbability(level);
        return sd * STANDARD.density(z) / (1 - level) - mean;
    }

    /** Arithmetic mean; NaN for an empty array. */
    public static double mean(double[] x) {
        return new Mean().evaluate(x);
    }

    /** Sample standard deviation (n − 1); 0 for one sample. */
    public static double sd(double[] x) {
        return x.length < 2 ? 0 : new StandardDeviation(true).evaluate(x);
    }

    /** Annualised Sharpe ratio of per-period returns. */
    public static double sharpe(double[] returns, double riskFreeAnnual, double periodsPerYear) {
        if (returns.length < 2) {
            return Double.NaN;
        }
        double sd = sd(returns);
        if (!(sd > 0)) {
            return Double.NaN;
        }
        return (mean(returns) - riskFreeAnnual / periodsPerYear) / sd * Math.sqrt(periodsPerYear);
    }

    /** Annualised Sortino ratio of per-period returns (downside deviation over all n periods). */
    public static double sortino(double[] returns, double riskFreeAnnual, double periodsPerYear) {
        if (returns.length < 2) {
            return Double.NaN;
        }
        double rf = riskFreeAnnual / periodsPerYear;
        double dd = 0;
        for (double r : returns) {
            double x = Math.min(0, r - rf);
            dd += x * x;
        }
        dd = Math.sqrt(dd / returns.length);
        if (!(dd > 0)) {
            return Double.NaN;
        }
        return (mean(returns) - rf) / dd * Math.sqrt(periodsPerYear);
    }

    /** Fraction of samples strictly above zero. */
    public static double probabilityOfProfit(double[] pnl) {
        if (pnl.length == 0) {
            throw new IllegalArgumentException("probability of profit of no samples");
        }
        long n = 0;
        for (double v : pnl) {
            if (v > 0) {
                n++;
            }
        }
        return (double) n / pnl.length;
    }

    /**
     * Maximum drawdown of a P&amp;L series (per-period P&amp;L, summed in order from 0): the largest
     * fall of the cumulative P&amp;L from a previous peak, as a positive number (0 if it never falls).
     */
    public static double maxDrawdown(double[] pnlSeries) {
        double cum = 0;
        double peak = 0;
        double worst = 0;
        for (double v : pnlSeries) {
            cum += v;
            peak = Math.max(peak, cum);
            worst = Math.max(worst, peak - cum);
        }
        return worst;
    }

    /** An ascending copy. */
    public static double[] sorted(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s;
    }
}
