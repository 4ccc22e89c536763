package io.perpspot.engine.journal;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.MarketEvent;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * First handler on the ring. Reads a {@link MarketEvent}, appends it to the input queue and
 * writes the assigned index back into {@link MarketEvent#journalIndex}, so that whatever runs
 * after it acts only on journaled input ("journal first, then act").
 */
public final class JournalHandler implements AutoCloseable {
    private final ChronicleQueue queue;
    private ExcerptAppender appender;
    private long appended;
    private final long[] byType = new long[16];
    private volatile AppendProbe probe = AppendProbe.NONE;
    private final PageToucher.Target pages;

    public JournalHandler(ChronicleQueue queue) {
        this(queue, null);
    }

    /** @param pages where to report each append's position for pretouching ({@link Journal#inputPages}), or null */
    public JournalHandler(ChronicleQueue queue, PageToucher.Target pages) {
        this.queue = queue;
        this.pages = pages;
    }

    /** Appends the event and stamps its journal index. */
    public void onEvent(MarketEvent event) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                InputCodec.write(event, dc.wire().bytes());
                probe.beforeCommit("input");
                if (pages != null) {
                    pages.wrote(dc.wire().bytes());
                }
            } catch (Throwable t) {
                // Never commit a partial record: the document is discarded.
                dc.rollbackOnClose();
                throw new JournalAppendException("input", t);
            }
        } catch (JournalAppendException e) {
            throw e;
        } catch (Throwable t) {
            throw new JournalAppendException("input", t);
        }
        event.journalIndex = appender.lastIndexAppended();
        appended++;
        byType[event.type & 15]++;
    }

    /**
     * Appends a LatencySnapshot record (the engine's own latency) stamped {@code recvNanos}. Call
     * on the consumer thread, like {@link #onEvent}: the appender is single-threaded.
     */
    public void appendLatency(LatencySnapshot snapshot, long recvNanos) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                InputCodec.writeLatency(snapshot, recvNanos, dc.wire().bytes());
                probe.beforeCommit("input");
                if (pages != null) {
                    pages.wrote(dc.wire().bytes());
                }
            } catch (Throwable t) {
                dc.rollbackOnClose();
                throw new JournalAppendException("input", t);
            }
        } catch (JournalAppendException e) {
            throw e;
        } catch (Throwable t) {
            throw new JournalAppendException("input", t);
        }
        appended++;
        byType[EventType.LATENCY_SNAPSHOT & 15]++;
    }

    /** Sets the fault-injection seam (tests). */
    public void probe(AppendProbe p) {
        probe = p == null ? AppendProbe.NONE : p;
    }

    /** Records appended since start. */
    public long appended() {
        return appended;
    }

    /** Records appended of one event type. */
    public long appended(int type) {
        return byType[type & 15];
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
    }
}
