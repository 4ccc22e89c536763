package io.perpspot.engine.journal;

import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.VenuePair;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary layout of output-queue records (little-endian like {@link InputCodec}; see docs/journal-format.md):
 *
 * <pre>
 * header      u8 type | u8 version | u16 reserved | i32 tokenId | i64 inputIndex | i64 timeNanos
 * Spread      i64 spotPx perpBid perpAsk perpMid markPx oraclePx funding
 *             f64 basisBps z mean std | i32 samples spotAgeMs perpAgeMs [v3: i32 pair]
 * Opportunity i32 direction | i64 spotPx perpPx | f64 grossBps netBps feesBps z basisBps [v2: i32 rejectReason]
 *             [v3: i32 pair]
 * Latency     LatencySnapshot payload (tokenId −1)
 * State       StateSnapshot payload (tokenId −1): the strategy's state, see Strategy#writeState
 * </pre>
 *
 * <p>Version 3 added the {@link VenuePair}: a record of version 1 or 2 is about
 * {@code perp-jupiter}, and reads with {@code pair} 0.
 */
public final class OutputCodec {
    public static final int VERSION = 3;
    public static final int HEADER_BYTES = 24;

    private OutputCodec() {
    }

    /**
     * Appends {@code r} at {@code b}'s write position in the layout above, as record version {@code r.version} (0:
     * {@link #VERSION}); a StateSnapshot's payload is written by {@code r.state}, in that version's layout.
     *
     * @throws IllegalArgumentException for a record type or version it cannot write, or a venue pair other than 0
     *     in a version before 3
     */
    public static void write(OutputRecord r, Bytes<?> b) {
        int version = r.version == 0 ? VERSION : r.version;
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("cannot write output record version " + version);
        }
        if (version < 3 && r.pair != 0 && (r.type == OutputType.SPREAD || r.type == OutputType.OPPORTUNITY)) {
            throw new IllegalArgumentException("an output record of version " + version + " has no venue pair");
        }
        b.writeByte((byte) r.type);
        b.writeByte((byte) version);
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
                if (version >= 3) {
                    b.writeInt(r.pair);
                }
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
                if (version >= 2) {
                    b.writeInt(r.rejectReason);
                }
                if (version >= 3) {
                    b.writeInt(r.pair);
                }
            }
            case OutputType.LATENCY -> r.latency.write(b);
            case OutputType.STATE_SNAPSHOT -> r.state.writeState(b, version);
            default -> throw new IllegalArgumentException("cannot write output type " + r.type);
        }
    }

    /**
     * Writes {@code r} as record version {@code version} (0 or out of range: the newest) for a comparison with a
     * recorded record of that version; {@code r.version} is left as it was. False, with {@code b} holding part of a
     * record, when that version's layout cannot hold {@code r} (a venue pair before v3, a Hyperliquid spot leg in
     * a state of version 1).
     */
    public static boolean writeAs(OutputRecord r, Bytes<?> b, int version) {
        int own = r.version;
        r.version = version >= 1 && version <= VERSION ? version : 0;
        try {
            write(r, b);
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false;
        } finally {
            r.version = own;
        }
    }

    /**
     * Decodes the record at {@code b}'s read position into {@code r}, after resetting it; a StateSnapshot payload is
     * skipped, its length kept in {@code stateBytes}. A version-1 Opportunity reads with {@code rejectReason} 0, a
     * record before version 3 with {@code pair} 0; {@code r.version} is the record's version.
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
        r.version = version;
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
                if (version >= 3) {
                    r.pair = readPair(b, index);
                }
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
                if (version >= 3) {
                    r.pair = readPair(b, index);
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

    private static int readPair(Bytes<?> b, long index) {
        need(b, 4, index);
        int pair = b.readInt();
        if (!VenuePair.valid(pair)) {
            throw new JournalFormatException("output record " + index + ": unknown venue pair " + pair
                    + "; upgrade perpspot");
        }
        return pair;
    }

    private static void need(Bytes<?> b, long n, long index) {
        if (b.readRemaining() < n) {
            throw new JournalFormatException("output record " + index + ": truncated");
        }
    }
}
