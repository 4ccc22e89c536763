package io.perpspot.engine.journal;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.MarketEvent;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary layout of input-queue records (little-endian: Chronicle writes native order and
 * {@link Journal} refuses big-endian platforms; see docs/journal-format.md):
 *
 * <pre>
 * header  u8 type | u8 version | u8 source | u8 reserved | i32 tokenId | i64 recvNanos | i64 exchTimeMs
 * PerpBbo      i64 bidPx i64 bidSz i64 askPx i64 askSz
 * PerpBook     u8 bidCount u8 askCount, then per level i64 px i64 sz i32 n (bids, then asks)
 * PerpCtx      i64 funding premium openInterest oraclePx markPx midPx impactBidPx impactAskPx prevDayPx dayNtlVlm
 * PerpMid      i64 midPx
 * SpotPrice    i64 spotPx i64 liquidityUsd i64 blockId
 * SourceStatus u8 state, text
 * TokenDef     u8 multExp u8 decimals [v2: u8 flags], text "symbol|hlCoin|mint"
 * SpotQuote    u8 side i64 notionalUsd i64 px i64 impactPpm i64 contextSlot
 * Discovery    u8 trigger i32 pairs i32 added i32 delisted, text
 * EngineStart  text (strategy configuration, key=value lines)
 * LatencySnapshot  LatencySnapshot payload (written by {@link #writeLatency}, not from the ring)
 * text = i32 length + UTF-8 bytes
 * </pre>
 * Allocation-free in both directions.
 */
public final class InputCodec {
    /**
     * The version this build writes. Readers accept every version from 1 to this. Version 3 has the payloads of
     * version 2; its source byte may be {@code Source.HL_SPOT} (PerpBbo / PerpBook of a Hyperliquid spot pair), which
     * a version-2 reader would take for the perp's book, so it refuses version 3 instead.
     */
    public static final int VERSION = 3;
    public static final int HEADER_BYTES = 24;

    private InputCodec() {
    }

    /** Appends {@code e} as one record. */
    public static void write(MarketEvent e, Bytes<?> b) {
        b.writeByte((byte) e.type);
        b.writeByte((byte) VERSION);
        b.writeByte((byte) e.source);
        b.writeByte((byte) 0);
        b.writeInt(e.tokenId);
        b.writeLong(e.recvNanos);
        b.writeLong(e.exchTimeMs);
        switch (e.type) {
            case EventType.PERP_BBO -> {
                b.writeLong(e.bidPx);
                b.writeLong(e.bidSz);
                b.writeLong(e.askPx);
                b.writeLong(e.askSz);
            }
            case EventType.PERP_BOOK -> {
                b.writeByte((byte) e.bidCount);
                b.writeByte((byte) e.askCount);
                for (int i = 0; i < e.bidCount; i++) {
                    b.writeLong(e.bidPxs[i]);
                    b.writeLong(e.bidSzs[i]);
                    b.writeInt(e.bidNs[i]);
                }
                for (int i = 0; i < e.askCount; i++) {
                    b.writeLong(e.askPxs[i]);
                    b.writeLong(e.askSzs[i]);
                    b.writeInt(e.askNs[i]);
                }
            }
            case EventType.PERP_CTX -> {
                b.writeLong(e.funding);
                b.writeLong(e.premium);
                b.writeLong(e.openInterest);
                b.writeLong(e.oraclePx);
                b.writeLong(e.markPx);
                b.writeLong(e.midPx);
                b.writeLong(e.impactBidPx);
                b.writeLong(e.impactAskPx);
                b.writeLong(e.prevDayPx);
                b.writeLong(e.dayNtlVlm);
            }
            case EventType.PERP_MID -> b.writeLong(e.midPx);
            case EventType.SPOT_PRICE -> {
                b.writeLong(e.spotPx);
                b.writeLong(e.liquidityUsd);
                b.writeLong(e.blockId);
            }
            case EventType.SOURCE_STATUS -> {
                b.writeByte((byte) e.status);
                writeText(e, b);
            }
            case EventType.TOKEN_DEF -> {
                b.writeByte((byte) e.multExp);
                b.writeByte((byte) e.decimals);
                b.writeByte((byte) e.tokenFlags);
                writeText(e, b);
            }
            case EventType.SPOT_QUOTE -> {
                b.writeByte((byte) e.quoteSide);
                b.writeLong(e.quoteNotionalUsd);
                b.writeLong(e.quotePx);
                b.writeLong(e.quoteImpactPpm);
                b.writeLong(e.blockId);
            }
            case EventType.DISCOVERY -> {
                b.writeByte((byte) e.status);
                b.writeInt(e.discoveredPairs);
                b.writeInt(e.discoveredAdded);
                b.writeInt(e.discoveredDelisted);
                writeText(e, b);
            }
            case EventType.ENGINE_START -> writeText(e, b);
            case EventType.LATENCY_SNAPSHOT -> e.latency.write(b);
            default -> throw new IllegalArgumentException("cannot journal event type " + e.type);
        }
    }

    /** Appends a LatencySnapshot record of the engine's own latency, stamped {@code recvNanos}. */
    public static void writeLatency(LatencySnapshot s, long recvNanos, Bytes<?> b) {
        b.writeByte((byte) EventType.LATENCY_SNAPSHOT);
        b.writeByte((byte) VERSION);
        b.writeByte((byte) s.source);
        b.writeByte((byte) 0);
        b.writeInt(-1);
        b.writeLong(recvNanos);
        b.writeLong(0);
        s.write(b);
    }

    private static void writeText(MarketEvent e, Bytes<?> b) {
        b.writeInt(e.textLength);
        b.write(e.text, 0, e.textLength);
    }

    /**
     * Reads one record into {@code e} (which is reset first).
     *
     * @throws JournalFormatException for an unknown type or version, or a truncated record
     */
    public static void read(Bytes<?> b, long index, MarketEvent e) {
        e.reset();
        if (b.readRemaining() < HEADER_BYTES) {
            throw new JournalFormatException("input record " + index + ": " + b.readRemaining()
                    + " bytes is shorter than the " + HEADER_BYTES + "-byte header");
        }
        e.type = b.readUnsignedByte();
        int version = b.readUnsignedByte();
        if (version < 1 || version > VERSION) {
            throw new JournalFormatException("input record " + index + ": format version " + version
                    + " is not one this perpspot reads (1.." + VERSION + "); upgrade perpspot");
        }
        e.source = b.readUnsignedByte();
        b.readUnsignedByte();
        e.tokenId = b.readInt();
        e.recvNanos = b.readLong();
        e.exchTimeMs = b.readLong();
        e.journalIndex = index;
        switch (e.type) {
            case EventType.PERP_BBO -> {
                need(b, 32, index, e.type);
                e.bidPx = b.readLong();
                e.bidSz = b.readLong();
                e.askPx = b.readLong();
                e.askSz = b.readLong();
            }
            case EventType.PERP_BOOK -> {
                need(b, 2, index, e.type);
                e.bidCount = b.readUnsignedByte();
                e.askCount = b.readUnsignedByte();
                if (e.bidCount > MarketEvent.MAX_LEVELS || e.askCount > MarketEvent.MAX_LEVELS) {
                    throw new JournalFormatException("input record " + index + ": book with " + e.bidCount + "/"
                            + e.askCount + " levels exceeds " + MarketEvent.MAX_LEVELS);
                }
                need(b, 20L * (e.bidCount + e.askCount), index, e.type);
                for (int i = 0; i < e.bidCount; i++) {
                    e.bidPxs[i] = b.readLong();
                    e.bidSzs[i] = b.readLong();
                    e.bidNs[i] = b.readInt();
                }
                for (int i = 0; i < e.askCount; i++) {
                    e.askPxs[i] = b.readLong();
                    e.askSzs[i] = b.readLong();
                    e.askNs[i] = b.readInt();
                }
            }
            case EventType.PERP_CTX -> {
                need(b, 80, index, e.type);
                e.funding = b.readLong();
                e.premium = b.readLong();
                e.openInterest = b.readLong();
                e.oraclePx = b.readLong();
                e.markPx = b.readLong();
                e.midPx = b.readLong();
                e.impactBidPx = b.readLong();
                e.impactAskPx = b.readLong();
                e.prevDayPx = b.readLong();
                e.dayNtlVlm = b.readLong();
            }
            case EventType.PERP_MID -> {
                need(b, 8, index, e.type);
                e.midPx = b.readLong();
            }
            case EventType.SPOT_PRICE -> {
                need(b, 24, index, e.type);
                e.spotPx = b.readLong();
                e.liquidityUsd = b.readLong();
                e.blockId = b.readLong();
            }
            case EventType.SOURCE_STATUS -> {
                need(b, 1, index, e.type);
                e.status = b.readUnsignedByte();
                readText(b, index, e);
            }
            case EventType.TOKEN_DEF -> {
                need(b, version >= 2 ? 3 : 2, index, e.type);
                e.multExp = b.readUnsignedByte();
                e.decimals = b.readUnsignedByte();
                e.tokenFlags = version >= 2 ? b.readUnsignedByte() : 0;
                readText(b, index, e);
            }
            case EventType.SPOT_QUOTE -> {
                need(b, 33, index, e.type);
                e.quoteSide = b.readUnsignedByte();
                e.quoteNotionalUsd = b.readLong();
                e.quotePx = b.readLong();
                e.quoteImpactPpm = b.readLong();
                e.blockId = b.readLong();
            }
            case EventType.DISCOVERY -> {
                need(b, 13, index, e.type);
                e.status = b.readUnsignedByte();
                e.discoveredPairs = b.readInt();
                e.discoveredAdded = b.readInt();
                e.discoveredDelisted = b.readInt();
                readText(b, index, e);
            }
            case EventType.ENGINE_START -> readText(b, index, e);
            case EventType.LATENCY_SNAPSHOT -> {
                if (e.latency == null) {
                    e.latency = new LatencySnapshot();
                }
                e.latency.read(b, "input", index);
            }
            default -> throw new JournalFormatException("input record " + index + ": unknown record type " + e.type);
        }
    }

    private static void readText(Bytes<?> b, long index, MarketEvent e) {
        need(b, 4, index, e.type);
        int len = b.readInt();
        if (len < 0 || len > MarketEvent.MAX_TEXT) {
            throw new JournalFormatException("input record " + index + ": text length " + len + " out of range");
        }
        need(b, len, index, e.type);
        b.read(e.text, 0, len);
        e.textLength = len;
    }

    private static void need(Bytes<?> b, long n, long index, int type) {
        if (b.readRemaining() < n) {
            throw new JournalFormatException("input record " + index + " (" + EventType.name(type)
                    + "): truncated, needs " + n + " more bytes, has " + b.readRemaining());
        }
    }
}
