package io.perpspot.engine.spread;

import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Latest state of one token on both venues and its basis history. Reads market events for
 * its token; written only by the strategy thread. Times are event times (epoch nanos).
 */
public final class SpreadBook {
    /** Marks a time that has not happened yet. */
    public static final long NEVER = Long.MIN_VALUE;
    /** Minimum event-time spacing of the returns in {@link #midVolatility}. */
    public static final long VOL_SPACING_NANOS = 1_000_000_000L;

    public long perpBid = FixedPoint.NULL;
    public long perpAsk = FixedPoint.NULL;
    public long perpBidAskTime;
    public long perpMid = FixedPoint.NULL;
    public long perpMidTime;
    public long markPx = FixedPoint.NULL;
    public long oraclePx = FixedPoint.NULL;
    public long funding = FixedPoint.NULL;
    public long spotPx = FixedPoint.NULL;
    public long spotTime;
    /** Jupiter's liquidity figure for the token, whole USD, or NULL (depth for the impact model). */
    public long spotLiquidityUsd = FixedPoint.NULL;
    /** Hyperliquid 24 h notional volume (size scale), or NULL (depth for the impact model). */
    public long dayNtlVlm = FixedPoint.NULL;
    /** The latest full L2 book (PerpBook), walked by the execution model. */
    public final PerpDepth depth = new PerpDepth();
    /** Realised volatility of the perp mid (one return per second at most, last 10 minutes). */
    public final VolatilityWindow midVolatility = new VolatilityWindow(Settings.VOLATILITY_RETURNS, VOL_SPACING_NANOS);
    /** Source byte of the last perp mid, of the last perp bid/ask, and of the last spot price. */
    public int perpSource = -1;
    public int perpBidAskSource = -1;
    public int spotSource = -1;
    /** The perp is delisted (TokenDef flag): the book keeps its state, the detector stays silent. */
    public boolean delisted;
    /** The latest Jupiter quote ladder (from SpotQuote records), read by the execution model. */
    public final QuoteLadder ladder = new QuoteLadder();
    /** Event time of the last refused would-be opportunity (throttled like opportunities). */
    public long lastRefusalNanos = NEVER;

    public final RollingWindow basis;
    public long nextSampleNanos;
    public long lastSnapshotNanos = NEVER;
    public long lastOpportunityNanos = NEVER;
    public int activeDirection;

    public SpreadBook(int window) {
        basis = new RollingWindow(window);
    }

    /** Applies a market event; returns true if the perp or spot price changed. */
    public boolean apply(MarketEvent e) {
        long t = e.recvNanos;
        switch (e.type) {
            case EventType.PERP_BBO -> {
                if (e.bidPx == FixedPoint.NULL || e.askPx == FixedPoint.NULL) {
                    return false;
                }
                setTop(e.bidPx, e.askPx, t, e.source);
                return true;
            }
            case EventType.PERP_BOOK -> {
                if (e.bidCount == 0 || e.askCount == 0) {
                    return false;
                }
                depth.set(e);
                setTop(e.bidPxs[0], e.askPxs[0], t, e.source);
                return true;
            }
            case EventType.PERP_CTX -> {
                markPx = e.markPx;
                oraclePx = e.oraclePx;
                funding = e.funding;
                dayNtlVlm = e.dayNtlVlm;
                if (e.midPx != FixedPoint.NULL) {
                    perpMid = e.midPx;
                    perpMidTime = t;
                    midVolatility.offer(perpMid, t);
                    perpSource = e.source;
                    return true;
                }
                return false;
            }
            case EventType.PERP_MID -> {
                perpMid = e.midPx;
                perpMidTime = t;
                midVolatility.offer(perpMid, t);
                perpSource = e.source;
                return true;
            }
            case EventType.SPOT_PRICE -> {
                spotPx = e.spotPx;
                spotTime = t;
                if (e.liquidityUsd != FixedPoint.NULL) {
                    spotLiquidityUsd = e.liquidityUsd;
                }
                spotSource = e.source;
                return true;
            }
            case EventType.SPOT_QUOTE -> {
                if (e.quoteSide == QuoteSide.BUY || e.quoteSide == QuoteSide.SELL) {
                    ladder.put(e.quoteSide, e.quoteNotionalUsd, e.quotePx, e.quoteImpactPpm, t);
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private void setTop(long bid, long ask, long t, int source) {
        perpSource = source;
        perpBidAskSource = source;
        perpBid = bid;
        perpAsk = ask;
        perpBidAskTime = t;
        // Integer mid of two fixed-point prices: exact to the last unit, rounded down.
        perpMid = (bid >> 1) + (ask >> 1) + (bid & ask & 1);
        perpMidTime = t;
        midVolatility.offer(perpMid, t);
    }

    /** True when both sides have a price (of any age). */
    public boolean priced() {
        return spotPx != FixedPoint.NULL && perpMid != FixedPoint.NULL;
    }

    /** True when both sides are known and within their maximum age at {@code now}. */
    public boolean fresh(long now, long maxSpotAge, long maxPerpAge) {
        return spotPx != FixedPoint.NULL && perpMid != FixedPoint.NULL
                && now - spotTime <= maxSpotAge && now - perpMidTime <= maxPerpAge;
    }

    /** (perp mid − spot) / spot in basis points. */
    public double basisBps() {
        return (double) (perpMid - spotPx) / spotPx * 10_000.0;
    }

    /** Appends every field of the book, for state snapshots (docs/journal-format.md, StateSnapshot). */
    public void writeState(Bytes<?> b) {
        b.writeLong(perpBid);
        b.writeLong(perpAsk);
        b.writeLong(perpBidAskTime);
        b.writeLong(perpMid);
        b.writeLong(perpMidTime);
        b.writeLong(markPx);
        b.writeLong(oraclePx);
        b.writeLong(funding);
        b.writeLong(spotPx);
        b.writeLong(spotTime);
        b.writeLong(spotLiquidityUsd);
        b.writeLong(dayNtlVlm);
        b.writeInt(perpSource);
        b.writeInt(perpBidAskSource);
        b.writeInt(spotSource);
        b.writeInt(activeDirection);
        b.writeByte((byte) (delisted ? 1 : 0));
        b.writeLong(lastRefusalNanos);
        b.writeLong(nextSampleNanos);
        b.writeLong(lastSnapshotNanos);
        b.writeLong(lastOpportunityNanos);
        basis.writeState(b);
        midVolatility.writeState(b);
        depth.writeState(b);
        ladder.writeState(b);
    }

    /** Reads what {@link #writeState} wrote. */
    public void readState(Bytes<?> b) {
        perpBid = b.readLong();
        perpAsk = b.readLong();
        perpBidAskTime = b.readLong();
        perpMid = b.readLong();
        perpMidTime = b.readLong();
        markPx = b.readLong();
        oraclePx = b.readLong();
        funding = b.readLong();
        spotPx = b.readLong();
        spotTime = b.readLong();
        spotLiquidityUsd = b.readLong();
        dayNtlVlm = b.readLong();
        perpSource = b.readInt();
        perpBidAskSource = b.readInt();
        spotSource = b.readInt();
        activeDirection = b.readInt();
        delisted = b.readByte() != 0;
        lastRefusalNanos = b.readLong();
        nextSampleNanos = b.readLong();
        lastSnapshotNanos = b.readLong();
        lastOpportunityNanos = b.readLong();
        basis.readState(b);
        midVolatility.readState(b);
        depth.readState(b);
        ladder.readState(b);
    }

    /**
     * Forgets everything the book learnt: prices {@link FixedPoint#NULL}, windows, depth and ladder empty, no signal,
     * no sources, not delisted.
     */
    public void clear() {
        perpBid = perpAsk = perpMid = markPx = oraclePx = funding = spotPx = FixedPoint.NULL;
        perpBidAskTime = perpMidTime = spotTime = 0;
        spotLiquidityUsd = dayNtlVlm = FixedPoint.NULL;
        depth.clear();
        midVolatility.clear();
        basis.clear();
        nextSampleNanos = 0;
        lastSnapshotNanos = NEVER;
        lastOpportunityNanos = NEVER;
        activeDirection = 0;
        perpSource = perpBidAskSource = spotSource = -1;
        delisted = false;
        ladder.clear();
        lastRefusalNanos = NEVER;
    }
}
