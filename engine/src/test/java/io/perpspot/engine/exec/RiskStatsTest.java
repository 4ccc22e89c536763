package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RiskStatsTest {
    /** Φ⁻¹(0.95), Φ⁻¹(0.99) and the standard normal density there, from tables. */
    private static final double Z95 = 1.6448536269514722;
    private static final double Z99 = 2.3263478740408408;
    private static final double PHI95 = 0.10313564037537128;
    private static final double PHI99 = 0.026652142203458;

    @Test
    void parametricVarAndCvarOfANormalAreTheClosedForm() {
        double mu = 10;
        double sd = 20;
        assertEquals(sd * Z95 - mu, RiskStats.parametricVar(mu, sd, 0.95), 1e-9);
        assertEquals(sd * Z99 - mu, RiskStats.parametricVar(mu, sd, 0.99), 1e-9);
        assertEquals(sd * PHI95 / 0.05 - mu, RiskStats.parametricCvar(mu, sd, 0.95), 1e-9);
        assertEquals(sd * PHI99 / 0.01 - mu, RiskStats.parametricCvar(mu, sd, 0.99), 1e-6);
    }

    @Test
    void historicalVarOfNormalSamplesConvergesToTheClosedForm() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[400_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 + 20 * Gaussian.next(rng);
        }
        double[] s = RiskStats.sorted(x);
        assertEquals(20 * Z95 - 10, RiskStats.historicalVar(s, 0.95), 0.25);
        assertEquals(20 * PHI95 / 0.05 - 10, RiskStats.historicalCvar(s, 0.95), 0.3);
        assertEquals(20 * Z99 - 10, RiskStats.historicalVar(s, 0.99), 0.5);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] s = {1, 2, 3, 4};
        assertEquals(1.75, RiskStats.quantile(s, 0.25), 1e-12);
        assertEquals(2.5, RiskStats.quantile(s, 0.5), 1e-12);
        assertEquals(4, RiskStats.quantile(s, 1), 1e-12);
        double[] losses = {-10, -5, 0, 5, 10, 15, 20, 25, 30, 35};
        // 10 % quantile: h = 0.9 → −10 + 0.9·5 = −5.5 → VaR 5.5; CVaR: mean of {−10} (≤ −5.5) = 10
        assertEquals(5.5, RiskStats.historicalVar(losses, 0.90), 1e-12);
        assertEquals(10, RiskStats.historicalCvar(losses, 0.90), 1e-12);
    }

    @Test
    void sharpeAndSortinoOfAKnownSeries() {
        double[] r = {0.01, 0.02, -0.01, 0.03, 0.00};
        // mean 0.01; deviations 0, .01, −.02, .02, −.01 → sample variance 0.001/4 = 2.5e-4
        double sd = Math.sqrt(2.5e-4);
        assertEquals(0.01 / sd * Math.sqrt(252), RiskStats.sharpe(r, 0, 252), 1e-9);
        assertEquals((0.01 - 0.0252 / 252) / sd * Math.sqrt(252), RiskStats.sharpe(r, 0.0252, 252), 1e-9);
        // downside deviation: only −0.01 is below 0 → sqrt(1e-4 / 5)
        assertEquals(0.01 / Math.sqrt(1e-4 / 5) * Math.sqrt(252), RiskStats.sortino(r, 0, 252), 1e-9);
        assertTrue(Double.isNaN(RiskStats.sharpe(new double[] {0.01, 0.01}, 0, 252)), "no dispersion: undefined");
    }

    @Test
    void drawdownAndProbabilityOfProfit() {
        // cumulative 5, 2, −2, 4, −6, −4: peak 5, trough −6
        assertEquals(11, RiskStats.maxDrawdown(new double[] {5, -3, -4, 6, -10, 2}), 1e-12);
        assertEquals(0, RiskStats.maxDrawdown(new double[] {1, 2, 3}), 1e-12);
        assertEquals(3, RiskStats.maxDrawdown(new double[] {-3, 1}), 1e-12);
        assertEquals(0.5, RiskStats.probabilityOfProfit(new double[] {1, -1, 0, 2}), 1e-12);
    }
}
