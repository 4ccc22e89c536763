package io.perpspot.engine.journal;

import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary layout of output-queue records (little-endian like {@link InputCodec}; see docs/journal-format.md):
 *
 * <pre>
 * header      u8 type | u8 version | u16 reserved | i32 tokenId | i64 inputIndex | i64 timeNanos
 * Spread      i64 spotPx perpBid perpAsk perpMid markPx oraclePx funding
 *             f64 basisBps z mean std | i32 samples spotAgeMs perpAgeMs
 * Opportunity i32 direction | i64 spotPx perpPx | f64 grossBps netBps feesBps z basisBps [v2: i32 rejectReason]
 * Latency     LatencySnapshot payload (tokenId −1)
 * State       StateSnapshot payload (tokenId −1): the strategy's state, see Strategy#writeState
 * </pre>
 */
public final class OutputCodec {
    public static final int VERSION = 2;
    public static final int HEADER_BYTES = 24;

    private OutputCodec() {
    }

    /**
     * Appends {@code r} at {@code b}'s write position in the layout above, as record version {@link #VERSION}; a
     * StateSnapshot's payload is written by {@code r.state}.
     *
     * @throws IllegalArgumentException for a record type it cannot write
     */
    public static void write(OutputRecord r, Bytes<?> b) {
        b.writeByte((byte) r.type);
        b.writeByte((byte) VERSION);
        b.writeShort((short) 0);
        b.writeInt(r.tokenId);
        b.writeLong(r.inputIndex);
        b.writeLong(r.timeNanos);
        switch (r.type) {
            case OutputType.SPREAD -> {
                b.writeLong(r.spotPx);
                b.writeLong(r.perpBid);
                b.writeLong(r.perpAsk);
                b.writeLong(r.perpMid);
                b.writeLong(r.markPx);
                b.writeLong(r.oraclePx);
                b.writeLong(r.funding);
                b.writeDouble(r.basisBps);
                b.writeDouble(r.z);
                b.writeDouble(r.mean);
                b.writeDouble(r.std);
                b.writeInt(r.samples);
                b.writeInt(r.spotAgeMs);
                b.writeInt(r.perpAgeMs);
            }
            case OutputType.OPPORTUNITY -> {
                b.writeInt(r.direction);
                b.writeLong(r.spotPx);
                b.writeLong(r.perpPx);
                b.writeDouble(r.grossBps);
                b.writeDouble(r.netBps);
                b.writeDouble(r.feesBps);
                b.writeDouble(r.z);
                b.writeDouble(r.basisBps);
                b.writeInt(r.rejectReason);
            }
            case OutputType.LATENCY -> r.latency.write(b);
            case OutputType.STATE_SNAPSHOT -> r.state.writeState(b);
            default -> throw new IllegalArgumentException("cannot write output type " + r.type);
        }
    }

    /**
     * Decodes the record at {@code b}'s read position into {@code r}, after resetting it; a StateSnapshot payload is
     * skipped, its length kept in {@code stateBytes}. A version-1 Opportunity reads with {@code rejectReason} 0.
     *
     * @param index the record's queue index, to name it in errors
     * @throws JournalFormatException if the record is truncated, of a version this build does not read, or of an
     *     unknown type
     */
    public static void read(Bytes<?> b, long index, OutputRecord r) {
        r.reset();
        if (b.readRemaining() < HEADER_BYTES) {
            throw new JournalFormatException("output record " + index + ": shorter than its header");
        }
        r.type = b.readUnsignedByte();
        int version = b.readUnsignedByte();
        if (version < 1 || version > VERSION) {
            throw new JournalFormatException("output record " + index + ": format version " + version
                    + " is not one this perpspot reads (1.." + VERSION + "); upgrade perpspot");
        }
        b.readShort();
        r.tokenId = b.readInt();
        r.inputIndex = b.readLong();
        r.timeNanos = b.readLong();
        switch (r.type) {
            case OutputType.SPREAD -> {
                need(b, 100, index);
                r.spotPx = b.readLong();
                r.perpBid = b.readLong();
                r.perpAsk = b.readLong();
                r.perpMid = b.readLong();
                r.markPx = b.readLong();
                r.oraclePx = b.readLong();
                r.funding = b.readLong();
                r.basisBps = b.readDouble();
                r.z = b.readDouble();
                r.mean = b.readDouble();
                r.std = b.readDouble();
                r.samples = b.readInt();
                r.spotAgeMs = b.readInt();
                r.perpAgeMs = b.readInt();
            }
            case OutputType.OPPORTUNITY -> {
                need(b, 60, index);
                r.direction = b.readInt();
                r.spotPx = b.readLong();
                r.perpPx = b.readLong();
                r.grossBps = b.readDouble();
                r.netBps = b.readDouble();
                r.feesBps = b.readDouble();
                r.z = b.readDouble();
                r.basisBps = b.readDouble();
                if (version >= 2) {
                    need(b, 4, index);
                    r.rejectReason = b.readInt();
                }
            }
            case OutputType.LATENCY -> r.latency.read(b, "output", index);
            case OutputType.STATE_SNAPSHOT -> {
                need(b, 4, index);
                r.stateBytes = b.readRemaining();
                b.readSkip(b.readRemaining());
            }
            default -> throw new JournalFormatException("output record " + index + ": unknown record type " + r.type);
        }
    }

    private static void need(Bytes<?> b, long n, long index) {
        if (b.readRemaining() < n) {
            throw new JournalFormatException("output record " + index + ": truncated");
        }
    }
}
