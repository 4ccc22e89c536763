package io.perpspot.engine.core;

import net.openhft.chronicle.bytes.Bytes;

/**
 * Reusable flyweight for one output record (spread snapshot or opportunity), written by the
 * strategy and read by tools. Prices in {@link FixedPoint#PRICE_DECIMALS}; basis, edges and
 * fees in basis points as doubles.
 */
public final class OutputRecord {
    /** Direction: sell the perp at its bid, buy spot (perp rich). */
    public static final int SHORT_PERP_LONG_SPOT = 1;
    /** Direction: buy the perp at its ask, sell spot (perp cheap). */
    public static final int LONG_PERP_SHORT_SPOT = 2;

    public int type;
    public int tokenId;
    /** Input-queue index of the event that produced this record. */
    public long inputIndex;
    /** Event time (the input event's receive time), epoch nanoseconds. */
    public long timeNanos;
    /** Spread and Opportunity: the {@link VenuePair} the record is about (0, perp-jupiter, in records before v3). */
    public int pair;
    /**
     * Reading: the record's format version; writing: the version to write, 0 for the newest (a reader that
     * re-encodes a record to compare it with an older one asks for that one's version).
     */
    public int version;

    // Spread
    public long spotPx;
    public long perpBid;
    public long perpAsk;
    public long perpMid;
    public long markPx;
    public long oraclePx;
    public long funding;
    public double basisBps;
    public double z;
    public double mean;
    public double std;
    public int samples;
    public int spotAgeMs;
    public int perpAgeMs;

    // Opportunity
    public int direction;
    public long perpPx;
    public double grossBps;
    public double netBps;
    public double feesBps;
    /** Opportunity: 0 if published as tradable, else why the detector refused it ({@link #GATE_STALE_SPOT}...). */
    public int rejectReason;

    /** Refusal: the spot leg is older than {@code strategy.max-spot-age}. */
    public static final int GATE_STALE_SPOT = 1;
    /** Refusal: the perp leg (mid or bid/ask) is older than {@code strategy.max-perp-age}. */
    public static final int GATE_STALE_PERP = 2;
    /** Refusal: a leg comes from a source listed in {@code strategy.gate.fallback-sources}. */
    public static final int GATE_FALLBACK_SOURCE = 3;
    public static final int GATE_REASONS = 4;

    /** The name of a refusal reason ({@code none} for 0, {@code stale-spot}, ...), or {@code unknown(reason)}. */
    public static String rejectReasonName(int reason) {
        return switch (reason) {
            case 0 -> "none";
            case GATE_STALE_SPOT -> "stale-spot";
            case GATE_STALE_PERP -> "stale-perp";
            case GATE_FALLBACK_SOURCE -> "fallback-source";
            default -> "unknown(" + reason + ")";
        };
    }

    /** Writes a StateSnapshot payload (the strategy); set by the writer, cleared by reset. */
    @FunctionalInterface
    public interface StatePayload {
        /** Appends the payload at {@code b}'s write position, after the header the codec wrote. */
        void writeState(Bytes<?> b);

        /**
         * Appends the payload in the layout an output record of {@code recordVersion} carried (a replay comparing
         * with an older journal asks for it); by default the newest.
         */
        default void writeState(Bytes<?> b, int recordVersion) {
            writeState(b);
        }
    }

    // StateSnapshot
    /** Writing: what writes the payload. */
    public StatePayload state;
    /** Reading: payload length in bytes (the payload itself is skipped; recovery reads it raw). */
    public long stateBytes;

    // Latency (not cleared by reset: its buffer is reused)
    public final LatencySnapshot latency = new LatencySnapshot();

    /**
     * Clears every field to "absent" (prices {@link FixedPoint#NULL}, figures NaN, ids and indexes -1, counts 0, no
     * state payload) before the record is filled again; {@link #latency} keeps its buffer.
     */
    public void reset() {
        type = 0;
        tokenId = -1;
        inputIndex = -1;
        timeNanos = 0;
        pair = 0;
        version = 0;
        spotPx = FixedPoint.NULL;
        perpBid = FixedPoint.NULL;
        perpAsk = FixedPoint.NULL;
        perpMid = FixedPoint.NULL;
        markPx = FixedPoint.NULL;
        oraclePx = FixedPoint.NULL;
        funding = FixedPoint.NULL;
        basisBps = Double.NaN;
        z = Double.NaN;
        mean = Double.NaN;
        std = Double.NaN;
        samples = 0;
        spotAgeMs = 0;
        perpAgeMs = 0;
        direction = 0;
        perpPx = FixedPoint.NULL;
        grossBps = Double.NaN;
        netBps = Double.NaN;
        feesBps = Double.NaN;
        rejectReason = 0;
        state = null;
        stateBytes = 0;
    }

    /** The name of a direction ({@code short-perp/long-spot}, ...), or {@code none} for any other code. */
    public static String directionName(int direction) {
        return switch (direction) {
            case SHORT_PERP_LONG_SPOT -> "short-perp/long-spot";
            case LONG_PERP_SHORT_SPOT -> "long-perp/short-spot";
            default -> "none";
        };
    }
}
