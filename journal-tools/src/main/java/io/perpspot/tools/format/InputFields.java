package io.perpspot.tools.format;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;

/** The fields of each input record type, in journal-format order (see InputCodec), handed to a {@link FieldSink}. */
public final class InputFields {
    private InputFields() {
    }

    /** Header fields shared by every input record: source, token id, receive and exchange time. */
    public static void header(MarketEvent e, FieldSink out) {
        out.text("source", Source.name(e.source));
        out.integer("tokenId", e.tokenId, e.tokenId < 0);
        out.integer("recvNanos", e.recvNanos, false);
        out.text("exchTime", Times.isoMillis(e.exchTimeMs));
    }

    /** The fields that belong to the record's type. */
    public static void body(MarketEvent e, FieldSink out) {
        switch (e.type) {
            case EventType.PERP_BBO -> {
                out.price("bidPx", e.bidPx);
                out.size("bidSz", e.bidSz);
                out.price("askPx", e.askPx);
                out.size("askSz", e.askSz);
            }
            case EventType.PERP_BOOK -> {
                out.levels("bids", e.bidPxs, e.bidSzs, e.bidNs, e.bidCount);
                out.levels("asks", e.askPxs, e.askSzs, e.askNs, e.askCount);
            }
            case EventType.PERP_CTX -> {
                out.price("funding", e.funding);
                out.price("premium", e.premium);
                out.size("openInterest", e.openInterest);
                out.price("oraclePx", e.oraclePx);
                out.price("markPx", e.markPx);
                out.price("midPx", e.midPx);
                out.price("impactBidPx", e.impactBidPx);
                out.price("impactAskPx", e.impactAskPx);
                out.price("prevDayPx", e.prevDayPx);
                out.size("dayNtlVlm", e.dayNtlVlm);
            }
            case EventType.PERP_MID -> out.price("midPx", e.midPx);
            case EventType.SPOT_PRICE -> {
                out.price("spotPx", e.spotPx);
                out.integer("liquidityUsd", e.liquidityUsd, e.liquidityUsd == FixedPoint.NULL);
                out.integer("blockId", e.blockId, e.blockId == FixedPoint.NULL);
            }
            case EventType.SOURCE_STATUS -> {
                out.text("state", SourceState.name(e.status));
                out.text("reason", e.textString());
            }
            case EventType.TOKEN_DEF -> {
                String[] f = e.textString().split("\\|", -1);
                out.text("symbol", f.length > 0 ? f[0] : null);
                out.text("hlCoin", f.length > 1 ? f[1] : null);
                out.text("mint", f.length > 2 ? f[2] : null);
                out.integer("multExp", e.multExp, false);
                out.integer("decimals", e.decimals, false);
                out.text("delisted", (e.tokenFlags & MarketEvent.TOKEN_DELISTED) != 0 ? "true" : "false");
            }
            case EventType.SPOT_QUOTE -> {
                out.text("side", e.quoteSide == 0 ? "buy" : e.quoteSide == 1 ? "sell" : "unknown(" + e.quoteSide + ")");
                out.size("notionalUsd", e.quoteNotionalUsd);
                out.price("px", e.quotePx);
                out.integer("impactPpm", e.quoteImpactPpm, e.quoteImpactPpm == FixedPoint.NULL);
                out.integer("contextSlot", e.blockId, e.blockId == FixedPoint.NULL);
            }
            case EventType.DISCOVERY -> {
                out.text("trigger", e.status == 1 ? "start" : e.status == 2 ? "refresh" : "unknown(" + e.status + ")");
                out.integer("pairs", e.discoveredPairs, false);
                out.integer("added", e.discoveredAdded, false);
                out.integer("delisted", e.discoveredDelisted, false);
                out.text("how", e.textString());
            }
            case EventType.ENGINE_START -> out.text("settings", e.textString());
            case EventType.LATENCY_SNAPSHOT -> LatencyFields.body(e.latency, out);
            default -> {
                // InputCodec refuses unknown types, so a decoded event never gets here.
            }
        }
    }
}
