package io.perpspot.engine.core;

import io.perpspot.engine.latency.SourceHistograms;
import java.nio.ByteBuffer;
import net.openhft.chronicle.bytes.Bytes;
import org.HdrHistogram.Histogram;

/**
 * One journaled latency histogram: what one source's latency of one {@link LatencyKind} was
 * over an interval. The same payload follows the header of a Latency output record
 * (OutputType 3, feed latency) and of a LatencySnapshot input record (EventType 12, engine
 * latency); see docs/journal-format.md:
 *
 * <pre>
 * u8 kind | u8 source | u16 reserved | i32 length | i64 intervalStartNanos | i64 intervalEndNanos
 * | i64 count | i64 negative | i64 overflow | length bytes: the histogram, HdrHistogram V2 encoding
 * </pre>
 *
 * The histogram bytes are HdrHistogram's own {@code encodeIntoByteBuffer} encoding (zig-zag
 * LEB128 counts with zero runs folded: a compact encoding, not deflated — see the format doc);
 * {@link #decode()} turns them back into a {@link Histogram}. A reusable flyweight: the byte
 * buffer grows when needed and is kept.
 */
public final class LatencySnapshot {
    /** Fixed payload bytes before the histogram. */
    public static final int FIXED_BYTES = 48;
    /** Largest histogram encoding accepted when reading (the layout's worst case is ~300 KB). */
    public static final int MAX_LENGTH = 1 << 20;

    public int kind;
    public int source;
    public long intervalStartNanos;
    public long intervalEndNanos;
    /** Values recorded in the histogram. */
    public long count;
    /** Values below zero (clock skew), counted but not recorded. */
    public long negative;
    /** Values above {@link SourceHistograms#HIGHEST_NANOS}, counted but not recorded. */
    public long overflow;
    private byte[] bytes = new byte[0];
    private ByteBuffer buffer = ByteBuffer.wrap(bytes);
    private int length;

    /** Sets every field from a live histogram, encoding it (allocates only to grow the buffer). */
    public void fill(int kind, int source, long startNanos, long endNanos, Histogram h, long negative, long overflow) {
        this.kind = kind;
        this.source = source;
        this.intervalStartNanos = startNanos;
        this.intervalEndNanos = endNanos;
        this.count = h.getTotalCount();
        this.negative = negative;
        this.overflow = overflow;
        ensure(h.getNeededByteBufferCapacity());
        buffer.clear();
        length = h.encodeIntoByteBuffer(buffer);
    }

    private void ensure(int capacity) {
        if (bytes.length < capacity) {
            bytes = new byte[capacity];
            buffer = ByteBuffer.wrap(bytes);
        }
    }

    /** Length of the histogram encoding in bytes. */
    public int length() {
        return length;
    }

    /** The histogram as a new {@link Histogram} (allocates; for tools). */
    public Histogram decode() {
        try {
            return Histogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes, 0, length), 0);
        } catch (RuntimeException e) {
            throw new JournalFormatException("latency snapshot of " + LatencyKind.name(kind) + " source " + source
                    + ": the histogram does not decode: " + e.getMessage());
        }
    }

    /** Appends the payload. */
    public void write(Bytes<?> b) {
        b.writeByte((byte) kind);
        b.writeByte((byte) source);
        b.writeShort((short) 0);
        b.writeInt(length);
        b.writeLong(intervalStartNanos);
        b.writeLong(intervalEndNanos);
        b.writeLong(count);
        b.writeLong(negative);
        b.writeLong(overflow);
        b.write(bytes, 0, length);
    }

    /**
     * Reads the payload.
     *
     * @param queue "input" or "output", and {@code index} the record's index: for error messages
     * @throws JournalFormatException for a truncated payload or an impossible length
     */
    public void read(Bytes<?> b, String queue, long index) {
        if (b.readRemaining() < FIXED_BYTES) {
            throw new JournalFormatException(queue + " record " + index + " (latency snapshot): truncated");
        }
        kind = b.readUnsignedByte();
        source = b.readUnsignedByte();
        b.readShort();
        int len = b.readInt();
        intervalStartNanos = b.readLong();
        intervalEndNanos = b.readLong();
        count = b.readLong();
        negative = b.readLong();
        overflow = b.readLong();
        if (len < 0 || len > MAX_LENGTH) {
            throw new JournalFormatException(queue + " record " + index + " (latency snapshot): histogram length " + len
                    + " out of range");
        }
        if (b.readRemaining() < len) {
            throw new JournalFormatException(queue + " record " + index
                    + " (latency snapshot): truncated histogram, needs " + len
                    + " bytes, has " + b.readRemaining());
        }
        ensure(len);
        b.read(bytes, 0, len);
        length = len;
    }

    /** Copies {@code o} into this snapshot. */
    public void copyFrom(LatencySnapshot o) {
        kind = o.kind;
        source = o.source;
        intervalStartNanos = o.intervalStartNanos;
        intervalEndNanos = o.intervalEndNanos;
        count = o.count;
        negative = o.negative;
        overflow = o.overflow;
        ensure(o.length);
        System.arraycopy(o.bytes, 0, bytes, 0, o.length);
        length = o.length;
    }

}
