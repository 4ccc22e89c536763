package io.perpspot.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.exec.ExecutionEstimate;
import io.perpspot.engine.exec.MonteCarlo;
import io.perpspot.engine.exec.SimulationResult;
import io.perpspot.engine.testkit.Fixtures;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Runs each body of {@link ExecutionBenchmark} once outside JMH and checks its figures against
 * a truth worked out here: the book walk's VWAP from the recorded book's numbers, the paths'
 * outcome counts and their failed-both figure from the estimate's gas, the simulation's summary
 * from its own paths. No timing asserted.
 */
class ExecutionBenchmarkTest {
    private static final int PATHS = 100_000;

    @Test
    void bookWalkFillsTheQuantityAtTheRecordedAsksVwap() throws Exception {
        ExecutionBenchmark b = new ExecutionBenchmark();
        b.setUp();
        // The truth: lift the recorded snapshot's asks (levels[1]) from the best until 1,000 tokens.
        JsonNode asks = new ObjectMapper()
                .readTree(Fixtures.cassetteBody("hyperliquid-python-sdk__test_get_l2_snapshot.yaml", 1))
                .path("levels").get(1);
        BigDecimal left = BigDecimal.valueOf(1000);
        BigDecimal cost = BigDecimal.ZERO;
        int levels = 0;
        BigDecimal worst = null;
        while (left.signum() > 0) {
            JsonNode level = asks.get(levels++);
            worst = new BigDecimal(level.path("px").asText());
            BigDecimal take = left.min(new BigDecimal(level.path("sz").asText()));
            cost = cost.add(take.multiply(worst));
            left = left.subtract(take);
        }
        double vwap = cost.divide(BigDecimal.valueOf(1000), MathContext.DECIMAL64).doubleValue();

        assertEquals(vwap, b.bookWalk(), vwap * 1e-12, "bookWalk returns the fill's VWAP");
        assertEquals(1000, b.fill.quantity, 1e-9, "the whole quantity filled");
        assertEquals(levels, b.fill.levels, "ask levels consumed");
        assertEquals(worst.doubleValue(), b.fill.worstPrice, "the last level touched");
    }

    @Test
    void monteCarloPathsRunsOneChunkWhoseFailedBothPathsCostTheFailedSwapsGas() {
        ExecutionBenchmark b = new ExecutionBenchmark();
        b.setUp();
        double last = b.monteCarloPaths();
        assertEquals(b.pnl[MonteCarlo.CHUNK - 1], last, "the chunk's last path");
        assertEquals(MonteCarlo.CHUNK, Arrays.stream(b.counts).sum(), "every path of the chunk has one outcome");
        assertEquals(b.counts[MonteCarlo.NONE], failedBoth(b.pnl, b.estimate), "paths where neither leg filled");
        assertTrue(b.counts[MonteCarlo.BOTH] > MonteCarlo.CHUNK / 2, "most paths fill both legs");
        for (int i = 0; i < MonteCarlo.CHUNK; i++) {
            assertTrue(Double.isFinite(b.pnl[i]) && b.time[i] > 0, "path " + i);
        }
    }

    @Test
    void monteCarlo100kGivesEveryPathOneOutcomeTheSameOnAnyThreadCount() {
        ExecutionBenchmark b = new ExecutionBenchmark();
        b.setUp();
        MonteCarlo.Outcome o = b.monteCarlo100k();
        assertEquals(PATHS, o.pnlUsd().length);
        assertEquals(PATHS, o.both() + o.perpOnly() + o.spotOnly() + o.none(), "one outcome per path");
        assertTrue(o.perpOnly() + o.spotOnly() > 0 && o.none() > 0, "the failure chances and the 2 s bound bite");
        assertEquals(o.none(), failedBoth(o.pnlUsd(), b.estimate), "paths where neither leg filled");
        // The result depends on the seed alone (MonteCarlo's contract): four threads, the same paths.
        MonteCarlo.Outcome threaded = b.mc.run(PATHS, b.seed, 4);
        assertArrayEquals(threaded.pnlUsd(), o.pnlUsd());
        assertArrayEquals(threaded.fills(), o.fills());
    }

    @Test
    void simulate100kSummarisesItsOwnPaths() {
        ExecutionBenchmark b = new ExecutionBenchmark();
        b.setUp();
        SimulationResult r = b.simulate100k();
        ExecutionEstimate e = r.estimate();
        assertEquals(PATHS, r.paths());
        assertEquals(b.seed, r.seed());
        assertEquals(2100, e.notionalUsd(), 1e-9);
        assertEquals(b.simulator.model().estimate(b.market, e.direction(), 2100,
                b.template.holdingHours(b.params.holdingHours())), e, "the model's estimate for the template");
        // The truth: the same paths (estimate, volatility, max latency and seed of the result),
        // summarised here by sorting and counting.
        MonteCarlo.Outcome o = new MonteCarlo(e, b.params, r.volPerSqrtSecond(), b.template.maxLatency().toNanos())
                .run(PATHS, r.seed(), 1);
        double[] sorted = o.pnlUsd().clone();
        Arrays.sort(sorted);
        double sum = 0;
        long profitable = 0;
        for (double v : sorted) {
            sum += v;
            profitable += v > 0 ? 1 : 0;
        }
        SimulationResult.PnlSummary pnl = r.pnl();
        assertEquals(sum / PATHS, pnl.mean(), 1e-9 * Math.abs(sum / PATHS) + 1e-12, "mean");
        assertEquals(sorted[0], pnl.min(), "min");
        assertEquals(sorted[PATHS - 1], pnl.max(), "max");
        assertBetween(sorted[(PATHS - 1) / 2], sorted[PATHS / 2], pnl.p50(), "median");
        assertBetween(sorted[(PATHS - 1) / 20], sorted[(PATHS - 1) / 20 + 1], pnl.p5(), "5th percentile");
        assertEquals(-pnl.p5(), r.risk95().monteCarloVar(), 1e-12, "VaR 95 is the 5th percentile's loss");
        assertEquals((double) profitable / PATHS, r.probabilityOfProfit(), 1e-12, "probability of profit");
        SimulationResult.Fills fills = r.fills();
        assertArrayEquals(o.fills(), new long[] {fills.both(), fills.perpOnly(), fills.spotOnly(), fills.none()});
        assertEquals(PATHS, Arrays.stream(r.histogram().counts()).sum(), "the histogram holds every path");
    }

    /** Paths whose P&amp;L is the failed swap's gas alone (what a path where neither leg filled costs). */
    private static long failedBoth(double[] pnl, ExecutionEstimate e) {
        double gasOfOneSwap = -e.gasUsd() / 2;
        return Arrays.stream(pnl).filter(v -> v == gasOfOneSwap).count();
    }

    private static void assertBetween(double lo, double hi, double actual, String what) {
        assertTrue(lo <= actual && actual <= hi, what + " " + actual + " outside [" + lo + ", " + hi + "]");
    }
}
