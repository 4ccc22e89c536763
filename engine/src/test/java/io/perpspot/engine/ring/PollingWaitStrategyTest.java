package io.perpspot.engine.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The shipped consumer wait: every event is seen, after idle spells too (the consumer blocked and
 * a publish woke it), an idle consumer takes next to no CPU, and a halt ends the wait.
 */
class PollingWaitStrategyTest {

    @Test
    void isTheShippedWaitStrategy() {
        String name = ConfigLoader.load(null, List.of()).get(Settings.RING_WAIT);
        assertEquals("polling", name);
        assertInstanceOf(PollingWaitStrategy.class, WaitStrategies.forName(name));
    }

    @Test
    void consumerSeesEveryEventInBurstsAndAfterItParked() throws Exception {
        long[] seen = new long[1];
        AtomicLong lastSeen = new AtomicLong(-1);
        Disruptor<long[]> d = new Disruptor<>(() -> new long[1], 1024, DaemonThreadFactory.INSTANCE, ProducerType.MULTI,
                blockingForAMinute());
        d.handleEventsWith((event, sequence, endOfBatch) -> {
            seen[0] += event[0];
            lastSeen.set(sequence);
        });
        RingBuffer<long[]> ring = d.start();
        try {
            long expected = 0;
            long seq = -1;
            for (int burst = 0; burst < 5; burst++) {
                for (int i = 1; i <= 700; i++) {
                    seq = ring.next();
                    ring.get(seq)[0] = i;
                    ring.publish(seq);
                    expected += i;
                }
                awaitSeen(lastSeen, seq);
                // Idle for much longer than the spin phase: the consumer blocks, then must be woken for the next burst.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3));
            }
            // A single event after an idle spell is seen too.
            seq = ring.next();
            ring.get(seq)[0] = 1_000_000;
            ring.publish(seq);
            expected += 1_000_000;
            awaitSeen(lastSeen, seq);
            assertEquals(expected, seen[0]);
        } finally {
            d.halt();
        }
    }

    @Test
    void haltEndsABlockedWait() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Disruptor<long[]> d = new Disruptor<>(() -> new long[1], 64, r -> {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } finally {
                    stopped.countDown();
                }
            });
            t.setDaemon(true);
            return t;
        }, ProducerType.MULTI, blockingForAMinute());
        d.handleEventsWith((event, sequence, endOfBatch) -> { });
        d.start();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // well past the spin phase: blocked
        d.halt();
        assertTrue(stopped.await(5, TimeUnit.SECONDS), "the consumer thread ended after halt");
    }

    @Test
    void anIdleConsumerBlocksInsteadOfNapping() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadCpuTimeSupported());
        Thread[] consumer = new Thread[1];
        AtomicLong lastSeen = new AtomicLong(-1);
        Disruptor<long[]> d = new Disruptor<>(() -> new long[1], 64, r -> {
            Thread t = new Thread(r, "polling-test-consumer");
            t.setDaemon(true);
            consumer[0] = t;
            return t;
        }, ProducerType.MULTI, blockingForAMinute());
        d.handleEventsWith((event, sequence, endOfBatch) -> lastSeen.set(sequence));
        RingBuffer<long[]> ring = d.start();
        try {
            long seq = ring.next();
            ring.publish(seq);
            awaitSeen(lastSeen, seq);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // past the spin phase
            long cpuBefore = mx.getThreadCpuTime(consumer[0].getId());
            long wallBefore = System.nanoTime();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            long cpu = mx.getThreadCpuTime(consumer[0].getId()) - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            // Blocked, it wakes once per 100 ms timeout at most; napping 50 µs at a time (the
            // parkNanos loop of sleeping) costs a quarter of a core on this machine.
            assertTrue(cpu < wall / 20, "idle consumer used " + cpu / 1_000 + " µs of CPU in " + wall / 1_000 + " µs");
            assertEquals(Thread.State.TIMED_WAITING, consumer[0].getState(), "the idle consumer is parked");

            // A publish wakes it (the block's own timeout is a minute, awaitSeen gives up after 10 s).
            seq = ring.next();
            ring.publish(seq);
            awaitSeen(lastSeen, seq);
        } finally {
            d.halt();
        }
    }

    @Test
    void eachWaitThatBlocksHalvesTheNextSpinDownToOnePoll() throws Exception {
        PollingWaitStrategy w = new PollingWaitStrategy(1_000, 8_000, TimeUnit.MINUTES.toNanos(1));
        assertEquals(8_000, w.spinBudget());
        Thread[] consumer = new Thread[1];
        AtomicLong lastSeen = new AtomicLong(-1);
        Disruptor<long[]> d = new Disruptor<>(() -> new long[1], 64, r -> {
            consumer[0] = new Thread(r);
            consumer[0].setDaemon(true);
            return consumer[0];
        }, ProducerType.MULTI, w);
        d.handleEventsWith((event, sequence, endOfBatch) -> lastSeen.set(sequence));
        RingBuffer<long[]> ring = d.start();
        try {
            long[] expected = {4_000, 2_000, 1_000, 1_000};
            for (long spin : expected) {
                // Published only once the consumer is parked: this wait blocked.
                awaitParked(consumer);
                long seq = ring.next();
                ring.publish(seq);
                awaitSeen(lastSeen, seq);
                assertEquals(spin, w.spinBudget());
            }
        } finally {
            d.halt();
        }
    }

    @Test
    void aSpinThatFindsAnEventKeepsTheFullSpinForTheNextWait() {
        assertEquals(30_000, PollingWaitStrategy.nextSpin(2_000, false, 2_000, 30_000));
        assertEquals(30_000, PollingWaitStrategy.nextSpin(30_000, false, 2_000, 30_000));
        assertEquals(15_000, PollingWaitStrategy.nextSpin(30_000, true, 2_000, 30_000));
        assertEquals(2_000, PollingWaitStrategy.nextSpin(3_000, true, 2_000, 30_000));
    }

    @Test
    void refusesImpossibleIntervals() {
        assertThrows(IllegalArgumentException.class, () -> new PollingWaitStrategy(0, 30_000, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new PollingWaitStrategy(10_000, -1, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new PollingWaitStrategy(10_000, 30_000, 0));
    }

    /**
     * The shipped intervals with a block that only a publish ends within the tests' 10 s waits, so
     * an event seen after an idle spell proves the wake-up.
     */
    private static PollingWaitStrategy blockingForAMinute() {
        return new PollingWaitStrategy(PollingWaitStrategy.DEFAULT_POLL_NANOS, PollingWaitStrategy.DEFAULT_SPIN_NANOS,
                TimeUnit.MINUTES.toNanos(1));
    }

    private static void awaitParked(Thread[] consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (consumer[0] == null || consumer[0].getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the consumer did not block within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitSeen(AtomicLong lastSeen, long seq) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lastSeen.get() < seq) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("consumer saw up to " + lastSeen.get() + ", published " + seq);
            }
            Thread.onSpinWait();
        }
    }
}
