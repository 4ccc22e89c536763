package io.perpspot.engine.ring;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.perpspot.engine.codec.FeedStats;
import io.perpspot.engine.journal.JournalHandler;
import io.perpspot.engine.journal.OutputJournalSink;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.latency.LatencyRecorder;
import org.agrona.concurrent.EpochNanoClock;
import io.perpspot.engine.strategy.Strategy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import com.lmax.disruptor.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's data path, wired in one place:
 *
 * <pre>
 *   Netty I/O thread ─ HyperliquidDecoder ──┐
 *   scheduler ──────── JupiterPriceDecoder ─┼─▶ RingPublisher ─▶ ring of MarketEvent (Disruptor, multi-producer)
 *   engine ─────────── start, tokens, status┘                              │
 *                                                                           ▼  one consumer thread
 *                                               JournalHandler ── append to input queue, stamp index
 *                                                      │  (journal first, then act)
 *                                                      ▼
 *                                               Strategy ── SpreadBook ─▶ z-score ─▶ ArbitrageDetector
 *                                                      │
 *                                                      ▼
 *                                               OutputJournalSink ── spreads, opportunities, feed latency ─▶ output queue
 *
 *   LatencyRecorder (optional) ── after each handler: receive → journaled, receive → opportunity
 *                                 by wall clock ─▶ LatencySnapshot records in the input queue
 * </pre>
 *
 * On two cores one consumer thread runs both handlers in sequence: a second consumer would only
 * compete with the I/O thread. Decoders publish copies of fully validated events; the ring slot
 * objects are allocated once, at construction.
 */
public final class Topology implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Topology.class);

    private final Disruptor<MarketEvent> disruptor;
    private final JournalHandler journalHandler;
    private final OutputJournalSink outputSink;
    private final Strategy strategy;
    private final RingPublisher publisher;
    private final LatencyRecorder latency;
    private final AtomicLong handlerErrors = new AtomicLong();
    /** Counted down by the consumer thread when it has stopped (halt() does not wait for it). */
    private final CountDownLatch consumerStopped = new CountDownLatch(1);
    private boolean started;

    /** A topology without engine-latency recording (tests, tools). */
    public Topology(Journal journal, int ringSize, String waitStrategy, FeedStats stats) {
        this(journal, ringSize, waitStrategy, stats, null, 0);
    }

    /**
     * @param clock the clock that stamps {@link MarketEvent#recvNanos}; with {@code latencyPeriodNanos > 0}
     *        the consumer records the engine's own latency by it and journals it every period
     * @param latencyPeriodNanos wall time between engine-latency snapshots; 0 (or a null clock): off
     */
    public Topology(Journal journal, int ringSize, String waitStrategy, FeedStats stats, EpochNanoClock clock,
                    long latencyPeriodNanos) {
        this.journalHandler = new JournalHandler(journal.input());
        this.latency = clock != null && latencyPeriodNanos > 0
                ? new LatencyRecorder(clock, latencyPeriodNanos, journalHandler) : null;
        this.outputSink = new OutputJournalSink(journal.output());
        this.strategy = new Strategy(outputSink);
        this.disruptor = new Disruptor<>(MarketEvent::new, ringSize, DaemonThreadFactory.INSTANCE,
                ProducerType.MULTI, waitStrategy(waitStrategy));
        EventHandler<MarketEvent> consumer = new EventHandler<>() {
            @Override
            public void onEvent(MarketEvent event, long sequence, boolean endOfBatch) {
                journalHandler.onEvent(event);
                LatencyRecorder l = latency;
                if (l == null) {
                    strategy.onEvent(event);
                    return;
                }
                l.onJournaled(event);
                long before = strategy.opportunities();
                strategy.onEvent(event);
                l.onStrategy(event, strategy.opportunities() != before);
            }

            @Override
            public void onStart() {
                Thread.currentThread().setName("perpspot-consumer");
            }

            @Override
            public void onShutdown() {
                // On the consumer thread, which owns the input appender: the last interval.
                try {
                    if (latency != null) {
                        latency.flush();
                    }
                } finally {
                    consumerStopped.countDown();
                }
            }
        };
        disruptor.handleEventsWith(consumer);
        disruptor.setDefaultExceptionHandler(new ExceptionHandler<>() {
            @Override
            public void handleEventException(Throwable ex, long sequence, MarketEvent event) {
                if (handlerErrors.getAndIncrement() == 0) {
                    LOG.error("event {} ({} from {}) failed in the consumer; it was skipped (further failures are counted)",
                            sequence, EventType.name(event.type), Source.name(event.source), ex);
                }
            }

            @Override
            public void handleOnStartException(Throwable ex) {
                LOG.error("consumer failed to start", ex);
            }

            @Override
            public void handleOnShutdownException(Throwable ex) {
                LOG.error("consumer failed to stop", ex);
            }
        });
        this.publisher = new RingPublisher(disruptor.getRingBuffer(), stats);
    }

    static WaitStrategy waitStrategy(String name) {
        return switch (name) {
            case "blocking" -> new BlockingWaitStrategy();
            case "yielding" -> new YieldingWaitStrategy();
            case "busy-spin" -> new BusySpinWaitStrategy();
            default -> new SleepingWaitStrategy();
        };
    }

    public synchronized void start() {
        if (!started) {
            disruptor.start();
            started = true;
        }
    }

    /** The publisher for every producer thread. */
    public RingPublisher publisher() {
        return publisher;
    }

    public JournalHandler journalHandler() {
        return journalHandler;
    }

    public Strategy strategy() {
        return strategy;
    }

    /** The engine-latency recorder, or null when off. */
    public LatencyRecorder latencyRecorder() {
        return latency;
    }

    public long handlerErrors() {
        return handlerErrors.get();
    }

    /** Events published but not yet consumed. */
    public long backlog() {
        var ring = disruptor.getRingBuffer();
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    /** Processes everything already published, then stops the consumer (waits at most 10 s). */
    @Override
    public synchronized void close() {
        if (started) {
            try {
                disruptor.shutdown(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.warn("consumer did not drain the ring within 10 s; halting");
                disruptor.halt();
            }
            try {
                if (!consumerStopped.await(10, TimeUnit.SECONDS)) {
                    LOG.warn("consumer thread did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            started = false;
        }
        journalHandler.close();
        outputSink.close();
    }
}
