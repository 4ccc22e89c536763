package io.perpspot.bench;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.ring.RingPublisher;
import io.perpspot.engine.ring.WaitStrategies;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Handing a bbo event from the producer thread to one consumer thread, beside the baseline;
 * one op = one event handed over and seen by the consumer, events per second:
 *
 * <pre>
 *   disruptor           RingPublisher ─▶ Disruptor ring (shipped size and wait strategy,
 *                       multi-producer, as Pipeline builds it) ─▶ consumer counts
 *   arrayBlockingQueue  copy into a pooled event ─▶ ArrayBlockingQueue.offer ─▶ take() ─▶ consumer counts
 * </pre>
 *
 * An invocation hands over a batch of half the ring and returns when the consumer has seen all
 * of it, so neither side can ever be full (a drop fails the trial).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RingHandoffBenchmark {
    public static final int BATCH = 8192;

    static MarketEvent bbo() {
        MarketEvent e = new MarketEvent();
        e.type = EventType.PERP_BBO;
        e.source = Source.HL_WS_MAINNET;
        e.tokenId = 1;
        e.bidPx = 84_143_000_000_000_000L;
        e.askPx = 84_144_000_000_000_000L;
        e.bidSz = 10_259_230L;
        e.askSz = 50_664_220L;
        return e;
    }

    static void spinUntil(LongSupplier seen, long target, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int spins = 0;
        while (seen.getAsLong() < target) {
            Thread.onSpinWait();
            if ((++spins & 0xFFFF) == 0 && System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(what + ": consumer saw " + seen.getAsLong() + " of " + target);
            }
        }
    }

    /** The shipped ring (size and wait strategy) with one consumer that records the last sequence seen. */
    @State(Scope.Thread)
    public static class DisruptorState {
        Disruptor<MarketEvent> disruptor;
        RingPublisher publisher;
        FeedStats stats = new FeedStats();
        final MarketEvent event = bbo();
        volatile long seen;
        long offered;

        @Setup(Level.Trial)
        public void setUp() {
            Config config = ConfigLoader.load(null, List.of());
            disruptor = new Disruptor<>(MarketEvent::new, config.get(Settings.RING_SIZE), r -> {
                Thread t = new Thread(r, "bench-ring-consumer");
                t.setDaemon(true);
                return t;
            }, ProducerType.MULTI, WaitStrategies.forName(config.get(Settings.RING_WAIT)));
            EventHandler<MarketEvent> h = (e, seq, end) -> seen = seq + 1;
            disruptor.handleEventsWith(h);
            disruptor.start();
            publisher = new RingPublisher(disruptor.getRingBuffer(), stats);
        }

        /** Publishes {@link #BATCH} events and returns once the consumer has seen them all. */
        public void batch() {
            for (int i = 0; i < BATCH; i++) {
                event.tokenId = i & 15;
                if (!publisher.publish(event)) {
                    throw new IllegalStateException("ring full");
                }
            }
            offered += BATCH;
            spinUntil(() -> seen, offered, "disruptor");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            disruptor.shutdown();
        }
    }

    /** An ArrayBlockingQueue of the ring's size with one consumer thread that counts. */
    @State(Scope.Thread)
    public static class QueueState {
        QueueHandoff handoff;
        final MarketEvent event = bbo();
        long offered;

        @Setup(Level.Trial)
        public void setUp() {
            int size = ConfigLoader.load(null, List.of()).get(Settings.RING_SIZE);
            handoff = new QueueHandoff(size, e -> { }, r -> {
                Thread t = new Thread(r, "bench-queue-consumer");
                t.setDaemon(true);
                return t;
            });
        }

        /** Offers {@link #BATCH} events and returns once the consumer has taken them all. */
        public void batch() {
            for (int i = 0; i < BATCH; i++) {
                event.tokenId = i & 15;
                if (!handoff.offer(event)) {
                    throw new IllegalStateException("queue full");
                }
            }
            offered += BATCH;
            spinUntil(handoff::consumed, offered, "queue");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            handoff.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void disruptor(DisruptorState s) {
        s.batch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void arrayBlockingQueue(QueueState s) {
        s.batch();
    }
}
