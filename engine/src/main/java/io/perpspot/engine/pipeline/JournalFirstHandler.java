package io.perpspot.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalAppendException;
import io.perpspot.engine.journal.JournalHandler;
import io.perpspot.engine.latency.LatencyRecorder;
import io.perpspot.engine.ring.RingPublisher;
import io.perpspot.engine.strategy.Recovery;
import io.perpspot.engine.strategy.Strategy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ring's one consumer: journal first, then act. Each event is appended to the input queue
 * ({@link JournalHandler}, which stamps its index), then folded by the {@link Strategy}; with a
 * {@link LatencyRecorder} the engine's own latency is recorded after each step.
 *
 * <p><b>The journal-failure policy.</b> When an append fails, ingestion stops: nothing partial
 * is committed and no event is acted on unjournaled. {@code journal.on-error: exit} tells the
 * {@link Pipeline.JournalFailure} listener, which stops the engine; {@code pause} tries again at
 * most once per retry interval: it rebuilds the strategy's state from what the journal holds
 * ({@link Recovery}, which also completes output the failure cut short) and resumes with the
 * next event. Events that arrive meanwhile are counted, not journaled.
 *
 * <p>At the end of each batch it flushes what the publisher's overload policy holds back
 * ({@link RingPublisher#drain}), after releasing the batch's slots.
 */
public final class JournalFirstHandler implements EventHandler<MarketEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFirstHandler.class);

    private final Journal journal;
    private final JournalHandler journalHandler;
    private final Strategy strategy;
    private final LatencyRecorder latency;
    private final RingPublisher publisher;
    private final boolean pauseOnError;
    private final long retryNanos;
    private final Pipeline.JournalFailure onFailure;
    /** Counted down when the consumer runs (Disruptor.shutdown() only waits for a running one). */
    final CountDownLatch started = new CountDownLatch(1);
    /** Counted down when the consumer has stopped (halt() does not wait for it). */
    final CountDownLatch stopped = new CountDownLatch(1);
    private Sequence consumed;
    // Consumer thread only (read by others for figures).
    private volatile JournalAppendException failure;
    private long nextRetryNanos;
    private boolean retrying;
    private volatile long notJournaled;
    private volatile long failures;
    private volatile long resumed;
    /** Test hook: the consumer sleeps this long before each event (a slow strategy). */
    private volatile long testDelayNanos;

    JournalFirstHandler(Journal journal, JournalHandler journalHandler, Strategy strategy, LatencyRecorder latency,
                        RingPublisher publisher, PipelineSettings settings, Pipeline.JournalFailure onFailure) {
        this.journal = journal;
        this.journalHandler = journalHandler;
        this.strategy = strategy;
        this.latency = latency;
        this.publisher = publisher;
        this.pauseOnError = settings.pauseOnError();
        this.retryNanos = settings.retryNanos();
        this.onFailure = onFailure;
    }

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
            // Release this batch's slots first: the processor only advances its sequence after
            // onEvent returns, so with a full ring a drain here would find no room, and with the
            // feeds quiet nothing would flush the held events (found by OverloadCoalescingTest:
            // 455 events stuck at close). Only when something is held: the steady state stays
            // as it was.
            if (endOfBatch && publisher.pending() > 0) {
                if (consumed != null) {
                    consumed.set(sequence);
                }
                publisher.drain();
            }
        }
    }

    @Override
    public void onStart() {
        Thread.currentThread().setName("perpspot-consumer");
        started.countDown();
    }

    @Override
    public void onShutdown() {
        // On the consumer thread, which owns the input appender: the last interval. Not after a
        // journal failure: the append would fail again (a second ERROR, "consumer failed to stop",
        // found by StorageFaultTest).
        try {
            if (latency != null && failure == null) {
                latency.flush();
            }
        } catch (JournalAppendException ex) {
            failed(ex, null);
        } finally {
            stopped.countDown();
        }
    }

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
        LOG.error("journal {}: {}; ingestion stopped, nothing partial was committed; {}", journal.dir(),
                ex.getMessage(),
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

    void slowDown(long nanosPerEvent) {
        testDelayNanos = nanosPerEvent;
    }

    boolean failing() {
        return failure != null;
    }

    long notJournaled() {
        return notJournaled;
    }

    long failures() {
        return failures;
    }

    long resumed() {
        return resumed;
    }
}
