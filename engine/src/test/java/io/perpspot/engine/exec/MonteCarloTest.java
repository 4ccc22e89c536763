package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MonteCarloTest {
    private static final ConstantLatency ZERO = new ConstantLatency(0);

    private final MarketSnapshot m = Markets.dydxSnapshot("2.10", "0.0000125");
    private final ExecutionParams instant = TestParams.defaults().withLatency(ZERO, ZERO).withFailProbabilities(0, 0);
    private final ExecutionEstimate e =
            new ExecutionModel(instant).estimate(m, Direction.SHORT_PERP_LONG_SPOT, 2100, 8);

    @Test
    void zeroLatencyAndZeroVolatilityGiveTheDeterministicNetEdgeOnEveryPath() {
        MonteCarlo.Outcome o = new MonteCarlo(e, instant, 0, 2_000_000_000L).run(10_000, 7, 1);
        assertEquals(10_000, o.both());
        for (double p : o.pnlUsd()) {
            assertEquals(e.netEdgeUsd(), p, 1e-9);
        }
        // Latency alone does not move a price that does not move.
        ExecutionParams slow = instant.withLatency(new LognormalLatency(200_000_000, 800_000_000),
                new LognormalLatency(800_000_000, 4_000_000_000L));
        MonteCarlo.Outcome o2 = new MonteCarlo(e, slow, 0, 0).run(5_000, 7, 1);
        for (double p : o2.pnlUsd()) {
            assertEquals(e.netEdgeUsd(), p, 1e-9);
        }
    }

    @Test
    void aGbmPriceMoveMatchesTheAnalyticMeanAndVariance() {
        // Spot fills at once, the perp after L = 2 s: its fill price is perpIn·exp((μ − σ²/2)L + σW(L)),
        // so P&L = net + q·perpIn·(G − 1) with E[G] = e^{μL}, Var[G] = e^{2μL}(e^{σ²L} − 1).
        double sigma = 0.05;
        double muPerSecond = 0.001;
        double lat = 2.0;
        ExecutionParams p = instant.withLatency(new ConstantLatency(2_000_000_000L), ZERO)
                .withDrift(muPerSecond * ExecutionParams.SECONDS_PER_YEAR);
        int n = 200_000;
        MonteCarlo.Outcome o = new MonteCarlo(e, p, sigma, 0).run(n, 12345, 1);
        double a = e.quantity() * e.perpEntry().price();
        double mean = e.netEdgeUsd() + a * (Math.exp(muPerSecond * lat) - 1);
        double var = a * a * Math.exp(2 * muPerSecond * lat) * (Math.exp(sigma * sigma * lat) - 1);
        double sampleMean = RiskStats.mean(o.pnlUsd());
        double sampleSd = RiskStats.sd(o.pnlUsd());
        double seMean = Math.sqrt(var / n);
        double seVar = var * Math.sqrt(2.0 / n);
        assertEquals(mean, sampleMean, 4 * seMean, "mean within 4 standard errors");
        assertEquals(var, sampleSd * sampleSd, 4 * seVar, "variance within 4 standard errors");
        // Without the −σ²/2 term the mean would be off by a·σ²L/2, many standard errors.
        assertTrue(a * sigma * sigma * lat / 2 > 10 * seMean);
    }

    @Test
    void sameSeedSameResultWhateverTheThreadCount() {
        ExecutionParams p = TestParams.defaults();
        MonteCarlo mc = new MonteCarlo(e, p, 0.001, 2_000_000_000L);
        MonteCarlo.Outcome one = mc.run(50_000, 99, 1);
        MonteCarlo.Outcome three = mc.run(50_000, 99, 3);
        assertArrayEquals(one.pnlUsd(), three.pnlUsd());
        assertArrayEquals(one.executionSeconds(), three.executionSeconds());
        assertArrayEquals(one.fills(), three.fills());
        MonteCarlo.Outcome other = mc.run(50_000, 100, 1);
        assertFalse(Arrays.equals(one.pnlUsd(), other.pnlUsd()));
    }

    @Test
    void aLegSlowerThanTheMaxLatencyIsUnwound() {
        // Solana always takes 5 s, the template allows 2 s: the perp fills alone and is bought back.
        ExecutionParams p = instant.withLatency(new ConstantLatency(100_000_000), new ConstantLatency(5_000_000_000L));
        MonteCarlo.Outcome o = new MonteCarlo(e, p, 0, 2_000_000_000L).run(1_000, 1, 1);
        assertEquals(1_000, o.perpOnly());
        // No price move: sold at perpIn, bought back at the perp mid plus exit slippage, fees twice, one failed swap's
        // gas.
        double expected = e.quantity() * (e.perpEntry().price() - e.perpExit().price())
                - 2 * p.perpFeeBps() / 10_000 * e.notionalUsd() - e.gasUsd() / 2;
        for (double v : o.pnlUsd()) {
            assertEquals(expected, v, 1e-9);
        }
        assertEquals(2.1, o.executionSeconds()[0], 1e-9); // known failed at 2 s, unwound 0.1 s later

        ExecutionParams spotFails = instant.withFailProbabilities(0, 0.25);
        MonteCarlo.Outcome f = new MonteCarlo(e, spotFails, 0, 0).run(100_000, 3, 1);
        assertEquals(0.25, f.perpOnly() / 100_000.0, 0.01);
        assertEquals(0, f.spotOnly() + f.none());
    }

    @Test
    void pathsOutsideTheRangeAreRefused() {
        MonteCarlo mc = new MonteCarlo(e, instant, 0, 0);
        assertEquals("paths", assertThrows(ExecutionException.class, () -> mc.run(0, 1, 1)).parameter());
        assertEquals("paths", assertThrows(ExecutionException.class, () -> mc.run(10_000_001, 1, 1)).parameter());
        assertEquals("volatility", assertThrows(ExecutionException.class,
                () -> new MonteCarlo(e, instant, Double.NaN, 0)).parameter());
    }

    @Test
    void thePathLoopDoesNotAllocate() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        ExecutionParams p = TestParams.defaults();
        MonteCarlo mc = new MonteCarlo(e, p, 0.001, 2_000_000_000L);
        double[] pnl = new double[MonteCarlo.CHUNK];
        double[] time = new double[MonteCarlo.CHUNK];
        long[] counts = new long[4];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 50; i++) {
            mc.chunk(rng, 0, MonteCarlo.CHUNK, pnl, time, counts);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20; i++) {
            mc.chunk(rng, 0, MonteCarlo.CHUNK, pnl, time, counts);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes over 81,920 paths");
    }
}
