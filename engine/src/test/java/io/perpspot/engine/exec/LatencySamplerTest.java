package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencySamplerTest {
    private static long[] draw(LatencySampler s, int n) {
        SplittableRandom rng = new SplittableRandom(11);
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = s.sampleNanos(rng);
        }
        Arrays.sort(x);
        return x;
    }

    @Test
    void lognormalHitsItsTwoPercentiles() {
        long[] x = draw(new LognormalLatency(200_000_000, 800_000_000), 200_000);
        assertEquals(200_000_000, x[100_000], 200_000_000 * 0.01);
        assertEquals(800_000_000, x[198_000], 800_000_000 * 0.03);
        assertTrue(x[0] > 0);
    }

    @Test
    void empiricalTableIsItsInverseCdf() {
        EmpiricalLatency t = new EmpiricalLatency(new double[] {0, 50, 90, 100},
                new long[] {10_000_000, 100_000_000, 300_000_000, 1_000_000_000});
        assertEquals(10_000_000, t.quantileNanos(0));
        assertEquals(100_000_000, t.quantileNanos(0.5));
        assertEquals(200_000_000, t.quantileNanos(0.7));
        assertEquals(1_000_000_000, t.quantileNanos(1.0));
        long[] x = draw(t, 100_000);
        assertEquals(100_000_000, x[50_000], 2_000_000);
        assertEquals(300_000_000, x[90_000], 6_000_000);
        assertThrows(IllegalArgumentException.class, () ->
                new EmpiricalLatency(new double[] {0, 50}, new long[] {1, 2}));
    }

    @Test
    void configurationChoosesTheSampler() {
        ExecutionParams d = TestParams.defaults();
        LognormalLatency hl = assertInstanceOf(LognormalLatency.class, d.perpLatency());
        assertEquals(200_000_000, hl.p50Nanos());
        assertEquals(800_000_000, hl.p99Nanos());
        assertInstanceOf(ConstantLatency.class,
                TestParams.with("execution.solana.latency-p50=0ms", "execution.solana.latency-p99=0ms").spotLatency());
        assertInstanceOf(EmpiricalLatency.class,
                TestParams.with("execution.solana.latency-table=0:100ms,50:600ms,99:3s,100:10s").spotLatency());
    }

    @Test
    void badLatencyConfigurationNamesTheKey() {
        ConfigException a = assertThrows(ConfigException.class,
                () -> TestParams.with("execution.hyperliquid.latency-p50=900ms"));
        assertTrue(a.getMessage().contains("execution.hyperliquid.latency-p99"), a.getMessage());
        ConfigException b = assertThrows(ConfigException.class,
                () -> TestParams.with("execution.solana.latency-table=0:1s,50:soon"));
        assertTrue(b.getMessage().contains("execution.solana.latency-table"), b.getMessage());
        ConfigException c = assertThrows(ConfigException.class,
                () -> TestParams.with("execution.solana.latency-table=10:1s,100:2s"));
        assertTrue(c.getMessage().contains("start at percentile 0"), c.getMessage());
    }
}
