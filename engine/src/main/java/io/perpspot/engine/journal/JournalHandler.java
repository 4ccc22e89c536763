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
    /**
     * Records appended by type and source, index {@code (type & 15) << 8 | source}: plain stores by the one consumer
     * thread, so appending stays allocation- and fence-free; a reader on another thread (the metrics scrape) may see
     * a value a few appends old, which a counter read at scrape time tolerates.
     */
    private final long[] byTypeAndSource = new long[16 << 8];
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
        byTypeAndSource[(event.type & 15) << 8 | (event.source & 255)]++;
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
        byTypeAndSource[(EventType.LATENCY_SNAPSHOT & 15) << 8 | (snapshot.source & 255)]++;
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

    /**
     * Records appended of one event type from one source (a LatencySnapshot counts under the source it measures);
     * any thread may read it (racy: see the array's comment).
     */
    public long appended(int type, int source) {
        return byTypeAndSource[(type & 15) << 8 | (source & 255)];
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
    }
}
