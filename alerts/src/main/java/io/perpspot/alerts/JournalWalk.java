package io.perpspot.alerts;

import io.perpspot.alerts.rule.Evaluator;
import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.journal.OutputCodec;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a journal's two queues in journal order for the {@link Evaluator}: an output record is handled once the input
 * record it derives from has been, so a failover and an opportunity come out in the order the engine saw them, the
 * same on every pass over the same records. Reads only. Use it on one thread (Chronicle tailers are per thread).
 */
final class JournalWalk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWalk.class);
    private static final int BATCH = 2000;

    private final JournalReader reader;
    private final Evaluator evaluator;
    private final ExcerptTailer input;
    private final ExcerptTailer output;
    private final MarketEvent event = new MarketEvent();
    private final OutputRecord record = new OutputRecord();
    private long lastInput = -1;
    private long lastOutput = -1;
    private long undecodable;

    /**
     * Starts after {@code from} when given; else at the start ({@code fromStart}) or at the end of what is written.
     * The input before the starting point is read first ({@link Evaluator#prime}): token names, and the state the
     * trade models price on.
     */
    JournalWalk(JournalReader reader, Evaluator evaluator, ResumePoint from, boolean fromStart) {
        this.reader = reader;
        this.evaluator = evaluator;
        this.input = reader.inputTailer();
        this.output = reader.outputTailer();
        if (from != null) {
            primeThrough(from.input());
            skipThrough(input, from.input());
            skipThrough(output, from.output());
            lastInput = from.input();
            lastOutput = from.output();
            evaluator.restore(from.fired());
        } else if (!fromStart) {
            // From the last record the priming pass saw: what is appended meanwhile is new, and evaluated.
            long last = primeThrough(Long.MAX_VALUE);
            skipThrough(input, last);
            output.toEnd();
            lastInput = last;
        }
    }

    /** Primes the evaluator with the input records up to {@code index}; returns the last index read, or -1. */
    private long primeThrough(long index) {
        long[] last = {-1};
        reader.forEachInput(e -> {
            if (e.journalIndex > index) {
                return false;
            }
            evaluator.prime(e);
            last[0] = e.journalIndex;
            return true;
        });
        return last[0];
    }

    private static void skipThrough(ExcerptTailer t, long index) {
        if (index < 0) {
            return;
        }
        if (!t.moveToIndex(index)) {
            throw new JournalFormatException("alerts: the journal has no record " + index + " (resume point)");
        }
        try (DocumentContext dc = t.readingDocument()) {
            // consumes the record already handled
        }
    }

    /** Handles up to a batch of records; returns how many were read. */
    int step() {
        int n = 0;
        while (n < BATCH) {
            long need;
            try (DocumentContext dc = output.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                long index = dc.index();
                try {
                    OutputCodec.read(dc.wire().bytes(), index, record);
                } catch (JournalFormatException e) {
                    skip(e);
                    lastOutput = index;
                    n++;
                    continue;
                }
                if (record.inputIndex <= lastInput) {
                    evaluator.onOutput(record);
                    lastOutput = index;
                    n++;
                    continue;
                }
                need = record.inputIndex;
                dc.rollbackOnClose();
            }
            int m = inputsThrough(need);
            n += m;
            if (lastInput < need) {
                return n; // the input record is not readable yet (another process still writing)
            }
        }
        if (n < BATCH) {
            n += inputsThrough(Long.MAX_VALUE);
        }
        return n;
    }

    private int inputsThrough(long index) {
        int n = 0;
        while (lastInput < index && n < BATCH) {
            try (DocumentContext dc = input.readingDocument()) {
                if (!dc.isPresent()) {
                    return n;
                }
                long i = dc.index();
                lastInput = i;
                n++;
                try {
                    InputCodec.read(dc.wire().bytes(), i, event);
                } catch (JournalFormatException e) {
                    skip(e);
                    continue;
                }
                evaluator.onInput(event);
            }
        }
        return n;
    }

    private void skip(JournalFormatException e) {
        if (undecodable++ == 0) {
            LOG.warn("alerts: skipping records this build cannot decode (first: {})", e.getMessage());
        }
    }

    /** The point reached: last handled indexes and the cooldowns. */
    ResumePoint point() {
        return new ResumePoint(lastInput, lastOutput, evaluator.lastFired());
    }

    /** Records skipped because this build could not decode them. */
    long undecodable() {
        return undecodable;
    }

    @Override
    public void close() {
        input.close();
        output.close();
        reader.close();
    }
}
