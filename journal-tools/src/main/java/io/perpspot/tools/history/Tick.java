package io.perpspot.tools.history;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;

/**
 * One imported market observation, before it is journaled: a coin, an event time and the fields
 * of one existing input type (PerpBbo, PerpMid, PerpCtx or SpotPrice). Prices are fixed-point
 * (price scale), sizes size scale; absent values are {@link FixedPoint#NULL}.
 */
final class Tick {
    final long nanos;
    final long seq;
    final String coin;
    final int type;
    long bid = FixedPoint.NULL;
    long bidSize = FixedPoint.NULL;
    long ask = FixedPoint.NULL;
    long askSize = FixedPoint.NULL;
    long price = FixedPoint.NULL;
    long funding = FixedPoint.NULL;
    long premium = FixedPoint.NULL;
    long mark = FixedPoint.NULL;
    long oracle = FixedPoint.NULL;

    Tick(long nanos, long seq, String coin, int type) {
        this.nanos = nanos;
        this.seq = seq;
        this.coin = coin;
        this.type = type;
    }

    /** Fills {@code e} (reset first) as a Source IMPORT record of token {@code tokenId}. */
    void fill(MarketEvent e, int tokenId, int source) {
        e.reset();
        e.type = type;
        e.source = source;
        e.tokenId = tokenId;
        e.recvNanos = nanos;
        e.exchTimeMs = Math.floorDiv(nanos, 1_000_000L);
        switch (type) {
            case EventType.PERP_BBO -> {
                e.bidPx = bid;
                e.bidSz = bidSize;
                e.askPx = ask;
                e.askSz = askSize;
            }
            case EventType.PERP_MID -> e.midPx = price;
            case EventType.PERP_CTX -> {
                e.funding = funding;
                e.premium = premium;
                e.markPx = mark;
                e.oraclePx = oracle;
                e.midPx = price;
            }
            case EventType.SPOT_PRICE -> e.spotPx = price;
            default -> throw new IllegalStateException("type " + type);
        }
    }
}
