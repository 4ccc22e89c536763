package io.perpspot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs each body of {@link ExecutionBenchmark} once outside JMH, so the benchmark is known to work. No timing asserted. */
class ExecutionBenchmarkTest {
    @Test
    void everyBodyRunsOnTheRecordedBook() {
        ExecutionBenchmark b = new ExecutionBenchmark();
        b.setUp();
        double avg = b.bookWalk();
        assertEquals((352.3 * 2.1124 + 364.9 * 2.1125 + 282.8 * 2.1128) / 1000, avg, 1e-12);
        assertTrue(Double.isFinite(b.monteCarloPaths()));
        assertEquals(100_000, b.monteCarlo100k().pnlUsd().length);
        assertEquals(100_000, b.simulate100k().paths());
    }
}
