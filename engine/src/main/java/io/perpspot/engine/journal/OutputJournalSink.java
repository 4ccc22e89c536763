package io.perpspot.engine.journal;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.RecordSink;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appends output records to the output queue. The appender is created on first use so it
 * belongs to the thread that writes (Chronicle appenders are single-threaded).
 */
public final class OutputJournalSink implements RecordSink, AutoCloseable {
    private final ChronicleQueue queue;
    private ExcerptAppender appender;
    private long written;
    private volatile AppendProbe probe = AppendProbe.NONE;

    /** Sets the fault-injection seam (tests). */
    public void probe(AppendProbe p) {
        probe = p == null ? AppendProbe.NONE : p;
    }

    private final PageToucher.Target pages;

    public OutputJournalSink(ChronicleQueue queue) {
        this(queue, null);
    }

    /** @param pages where to report each append's position for pretouching ({@link Journal#outputPages}), or null */
    public OutputJournalSink(ChronicleQueue queue, PageToucher.Target pages) {
        this.queue = queue;
        this.pages = pages;
    }

    @Override
    public void write(OutputRecord record) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                OutputCodec.write(record, dc.wire().bytes());
                probe.beforeCommit("output");
                if (pages != null) {
                    pages.wrote(dc.wire().bytes());
                }
            } catch (Throwable t) {
                // Never commit a partial record: the document is discarded.
                dc.rollbackOnClose();
                throw new JournalAppendException("output", t);
            }
        } catch (JournalAppendException e) {
            throw e;
        } catch (Throwable t) {
            throw new JournalAppendException("output", t);
        }
        written++;
    }

    /** Records written by this sink. */
    public long written() {
        return written;
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
    }
}
