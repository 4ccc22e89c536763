package io.perpspot.engine.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The consumer's wait ({@code ring.wait-strategy: polling}, the shipped one): when it has caught
 * up with the producers it looks at the ring's cursor once per {@link #DEFAULT_POLL_NANOS poll
 * interval}, spinning on {@link Thread#onSpinWait} in between without touching it; after up to
 * {@link #DEFAULT_SPIN_NANOS 30 µs} without an event it blocks until a producer publishes, so a
 * quiet engine burns no CPU waiting.
 *
 * <p>Why "up to": the spin is adaptive. A spin that finds an event (a burst, Hyperliquid pushes one
 * per block) keeps the full 30 µs for the next wait; each wait that had to block halves it, down to one
 * poll. Events spaced wider than the spin (1,000 or 10,000 ev/s arriving one by one) each woke a blocked
 * consumer anyway, after it had spun 30 µs for nothing: measured through the wire harness at 10,000 ev/s,
 * 8,000 wake-ups a second and a quarter of a core (docs/benchmarks.md, "Issue 23 point 2").
 *
 * <p>Why not look all the time: every look pulls the cursor's cache line to the consumer's core,
 * and the producer's next claim (a compare-and-set on that line in the multi-producer ring) then
 * waits for the line to come back. A consumer that keeps up with a fast feed looks about once per
 * event with {@code sleeping} (its spin-then-yield loop), so nearly every claim became a cross-core
 * miss; looking once per poll interval lets events gather into small batches instead. Measured on
 * the reference machine (docs/benchmarks.md, "The consumer's wait"): {@code CorePathBenchmark}'s
 * {@code fullPath} / {@code rawScan} 44–69 % (median 58 %) in nine three-benchmark runs against
 * 44–62 % (median 54.5 %) with {@code sleeping}, and 50–60 % in three whole-class runs against
 * 42–51 %; a 2 µs and a 10 µs interval are alike in throughput, and at 100,000 ev/s
 * through the latency harness the 2 µs interval keeps the median at 2.4 µs (10 µs: 7 µs;
 * {@code sleeping}: 1.4–2.0 µs) with the same millisecond tail.
 *
 * <p>Why block instead of parking for a few microseconds at a time (what {@code sleeping} does
 * once it has yielded): each of those naps is a timer wake-up, about 18,000 a second, and on this
 * VM they cost the consumer a quarter of a core at the sim's ~1,300 events/s. A blocked consumer
 * announces itself in one field; {@link #signalAllWhenBlocking()}, which the ring calls after every
 * publish, reads that field (a cache line only the consumer writes, and only when it blocks) and
 * unparks it when set. No wake-up is lost: the consumer sets the field and then reads the cursor,
 * a producer moves the cursor (the claim's compare-and-set, a full fence) and then reads the
 * field, so one of them sees the other. The block is also timed ({@link #DEFAULT_BLOCK_NANOS}),
 * a bound for producers that publish without a fence. Only one thread blocks at a time; any
 * other consumer of the same ring naps {@code parkNanos(1000)} instead.
 *
 * <p>Allocation-free.
 */
public final class PollingWaitStrategy implements WaitStrategy {
    /** Default time between looks at the cursor while spinning. */
    public static final long DEFAULT_POLL_NANOS = 2_000L;
    /** Default time the consumer spins, looking once per poll, before it blocks. */
    public static final long DEFAULT_SPIN_NANOS = 30_000L;
    /**
     * Default longest block before the consumer looks again without being woken: a bound only (every publish
     * through the ring wakes it), so long enough that an idle consumer wakes 10 times a second, not 100 (10 ms
     * until 2026-12-07: 0.11 % of a core on the idle engine, docs/benchmarks.md "Issue 23 point 2").
     */
    public static final long DEFAULT_BLOCK_NANOS = 100_000_000L;

    private static final VarHandle WAITER;

    static {
        try {
            WAITER = MethodHandles.lookup().findVarHandle(WaiterField.class, "thread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long pollNanos;
    private final long spinNanos;
    private final long blockNanos;
    private final Waiter waiter = new Waiter();
    /**
     * How long the next wait spins before it blocks: {@link #spinNanos} after a spin that found an event (a burst
     * is on), halved after each wait that had to block, down to one poll. Consumer thread only (with several
     * consumers a shared hint; a stale value costs a shorter or longer spin, nothing else).
     */
    private long spinBudget;

    public PollingWaitStrategy() {
        this(DEFAULT_POLL_NANOS, DEFAULT_SPIN_NANOS, DEFAULT_BLOCK_NANOS);
    }

    public PollingWaitStrategy(long pollNanos, long spinNanos, long blockNanos) {
        if (pollNanos <= 0 || spinNanos < 0 || blockNanos <= 0) {
            throw new IllegalArgumentException("poll " + pollNanos + " ns, spin " + spinNanos + " ns, block "
                    + blockNanos + " ns: poll and block must be positive, spin not negative");
        }
        this.pollNanos = pollNanos;
        this.spinNanos = spinNanos;
        this.blockNanos = blockNanos;
        this.spinBudget = spinNanos;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException {
        long available = dependentSequence.get();
        if (available >= sequence) {
            return available;
        }
        long start = System.nanoTime();
        long nextLook = start + pollNanos;
        long spin = spinBudget;
        boolean blocked = false;
        while (true) {
            barrier.checkAlert();
            long now = System.nanoTime();
            if (now - start < spin) {
                while (now - nextLook < 0) {
                    Thread.onSpinWait();
                    now = System.nanoTime();
                }
                nextLook = now + pollNanos;
            } else if (cursor.get() < sequence) {
                block(sequence, cursor, barrier);
                blocked = true;
            } else {
                // Published, but an upstream handler has not caught up: it signals nobody, so look.
                Thread.onSpinWait();
            }
            available = dependentSequence.get();
            if (available >= sequence) {
                spinBudget = nextSpin(spin, blocked, pollNanos, spinNanos);
                return available;
            }
        }
    }

    /** The next wait's spin: the full {@code spinNanos} after one that found an event, half after a block. */
    static long nextSpin(long spin, boolean blocked, long pollNanos, long spinNanos) {
        return blocked ? Math.max(pollNanos, spin >> 1) : spinNanos;
    }

    /** How long the next wait spins before it blocks (tests). */
    long spinBudget() {
        return spinBudget;
    }

    private void block(long sequence, Sequence cursor, SequenceBarrier barrier) {
        Thread me = Thread.currentThread();
        if (!WAITER.compareAndSet(waiter, (Thread) null, me)) {
            LockSupport.parkNanos(1_000L);
            return;
        }
        try {
            if (cursor.get() < sequence && !barrier.isAlerted()) {
                LockSupport.parkNanos(this, blockNanos);
            }
        } finally {
            WAITER.setVolatile(waiter, (Thread) null);
        }
    }

    @Override
    public void signalAllWhenBlocking() {
        Thread blocked = (Thread) WAITER.getVolatile(waiter);
        if (blocked != null) {
            LockSupport.unpark(blocked);
        }
    }

    @Override
    public String toString() {
        return "PollingWaitStrategy{poll=" + pollNanos + "ns, spin=" + spinNanos + "ns, block=" + blockNanos + "ns}";
    }

    /** The blocked consumer, if any, alone on its cache lines (read by the producer on every publish). */
    @SuppressWarnings("unused")
    private static class WaiterPad {
        long p01, p02, p03, p04, p05, p06, p07, p08;
    }

    @SuppressWarnings("unused")
    private static class WaiterField extends WaiterPad {
        volatile Thread thread;
    }

    @SuppressWarnings("unused")
    private static final class Waiter extends WaiterField {
        long q01, q02, q03, q04, q05, q06, q07, q08;
    }
}
