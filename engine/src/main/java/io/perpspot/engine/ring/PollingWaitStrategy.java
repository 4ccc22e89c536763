package io.perpspot.engine.ring;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.LockSupport;

/**
 * The consumer's wait ({@code ring.wait-strategy: polling}, the shipped one): when it has caught
 * up with the producers it looks at the ring's cursor once per {@link #DEFAULT_POLL_NANOS poll
 * interval}, spinning on {@link Thread#onSpinWait} in between without touching it; after
 * {@link #DEFAULT_SPIN_NANOS 30 µs} without an event it parks ({@link LockSupport#parkNanos},
 * about 50–60 µs a time on Linux) and looks after each park, so an idle engine burns no core.
 *
 * <p>Why not look all the time: every look pulls the cursor's cache line to the consumer's core,
 * and the producer's next claim (a compare-and-set on that line in the multi-producer ring) then
 * waits for the line to come back. A consumer that keeps up with a fast feed looks about once per
 * event with {@code sleeping} (its spin-then-yield loop), so nearly every claim became a cross-core
 * miss; looking once per poll interval lets events gather into small batches instead. Measured on
 * the reference machine (docs/benchmarks.md, "The consumer's wait"): {@code CorePathBenchmark}'s
 * {@code fullPath} / {@code rawScan} 51–69 % in six three-benchmark runs against 44–62 % with
 * {@code sleeping}; a 2 µs and a 10 µs interval are alike in throughput, and at 100,000 ev/s
 * through the latency harness the 2 µs interval keeps the median at 2.4 µs (10 µs: 7 µs;
 * {@code sleeping}: 1.4–2.0 µs) with the same millisecond tail.
 *
 * <p>Allocation-free; no signalling on the producer's side.
 */
public final class PollingWaitStrategy implements WaitStrategy {
    /** Default time between looks at the cursor while spinning. */
    public static final long DEFAULT_POLL_NANOS = 2_000L;
    /** Default time the consumer spins, looking once per poll, before it parks. */
    public static final long DEFAULT_SPIN_NANOS = 30_000L;
    /** Default park per look once parked (Linux sleeps at least its timer slack, about 50 µs). */
    public static final long DEFAULT_PARK_NANOS = 1_000L;

    private final long pollNanos;
    private final long spinNanos;
    private final long parkNanos;

    public PollingWaitStrategy() {
        this(DEFAULT_POLL_NANOS, DEFAULT_SPIN_NANOS, DEFAULT_PARK_NANOS);
    }

    public PollingWaitStrategy(long pollNanos, long spinNanos, long parkNanos) {
        if (pollNanos <= 0 || spinNanos < 0 || parkNanos <= 0) {
            throw new IllegalArgumentException("poll " + pollNanos + " ns, spin " + spinNanos + " ns, park "
                    + parkNanos + " ns: poll and park must be positive, spin not negative");
        }
        this.pollNanos = pollNanos;
        this.spinNanos = spinNanos;
        this.parkNanos = parkNanos;
    }

    public long pollNanos() {
        return pollNanos;
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
        while (true) {
            barrier.checkAlert();
            long now = System.nanoTime();
            if (now - start < spinNanos) {
                while (now - nextLook < 0) {
                    Thread.onSpinWait();
                    now = System.nanoTime();
                }
                nextLook = now + pollNanos;
            } else {
                LockSupport.parkNanos(parkNanos);
            }
            available = dependentSequence.get();
            if (available >= sequence) {
                return available;
            }
        }
    }

    @Override
    public void signalAllWhenBlocking() {
        // Nothing blocks on a condition: the consumer looks at the cursor by itself.
    }

    @Override
    public String toString() {
        return "PollingWaitStrategy{poll=" + pollNanos + "ns, spin=" + spinNanos + "ns, park=" + parkNanos + "ns}";
    }
}
