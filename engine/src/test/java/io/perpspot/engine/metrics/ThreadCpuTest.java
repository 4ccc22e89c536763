package io.perpspot.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    private static final long BURN_NANOS = 200_000_000L;

    @Test
    void aThreadThatBurnsCpuShowsMoreThanAnIdleOneAndWakeUpsAreCounted() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch burnt = new CountDownLatch(1);
        ThreadCpu.Sample before = ThreadCpu.sample();
        Thread burner = new Thread(() -> {
            long x = 0;
            // Burns until its own CPU clock says so: CPU time, whatever the machine's load.
            while (mx.getCurrentThreadCpuTime() < BURN_NANOS) {
                x += System.nanoTime() % 7;
            }
            burnt.countDown();
            try {
                release.await(); // alive at the second sample: an ended thread is not seen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (x == 42) {
                System.out.println(x);
            }
        }, "cpu-burner-1");
        Thread napper = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                LockSupport.parkNanos(100_000L);
            }
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpu-napper-1");
        burner.start();
        napper.start();
        assertTrue(burnt.await(60, TimeUnit.SECONDS));
        while (napper.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        ThreadCpu.Window w = ThreadCpu.sample().since(before);
        release.countDown();
        napper.join(10_000);
        burner.join(10_000);

        ThreadCpu.Role burned = w.role("cpu-burner");
        ThreadCpu.Role napped = w.role("cpu-napper");
        assertNotNull(burned, w.lines("", 0));
        assertNotNull(napped, w.lines("", 0));
        assertTrue(burned.cpuNanos() >= BURN_NANOS / 2, w.lines("", 0));
        assertTrue(burned.cpuNanos() > 4 * napped.cpuNanos(), w.lines("", 0));
        assertTrue(w.percentOfCore(burned) > w.percentOfCore(napped));
        if (w.fromOs()) {
            assertTrue(napped.wakeups() >= 50, "50 naps are 50 wake-ups: " + w.lines("", 0));
        }
        assertTrue(w.lines("  ", 0).contains("cpu-burner"), w.lines("", 0));
    }

    @Test
    void threadsAreGroupedByRoleWhateverTheKernelKeepsOfTheirNames() {
        assertEquals("ring consumer", ThreadCpu.role("perpspot-consum"));
        assertEquals("ring consumer", ThreadCpu.role("perpspot-consumer"));
        assertEquals("journal pretouch", ThreadCpu.role("perpspot-journa"));
        assertEquals("netty event loop (perp feed)", ThreadCpu.role("perpspot-io-1-1"));
        assertEquals("GC", ThreadCpu.role("GC Thread#1"));
        assertEquals("JIT compiler", ThreadCpu.role("C2 CompilerThre"));
        assertEquals("pool-thread", ThreadCpu.role("pool-3-thread-12"));
    }

    @Test
    void statLinesGiveUserPlusSystemTicksEvenWithSpacesInTheName() {
        String stat = "4242 (C2 Compiler (x)) S 1 2 3 4 5 6 7 8 9 10 130 27 0 0 20 0 1 0 100 0 0";
        assertEquals(157, ThreadCpu.statTicks(stat));
    }
}
