package io.perpspot.tools.read;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.journal.OutputCodec;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The output queue read one record ahead of an input pass, so that each output record can be
 * taken right after the input it was derived from ({@link OutputRecord#inputIndex}): {@link
 * #peek()} reads the next record (up to an end index) and keeps it until {@link #take()}. Reads
 * into one reused record; close it on the thread that made it.
 */
public final class OutputCursor implements AutoCloseable {
    private final ExcerptTailer tailer;
    private final long end;
    private final OutputRecord record = new OutputRecord();
    private boolean pending;
    private long index;

    /** A cursor at the start of the reader's output queue that reads no record past index {@code end}. */
    public OutputCursor(JournalReader reader, long end) {
        this.tailer = reader.outputTailer();
        this.end = end;
    }

    /** The next record, read if not yet (it stays until {@link #take}), or null at the end of what is written. */
    public OutputRecord peek() {
        if (pending) {
            return record;
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent() || dc.index() > end) {
                return null;
            }
            index = dc.index();
            OutputCodec.read(dc.wire().bytes(), index, record);
            pending = true;
            return record;
        }
    }

    /** Takes the record {@link #peek} returned; the next peek reads on. */
    public OutputRecord take() {
        pending = false;
        return record;
    }

    /** The queue index of the record {@link #peek} returned. */
    public long index() {
        return index;
    }

    @Override
    public void close() {
        tailer.close();
    }
}
