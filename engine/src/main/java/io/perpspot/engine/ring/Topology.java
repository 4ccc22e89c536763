package io.perpspot.engine.ring;

import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.journal.AppendProbe;
import io.perpspot.engine.journal.JournalAppendException;
import io.perpspot.engine.journal.JournalHandler;
import io.perpspot.engine.strategy.Recovery;
import java.util.concurrent.locks.LockSupport;
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
    /**
     * Counted down when the consumer runs. Disruptor.shutdown() only waits for a consumer that is
     * running: closing right after start() could otherwise halt it before it consumed anything.
     */
    private final CountDownLatch consumerStarted = new CountDownLatch(1);
    private boolean started;
    private final Journal journal;
    private final boolean pauseOnError;
    private final long retryNanos;
    private final JournalFailure onFailure;
    // Consumer thread only (read by others for figures).
    private volatile JournalAppendException failure;
    private long nextRetryNanos;
    private boolean retrying;
    private volatile long notJournaled;
    private volatile long failures;
    private volatile long resumed;
    /** Test hook: the consumer sleeps this long before each event (a slow strategy). */
    private volatile long testDelayNanos;

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
        this(journal, ringSize, waitStrategy, stats, clock, latencyPeriodNanos, 0, false, 5_000_000_000L, null);
    }

    /** Called on the consumer thread when an append fails: {@code exit} is true in exit mode. */
    @FunctionalInterface
    public interface JournalFailure {
        void failed(boolean exit);
    }

    /**
     * @param overflowCapacity the publisher's FIFO of never-dropped events (ring.overflow-capacity);
     *        0 for the plain drop-and-count policy
     * @param pauseOnError journal.on-error: pause (retry every {@code retryNanos}, then recover and
     *        resume) or exit (stop ingesting and tell {@code onFailure})
     */
    public Topology(Journal journal, int ringSize, String waitStrategy, FeedStats stats, EpochNanoClock clock,
                    long latencyPeriodNanos, int overflowCapacity, boolean pauseOnError, long retryNanos,
                    JournalFailure onFailure) {
        this.journal = journal;
        this.pauseOnError = pauseOnError;
        this.retryNanos = retryNanos;
        this.onFailure = onFailure;
        this.journalHandler = new JournalHandler(journal.input(), journal.inputPages());
        this.latency = clock != null && latencyPeriodNanos > 0
                ? new LatencyRecorder(clock, latencyPeriodNanos, journalHandler) : null;
        this.outputSink = new OutputJournalSink(journal.output(), journal.outputPages());
        this.strategy = new Strategy(outputSink);
        this.disruptor = new Disruptor<>(MarketEvent::new, ringSize, DaemonThreadFactory.INSTANCE,
                ProducerType.MULTI, waitStrategy(waitStrategy));
        EventHandler<MarketEvent> consumer = new EventHandler<>() {
            private Sequence consumed;

            @Override
            public void setSequenceCallback(Sequence sequenceCallback) {
                consumed = sequenceCallback;
            }

            @Override
            public void onEvent(MarketEvent event, long sequence, boolean endOfBatch) {
                long delay = testDelayNanos;
                if (delay > 0) {
                    LockSupport.parkNanos(delay);
                }
                try {
                    consume(event);
                } finally {
                    if (endOfBatch) {
                        // Release this batch's slots first: the processor only advances its
                        // sequence after onEvent returns, so with a full ring a drain here would
                        // find no room, and with the feeds quiet nothing would flush the held
                        // events (found by OverloadCoalescingTest: 455 events stuck at close).
                        // Only when something is held: the steady state stays as it was.
                        if (publisher.pending() > 0) {
                            if (consumed != null) {
                                consumed.set(sequence);
                            }
                            publisher.drain();
                        }
                    }
                }
            }

            @Override
            public void onStart() {
                Thread.currentThread().setName("perpspot-consumer");
                consumerStarted.countDown();
            }

            @Override
            public void onShutdown() {
                // On the consumer thread, which owns the input appender: the last interval.
                try {
                    // Not after a journal failure: the append would fail again (a second ERROR,
                    // "consumer failed to stop", found by StorageFaultTest).
                    if (latency != null && failure == null) {
                        latency.flush();
                    }
                } catch (JournalAppendException ex) {
                    failed(ex, null);
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
        // overflowCapacity 0: the plain drop-and-count policy (tools, tests, benchmarks).
        this.publisher = overflowCapacity > 0 ? new RingPublisher(disruptor.getRingBuffer(), stats, overflowCapacity)
                : new RingPublisher(disruptor.getRingBuffer(), stats);
    }

    /** Journal first, then act; an append failure stops ingesting (see {@link #failed}). */
    private void consume(MarketEvent event) {
        if (failure != null && !retry()) {
            notJournaled++;
            return;
        }
        try {
            journalHandler.onEvent(event);
        } catch (JournalAppendException ex) {
            failed(ex, event);
            return;
        }
        if (retrying) {
            retrying = false;
            resumed++;
            LOG.warn("journal {}: appends succeed again; ingestion resumed ({} events were not journaled meanwhile)",
                    journal.dir(), notJournaled);
        }
        LatencyRecorder l = latency;
        try {
            if (l == null) {
                strategy.onEvent(event);
                return;
            }
            l.onJournaled(event);
            long before = strategy.opportunities();
            strategy.onEvent(event);
            l.onStrategy(event, strategy.opportunities() != before);
        } catch (JournalAppendException ex) {
            // The input is journaled, some of its output is not: resuming recovers it from the journal.
            failed(ex, null);
        }
    }

    private void failed(JournalAppendException ex, MarketEvent notJournaledEvent) {
        if (notJournaledEvent != null) {
            notJournaled++;
        }
        failure = ex;
        nextRetryNanos = System.nanoTime() + retryNanos;
        if (retrying) {
            LOG.debug("journal still failing: {}", ex.getMessage());
            return;
        }
        failures++;
        LOG.error("journal {}: {}; ingestion stopped, nothing partial was committed; {}", journal.dir(), ex.getMessage(),
                pauseOnError ? "retrying every " + retryNanos / 1_000_000 + " ms (journal.on-error: pause)"
                        : "the engine stops (journal.on-error: exit)");
        if (onFailure != null) {
            onFailure.failed(!pauseOnError);
        }
    }

    /** Pause mode: at most once per retry interval, recover from the journal and resume if that works. */
    private boolean retry() {
        if (!pauseOnError || System.nanoTime() - nextRetryNanos < 0) {
            return false;
        }
        nextRetryNanos = System.nanoTime() + retryNanos;
        try {
            // Rebuild the state from what the journal holds, completing any output the failure cut
            // short, so the output stays exactly what the input derives; then try this event.
            Recovery.Result r = Recovery.recover(journal, strategy);
            LOG.warn("journal {}: trying again after {} events were not journaled ({})", journal.dir(), notJournaled,
                    r.describe());
            failure = null;
            retrying = true;
            return true;
        } catch (RuntimeException ex) {
            LOG.debug("journal still failing: {}", ex.toString());
            return false;
        }
    }

    /**
     * The consumer's wait strategy for a {@code ring.wait-strategy} name (the config schema
     * validates the name; anything else is {@code sleeping}). Also used by the benchmarks, so that
     * they wait exactly as the engine does.
     */
    public static WaitStrategy waitStrategy(String name) {
        return switch (name) {
            case "blocking" -> new BlockingWaitStrategy();
            case "yielding" -> new YieldingWaitStrategy();
            case "busy-spin" -> new BusySpinWaitStrategy();
            case "polling" -> new PollingWaitStrategy();
            default -> new SleepingWaitStrategy();
        };
    }

    public synchronized void start() {
        if (!started) {
            disruptor.start();
            started = true;
            try {
                if (!consumerStarted.await(30, TimeUnit.SECONDS)) {
                    LOG.warn("consumer thread did not start within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    /** Tests: make the consumer this much slower per event (0: off). */
    public void slowConsumerForTest(long nanosPerEvent) {
        testDelayNanos = nanosPerEvent;
    }

    /** Tests: the fault-injection seam of both queues' appends. */
    public void injectStorageFault(AppendProbe probe) {
        journalHandler.probe(probe);
        outputSink.probe(probe);
    }

    /** True while ingestion is stopped by a journal failure. */
    public boolean journalFailed() {
        return failure != null;
    }

    /** Events not journaled (and not acted on) because the journal was failing. */
    public long notJournaled() {
        return notJournaled;
    }

    /** Journal append failures that stopped ingestion. */
    public long journalFailures() {
        return failures;
    }

    /** Times ingestion resumed after a failure (pause mode). */
    public long journalResumes() {
        return resumed;
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
            // Events held by the overload policy (FIFO, latest per token) go into the ring first:
            // shutdown() only waits for what the ring holds.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (publisher.pending() > 0 && System.nanoTime() - deadline < 0) {
                publisher.drain();
                if (publisher.pending() > 0) {
                    LockSupport.parkNanos(1_000_000L);
                }
            }
            if (publisher.pending() > 0) {
                LOG.warn("{} held events were not flushed into the ring within 10 s", publisher.pending());
            }
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
