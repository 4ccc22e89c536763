package io.perpspot.tools;

import io.perpspot.engine.journal.JournalReader;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Changes bytes of one journaled record inside its Chronicle {@code .cq4} file, so the record
 * keeps its index and length and every other record stays where it was: a test can then blame
 * any change in derived output on the changed value alone.
 *
 * <p>How: a read-only tailer moves to the record's index; inside the document, the wire's bytes
 * are the memory-mapped cycle file, so their read position is the payload's absolute offset in
 * {@link ExcerptTailer#currentFile()}. The reader is closed, then the file is written at that
 * offset with a {@link FileChannel} (the page cache is shared with any mapping). The old bytes
 * are checked first, so a wrong offset fails loudly instead of corrupting something else.
 */
final class InPlacePatch {
    private InPlacePatch() {
    }

    /** Where a record's payload lives. */
    record Location(File file, long payloadOffset, long payloadLength) {
    }

    /** Finds the payload of input record {@code index}. */
    static Location locateInput(Path journal, long index) {
        try (JournalReader reader = JournalReader.open(journal); ExcerptTailer tailer = reader.inputTailer()) {
            return locate(tailer, index);
        }
    }

    /** Finds the payload of output record {@code index}. */
    static Location locateOutput(Path journal, long index) {
        try (JournalReader reader = JournalReader.open(journal); ExcerptTailer tailer = reader.outputTailer()) {
            return locate(tailer, index);
        }
    }

    private static Location locate(ExcerptTailer tailer, long index) {
        if (!tailer.moveToIndex(index)) {
            throw new IllegalArgumentException("no record at index " + index);
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent() || dc.index() != index) {
                throw new IllegalStateException("tailer did not land on index " + index);
            }
            Bytes<?> b = dc.wire().bytes();
            return new Location(tailer.currentFile(), b.readPosition(), b.readRemaining());
        }
    }

    /** Replaces the little-endian long at {@code offset} of the payload; returns the old value. */
    static long putLong(Location at, int offset, long expectedOld, long value) {
        ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        long old = read(at, offset, buf).getLong(0);
        if (old != expectedOld) {
            throw new IllegalStateException("expected " + expectedOld + " at payload offset " + offset + " of "
                    + at.file() + "@" + at.payloadOffset() + ", found " + old);
        }
        buf.clear();
        buf.putLong(0, value);
        write(at, offset, buf);
        return old;
    }

    /** Replaces one byte of the payload; returns the old byte. */
    static int putByte(Location at, int offset, int expectedOld, int value) {
        ByteBuffer buf = ByteBuffer.allocate(1);
        int old = read(at, offset, buf).get(0) & 0xff;
        if (old != expectedOld) {
            throw new IllegalStateException("expected byte " + expectedOld + " at payload offset " + offset + ", found "
                    + old);
        }
        buf.clear();
        buf.put(0, (byte) value);
        write(at, offset, buf);
        return old;
    }

    private static ByteBuffer read(Location at, int offset, ByteBuffer buf) {
        if (offset < 0 || offset + buf.capacity() > at.payloadLength()) {
            throw new IllegalArgumentException("offset " + offset + " is outside the " + at.payloadLength()
                    + "-byte payload");
        }
        try (FileChannel ch = FileChannel.open(at.file().toPath(), StandardOpenOption.READ)) {
            ch.read(buf, at.payloadOffset() + offset);
            return buf;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Location at, int offset, ByteBuffer buf) {
        try (FileChannel ch = FileChannel.open(at.file().toPath(), StandardOpenOption.WRITE)) {
            buf.rewind();
            ch.write(buf, at.payloadOffset() + offset);
            ch.force(false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
