package io.perpspot.engine.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.LogKeys;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.AppendProbe;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalHandler;
import io.perpspot.engine.journal.OutputJournalSink;
import io.perpspot.engine.latency.LatencyFigures;
import io.perpspot.engine.latency.LatencyRecorder;
import io.perpspot.engine.ring.RingPublisher;
import io.perpspot.engine.ring.WaitStrategies;
import io.perpspot.engine.strategy.Strategy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer side of the engine: one Disruptor ring of {@link MarketEvent}s (multi-producer),
 * its {@link RingPublisher} for every feed thread, and one consumer thread running
 * {@link JournalFirstHandler}: {@link JournalHandler} (input queue), then the {@link Strategy}
 * writing through {@link OutputJournalSink} (output queue), with an optional
 * {@link LatencyRecorder}. {@code app.EngineAssembly} builds it for the engine; tools, tests and
 * benchmarks build the same one with {@link PipelineSettings#plain}.
 *
 * <p>On two cores one consumer thread runs both steps in sequence: a second consumer would only
 * compete with the I/O thread. The ring's slot objects are allocated once, at construction.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final long CLOSE_WAIT_NANOS = 10_000_000_000L;

    /** Called on the consumer thread when an append fails: {@code exit} is true in exit mode. */
    @FunctionalInterface
    public interface JournalFailure {
        /** The journal failed; {@code exit}: the engine must stop (exit mode). */
        void failed(boolean exit);
    }

    private final Disruptor<MarketEvent> disruptor;
    private final JournalHandler journalHandler;
    private final OutputJournalSink outputSink;
    private final Strategy strategy;
    private final RingPublisher publisher;
    private final LatencyRecorder latency;
    private final LatencyFigures latencyFigures = new LatencyFigures();
    private final JournalFirstHandler consumer;
    private final AtomicLong handlerErrors = new AtomicLong();
    private boolean started;

    /** A pipeline without engine-latency recording and without a failure listener. */
    public Pipeline(Journal journal, PipelineSettings settings, FeedStats stats) {
        this(journal, settings, stats, null, null);
    }

    /**
     * @param clock     the clock that stamps {@link MarketEvent#recvNanos}; with
     *                  {@link PipelineSettings#latencyPeriodNanos} &gt; 0 the consumer records the
     *                  engine's own latency by it and journals it every period (null: off)
     * @param onFailure told when an append fails (null: nobody)
     */
    public Pipeline(Journal journal, PipelineSettings settings, FeedStats stats, EpochNanoClock clock,
                    JournalFailure onFailure) {
        this.journalHandler = new JournalHandler(journal.input(), journal.inputPages());
        this.latency = clock != null && settings.latencyPeriodNanos() > 0
                ? new LatencyRecorder(clock, settings.latencyPeriodNanos(), journalHandler, latencyFigures) : null;
        this.outputSink = new OutputJournalSink(journal.output(), journal.outputPages());
        this.strategy = new Strategy(outputSink);
        strategy.latencyFigures(latencyFigures);
        this.disruptor = new Disruptor<>(MarketEvent::new, settings.ringSize(), DaemonThreadFactory.INSTANCE,
                ProducerType.MULTI, WaitStrategies.forName(settings.waitStrategy()));
        this.publisher = settings.overflowCapacity() > 0
                ? new RingPublisher(disruptor.getRingBuffer(), stats, settings.overflowCapacity())
                : new RingPublisher(disruptor.getRingBuffer(), stats);
        this.consumer = new JournalFirstHandler(journal, journalHandler, strategy, latency, publisher, settings,
                onFailure);
        disruptor.handleEventsWith(consumer);
        disruptor.setDefaultExceptionHandler(new ConsumerErrors());
    }

    /** Logs the first event that failed in the consumer and counts the rest; the event is skipped. */
    private final class ConsumerErrors implements ExceptionHandler<MarketEvent> {
        @Override
        public void handleEventException(Throwable ex, long sequence, MarketEvent event) {
            if (handlerErrors.getAndIncrement() == 0) {
                LOG.atError().addKeyValue(LogKeys.SOURCE, Source.name(event.source)).setCause(ex)
                        .log("event {} ({} from {}) failed in the consumer; it was skipped (further failures are"
                                + " counted)", sequence, EventType.name(event.type), Source.name(event.source));
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
    }

    /** Starts the consumer thread and waits (at most 30 s) until it runs. */
    public synchronized void start() {
        if (!started) {
            disruptor.start();
            started = true;
            if (!await(consumer.started, 30)) {
                LOG.warn("consumer thread did not start within 30 s");
            }
        }
    }

    /** The publisher for every producer thread. */
    public RingPublisher publisher() {
        return publisher;
    }

    /** The input-queue appender (counts by type). */
    public JournalHandler journalHandler() {
        return journalHandler;
    }

    /** The fold (books, counters). */
    public Strategy strategy() {
        return strategy;
    }

    /** Every latency kind's intervals so far (feed from the strategy, the engine's own from the recorder). */
    public LatencyFigures latencyFigures() {
        return latencyFigures;
    }

    /** The engine-latency recorder, or null when off. */
    public LatencyRecorder latencyRecorder() {
        return latency;
    }

    /** Tests: make the consumer this much slower per event (0: off). */
    public void slowConsumerForTest(long nanosPerEvent) {
        consumer.slowDown(nanosPerEvent);
    }

    /** Tests: the fault-injection seam of both queues' appends. */
    public void injectStorageFault(AppendProbe probe) {
        journalHandler.probe(probe);
        outputSink.probe(probe);
    }

    /** True while ingestion is stopped by a journal failure. */
    public boolean journalFailed() {
        return consumer.failing();
    }

    /** Events not journaled (and not acted on) because the journal was failing. */
    public long notJournaled() {
        return consumer.notJournaled();
    }

    /** Journal append failures that stopped ingestion. */
    public long journalFailures() {
        return consumer.failures();
    }

    /** Times ingestion resumed after a failure (pause mode). */
    public long journalResumes() {
        return consumer.resumed();
    }

    /** Events that threw in the consumer (skipped; the first was logged). */
    public long handlerErrors() {
        return handlerErrors.get();
    }

    /** Events published but not yet consumed. */
    public long backlog() {
        var ring = disruptor.getRingBuffer();
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    /** Free slots of the ring now (its size less the backlog). */
    public long remainingCapacity() {
        return disruptor.getRingBuffer().remainingCapacity();
    }

    /** Processes everything already published, then stops the consumer (waits at most 10 s). */
    @Override
    public synchronized void close() {
        if (started) {
            // Events held by the overload policy (FIFO, latest per token) go into the ring first:
            // shutdown() only waits for what the ring holds.
            long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
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
            if (!await(consumer.stopped, 10)) {
                LOG.warn("consumer thread did not stop within 10 s");
            }
            started = false;
        }
        journalHandler.close();
        outputSink.close();
    }

    private static boolean await(CountDownLatch latch, long seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
