package io.perpspot.dashboard.state;

import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.JournalIdle;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.journal.OutputCodec;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails a journal's input and output queues on one thread ({@code dashboard-tailer}) and folds
 * every record into a {@link MarketView}. Reads only: the queues are opened read-only, so the
 * engine (in this JVM or another process) keeps appending undisturbed.
 *
 * <p>Agent-style loop: {@link #doWork()} reads up to a batch from each queue and returns the
 * records read; when idle the thread backs off from 1 ms to 50 ms. Input is read before output,
 * and an output record is folded only once the input record it derives from has been read, so
 * its token id resolves against the right engine run; input after that record is not folded
 * before it, so the view prices it on the state at exactly its input record (the engine's). A
 * record this build cannot decode (a newer record type or version) is skipped, counted and logged
 * once; it never stops the dashboard.
 */
public final class JournalTailer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalTailer.class);
    private static final int BATCH = 2000;

    private final JournalReader reader;
    private final MarketView view;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final MarketEvent event = new MarketEvent();
    private final OutputRecord record = new OutputRecord();
    private volatile boolean running = true;
    private volatile long undecodable;
    private ExcerptTailer input;
    private ExcerptTailer output;
    private long lastInputIndex = -1;
    /** Input index of the next output record when known (the output loop stopped at it), else -1. */
    private long pendingInput = -1;
    private final OutputRecord peeked = new OutputRecord();
    // What the tailer has read, published once per batch for other threads (the metrics).
    private volatile long inputRead = -1;
    private volatile long outputRead = -1;
    private boolean warned;

    /**
     * Opens the journal read-only; throws {@link JournalFormatException} (one line) when {@code dir}
     * is missing or not a perpspot journal. Call {@link #start()} to begin tailing.
     */
    public JournalTailer(Path dir, MarketView view) {
        this.reader = JournalReader.open(dir);
        this.view = view;
        this.thread = new Thread(this::run, "dashboard-tailer");
        this.thread.setDaemon(true);
    }

    /** Starts the tailer thread ({@code dashboard-tailer}): it reads both queues into the view until closed. */
    public void start() {
        thread.start();
    }

    /** Waits until everything that was in the journal at start has been read. */
    public boolean awaitCaughtUp(long timeout, TimeUnit unit) throws InterruptedException {
        return caughtUp.await(timeout, unit);
    }

    /**
     * Records of {@code queue} ("input" or "output") appended to the journal and not read by the tailer yet (any
     * thread; as of the tailer's last batch), or -1 when the queue cannot tell (e.g. a cycle file rolled away).
     */
    public long lag(String queue) {
        boolean in = "input".equals(queue);
        ChronicleQueue q = in ? reader.journal().input() : reader.journal().output();
        if (!(q instanceof SingleChronicleQueue single)) {
            return -1;
        }
        try {
            long last = q.lastIndex();
            if (last < 0) {
                return 0;
            }
            long read = in ? inputRead : outputRead;
            // countExcerpts counts [from, to): the records after the last one read, up to the last one appended.
            return read < 0 ? single.countExcerpts(q.firstIndex(), last) + 1 : single.countExcerpts(read, last);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** True while the tailer thread runs (it stops only when closed or on an error it logged). */
    public boolean running() {
        return thread.isAlive();
    }

    /** True once everything that was in the journal at start has been read. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Records skipped because this build could not decode them. */
    public long undecodable() {
        return undecodable;
    }

    private void run() {
        input = reader.inputTailer();
        output = reader.outputTailer();
        IdleStrategy idle = JournalIdle.strategy();
        try {
            while (running) {
                int n = doWork();
                if (n > 0) {
                    view.advanced(System.currentTimeMillis());
                } else if (caughtUp.getCount() > 0) {
                    view.caughtUp();
                    caughtUp.countDown();
                }
                idle.idle(n);
            }
        } catch (RuntimeException e) {
            LOG.error("dashboard tailer stopped: {}", e.toString(), e);
        } finally {
            input.close();
            output.close();
            caughtUp.countDown();
        }
    }

    /** Reads up to a batch from each queue; returns the records read. */
    int doWork() {
        int n = 0;
        while (n < BATCH) {
            try (DocumentContext dc = input.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                long index = dc.index();
                if (outputWaitsBefore(index)) {
                    // an output record derives from earlier input: fold it on exactly that input's state first
                    dc.rollbackOnClose();
                    break;
                }
                lastInputIndex = index;
                n++;
                try {
                    InputCodec.read(dc.wire().bytes(), index, event);
                } catch (JournalFormatException e) {
                    skip(e);
                    continue;
                }
                view.onInput(event);
            }
        }
        int m = 0;
        while (m < BATCH) {
            try (DocumentContext dc = output.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                long index = dc.index();
                Bytes<?> b = dc.wire().bytes();
                try {
                    OutputCodec.read(b, index, record);
                } catch (JournalFormatException e) {
                    m++;
                    skip(e);
                    continue;
                }
                if (record.inputIndex > lastInputIndex) {
                    // derived from an input record not read yet: read it first
                    pendingInput = record.inputIndex;
                    dc.rollbackOnClose();
                    break;
                }
                pendingInput = -1;
                m++;
                view.onOutput(record, index);
                outputRead = index;
            }
        }
        inputRead = lastInputIndex;
        return n + m;
    }

    /**
     * Whether the next output record derives from input before {@code inputIndex}, so it must be folded before
     * that input is (the view then prices it on the state at its own input record). The input index of the
     * output the output loop stopped at is remembered; otherwise the next output record is peeked.
     */
    private boolean outputWaitsBefore(long inputIndex) {
        if (pendingInput >= 0) {
            return pendingInput < inputIndex;
        }
        try (DocumentContext dc = output.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            dc.rollbackOnClose();
            try {
                OutputCodec.read(dc.wire().bytes(), dc.index(), peeked);
            } catch (JournalFormatException e) {
                // the output loop skips it and counts it
                return true;
            }
            pendingInput = peeked.inputIndex;
            return pendingInput < inputIndex;
        }
    }

    private void skip(JournalFormatException e) {
        undecodable++;
        if (!warned) {
            warned = true;
            LOG.warn("dashboard: skipping records this build cannot decode (first: {})", e.getMessage());
        }
    }

    @Override
    public void close() {
        // No interrupt: Chronicle treats an interrupted reader thread as an error; the loop
        // parks at most 50 ms (JournalIdle) between checks of the flag.
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }
}
