package io.perpspot.tools.format;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.VenuePair;

/**
 * The fields of each output record type, in journal-format order (see OutputCodec), handed to a {@link FieldSink}.
 * Spread and Opportunity end with {@code pair}, the {@link VenuePair}'s name: {@code perp-jupiter} for a record
 * written before version 3, which has none. An Opportunity's direction is named on its pair
 * ({@code short-perp/long-hlspot}), so a reader never takes a pair's legs for the perp and Jupiter.
 */
public final class OutputFields {
    private OutputFields() {
    }

    /** Header fields shared by every output record: token id, the input record it came from, its event time. */
    public static void header(OutputRecord r, FieldSink out) {
        out.integer("tokenId", r.tokenId, r.tokenId < 0);
        out.integer("inputIndex", r.inputIndex, false);
        out.integer("timeNanos", r.timeNanos, false);
    }

    /** The fields that belong to the record's type. */
    public static void body(OutputRecord r, FieldSink out) {
        switch (r.type) {
            case OutputType.SPREAD -> {
                out.price("spotPx", r.spotPx);
                out.price("perpBid", r.perpBid);
                out.price("perpAsk", r.perpAsk);
                out.price("perpMid", r.perpMid);
                out.price("markPx", r.markPx);
                out.price("oraclePx", r.oraclePx);
                out.price("funding", r.funding);
                out.decimal("basisBps", r.basisBps);
                out.decimal("z", r.z);
                out.decimal("mean", r.mean);
                out.decimal("std", r.std);
                out.integer("samples", r.samples, false);
                out.integer("spotAgeMs", r.spotAgeMs, false);
                out.integer("perpAgeMs", r.perpAgeMs, false);
                out.text("pair", VenuePair.name(r.pair));
            }
            case OutputType.OPPORTUNITY -> {
                out.text("direction", VenuePair.directionName(r.direction, r.pair));
                out.price("spotPx", r.spotPx);
                out.price("perpPx", r.perpPx);
                out.decimal("grossBps", r.grossBps);
                out.decimal("netBps", r.netBps);
                out.decimal("feesBps", r.feesBps);
                out.decimal("z", r.z);
                out.decimal("basisBps", r.basisBps);
                out.text("rejectReason", OutputRecord.rejectReasonName(r.rejectReason));
                out.text("pair", VenuePair.name(r.pair));
            }
            case OutputType.LATENCY -> LatencyFields.body(r.latency, out);
            case OutputType.STATE_SNAPSHOT -> out.integer("stateBytes", r.stateBytes, false);
            default -> {
                // OutputCodec refuses unknown types, so a decoded record never gets here.
            }
        }
    }
}
