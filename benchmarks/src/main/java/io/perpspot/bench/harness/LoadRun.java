package io.perpspot.bench.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.ThreadMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAccumulator;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.HdrHistogram.Histogram;

/**
 * Offers a workload to one pipeline at a fixed rate from a dedicated producer thread, then
 * drains it and collects the figures.
 *
 * <p>Frame {@code i} is due at {@code start + i / rate}. The producer spins until it is due and
 * offers it; when it is behind it offers at once, without skipping any, and the delay shows in
 * the latency of every frame that was late (measured from its due time: see {@link Pipeline}).
 * The first {@code warmup} of the schedule is not recorded. Allocation is read from the
 * producer's and the consumer's {@code ThreadMXBean} counters, GC from the collectors' beans,
 * both over the measured part only.
 */
public final class LoadRun {
    /** Longest wait for the consumer to finish after the last frame. */
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** What the progress display reads while the run goes on. */
    public static final class Progress {
        public volatile long offered;
        public volatile long startNanos;
        public volatile long endNanos;
        public volatile boolean draining;
    }

    private LoadRun() {
    }

    /**
     * Runs {@code w} through {@code p} at {@code rate} frames per second: warms up for {@code warmupNanos}
     * (not recorded), measures for {@code durationNanos}, then waits for the consumer to drain; a run whose
     * producer falls more than {@code maxLagNanos} behind its schedule stops early, marked overloaded.
     * Blocks the calling thread for the whole run; {@code progress} is updated as it goes.
     */
    public static RunResult run(Pipeline p, Workload w, long rate, long warmupNanos, long durationNanos,
            long maxLagNanos,
            Progress progress) throws InterruptedException {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long interval = Math.max(1, Math.round(1e9 / rate));
        long[] producerBytes = new long[2];
        long[] consumerBytes = new long[2];
        long[] offered = new long[1];
        long[] measuredOffered = new long[1];
        long[] gcBefore = new long[2];
        GcPauses pauses = new GcPauses();
        Throwable[] producerFailure = new Throwable[1];
        boolean[] overloaded = new boolean[1];

        // Wait for the consumer thread to exist (the Disruptor starts it asynchronously).
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (p.consumerThread() == null && System.nanoTime() < waitUntil) {
            Thread.sleep(1);
        }
        Thread consumer = p.consumerThread();
        if (consumer == null) {
            throw new IllegalStateException(p.name() + ": consumer thread did not start");
        }
        while (p.processed() < p.setupEvents()) {
            if (p.failure() != null || System.nanoTime() > waitUntil) {
                throw new IllegalStateException(p.name() + ": the consumer did not handle the setup events",
                        p.failure());
            }
            Thread.sleep(1);
        }

        Thread producer = new Thread(() -> {
            try {
                byte[][] frames = w.frames;
                boolean[] jupiter = w.jupiter;
                int mask = frames.length - 1;
                long start = System.nanoTime() + 1_000_000;
                long measureFrom = start + warmupNanos;
                long end = measureFrom + durationNanos;
                progress.startNanos = start;
                progress.endNanos = end;
                p.recordFrom(measureFrom);
                boolean measuring = false;
                long i = 0;
                while (true) {
                    long due = start + i * interval;
                    if (due >= end) {
                        break;
                    }
                    if (!measuring && due >= measureFrom) {
                        measuring = true;
                        // The bookkeeping allocates; the producer's own counter is read last.
                        gcBefore[0] = gcCount();
                        gcBefore[1] = gcMillis();
                        pauses.start();
                        measuredOffered[0] = -i;
                        consumerBytes[0] = threads.getThreadAllocatedBytes(consumer.getId());
                        producerBytes[0] = threads.getCurrentThreadAllocatedBytes();
                    }
                    long now;
                    while ((now = System.nanoTime()) < due) {
                        Thread.onSpinWait();
                    }
                    if (now - due > maxLagNanos) {
                        // Hopelessly behind the schedule: stop rather than run for minutes.
                        overloaded[0] = true;
                        break;
                    }
                    int k = (int) (i & mask);
                    w.stamp(k, i + 1);
                    p.offer(frames[k], jupiter[k], due);
                    i++;
                    if ((i & 1023) == 0) {
                        progress.offered = i;
                    }
                }
                producerBytes[1] = threads.getCurrentThreadAllocatedBytes();
                offered[0] = i;
                measuredOffered[0] = measuring ? measuredOffered[0] + i : 0;
                progress.offered = i;
            } catch (Throwable t) {
                producerFailure[0] = t;
            }
        }, "bench-producer");
        producer.setDaemon(true);
        long engineEvents = p.setupEvents();
        producer.start();
        producer.join();
        progress.draining = true;
        if (producerFailure[0] != null) {
            throw new IllegalStateException(p.name() + ": producer failed: " + producerFailure[0], producerFailure[0]);
        }
        // Drained when every offered frame was processed, dropped or rejected.
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        boolean drained;
        while (!(drained = p.processed() - engineEvents + p.dropped() + p.rejected() >= offered[0]
                && p.backlog() == 0)) {
            if (p.failure() != null || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1);
        }
        consumerBytes[1] = threads.getThreadAllocatedBytes(consumer.getId());
        long gcCount = gcCount() - gcBefore[0];
        long gcMs = gcMillis() - gcBefore[1];
        pauses.stop();
        long measuredNanos = durationNanos;
        if (!measuredOfferedStarted(measuredOffered)) {
            consumerBytes[1] = consumerBytes[0];
        }
        Histogram h = p.latency().copy();
        long processedMeasured = h.getTotalCount();
        return new RunResult(p.name(), rate, offered[0], measuredOffered[0], p.processed() - engineEvents,
                processedMeasured,
                p.dropped(), p.rejected(), drained, overloaded[0], p.failure() == null ? null : p.failure().toString(),
                measuredNanos, h, p.opportunityLatency().copy(), producerBytes[1] - producerBytes[0],
                consumerBytes[1] - consumerBytes[0], gcCount, gcMs, pauses.max(), p.clamped(), p.journaled(),
                p.outputs());
    }

    private static boolean measuredOfferedStarted(long[] measuredOffered) {
        return measuredOffered[0] > 0;
    }

    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    /** Longest stop-the-world GC pause while started (concurrent cycles excluded). */
    static final class GcPauses {
        private final DoubleAccumulator maxMs = new DoubleAccumulator(Math::max, 0);
        private final AtomicLong pauses = new AtomicLong();
        private final NotificationListener listener = (n, hb) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                if (!info.getGcName().contains("Concurrent") && !info.getGcCause().equals("No GC")) {
                    maxMs.accumulate(info.getGcInfo().getDuration());
                    pauses.incrementAndGet();
                }
            }
        };
        private final List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();

        void start() {
            for (GarbageCollectorMXBean b : beans) {
                if (b instanceof NotificationEmitter em) {
                    em.addNotificationListener(listener, null, null);
                }
            }
        }

        void stop() {
            for (GarbageCollectorMXBean b : beans) {
                if (b instanceof NotificationEmitter em) {
                    try {
                        em.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException e) {
                        // never started (no measured part)
                    }
                }
            }
        }

        double max() {
            return maxMs.get();
        }
    }
}
