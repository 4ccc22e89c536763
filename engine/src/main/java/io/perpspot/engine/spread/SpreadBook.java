package io.perpspot.engine.spread;

import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.VenuePair;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Latest state of one token on its three venues — the Hyperliquid perp, Jupiter spot and, where the token has a
 * matched pair, Hyperliquid spot — and the basis history of each {@link VenuePair}. Reads market events for its
 * token; written only by the strategy thread. Times are event times (epoch nanos).
 *
 * <p>A pair's legs are read through {@link #bidA}, {@link #bMid} and their siblings, so the strategy and the
 * detector treat every pair alike: leg A is the perp (or Hyperliquid spot in {@code hlspot-jupiter}), leg B is the
 * spot side it is measured against.
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

    /** Hyperliquid spot (source {@code hl-spot}): top of book, its mid, when and from where, and the L2 book. */
    public long hlSpotBid = FixedPoint.NULL;
    public long hlSpotAsk = FixedPoint.NULL;
    public long hlSpotMid = FixedPoint.NULL;
    public long hlSpotTime;
    public int hlSpotSource = -1;
    public final PerpDepth hlSpotDepth = new PerpDepth();

    /** Per venue pair, by {@link VenuePair} code: the basis window and the detector's memory. */
    public final PairState[] pairs = new PairState[VenuePair.COUNT];
    /** The perp–Jupiter basis window ({@code pairs[PERP_JUPITER].basis}), the one every release before v3 kept. */
    public final RollingWindow basis;

    public SpreadBook(int window) {
        for (int p = 0; p < pairs.length; p++) {
            pairs[p] = new PairState(window);
        }
        basis = pairs[VenuePair.PERP_JUPITER].basis;
    }

    /** The state of one venue pair. */
    public PairState pair(int pair) {
        return pairs[pair];
    }

    /** Applies a market event; returns true if a price of one of the three venues changed. */
    public boolean apply(MarketEvent e) {
        long t = e.recvNanos;
        if (e.source == Source.HL_SPOT) {
            return applyHlSpot(e, t);
        }
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

    /** A Hyperliquid spot book reuses the perp's event types; it moves only the Hyperliquid spot leg. */
    private boolean applyHlSpot(MarketEvent e, long t) {
        long bid;
        long ask;
        if (e.type == EventType.PERP_BBO) {
            bid = e.bidPx;
            ask = e.askPx;
        } else if (e.type == EventType.PERP_BOOK && e.bidCount > 0 && e.askCount > 0) {
            hlSpotDepth.set(e);
            bid = e.bidPxs[0];
            ask = e.askPxs[0];
        } else {
            return false;
        }
        if (bid == FixedPoint.NULL || ask == FixedPoint.NULL) {
            return false;
        }
        hlSpotBid = bid;
        hlSpotAsk = ask;
        hlSpotMid = mid(bid, ask);
        hlSpotTime = t;
        hlSpotSource = e.source;
        return true;
    }

    /** Integer mid of two fixed-point prices: exact to the last unit, rounded down. */
    private static long mid(long bid, long ask) {
        return (bid >> 1) + (ask >> 1) + (bid & ask & 1);
    }

    /** The venue pairs whose legs an event of {@code source} and {@code type} moves, as a bit set by pair code. */
    public static int pairsMovedBy(int type, int source) {
        if (source == Source.HL_SPOT) {
            return 1 << VenuePair.PERP_HLSPOT | 1 << VenuePair.HLSPOT_JUPITER;
        }
        if (EventType.isPerp(type)) {
            return 1 << VenuePair.PERP_JUPITER | 1 << VenuePair.PERP_HLSPOT;
        }
        return 1 << VenuePair.PERP_JUPITER | 1 << VenuePair.HLSPOT_JUPITER;
    }

    // Leg A of a pair: the perp, or Hyperliquid spot against Jupiter.

    /** Leg A's bid. */
    public long bidA(int pair) {
        return pair == VenuePair.HLSPOT_JUPITER ? hlSpotBid : perpBid;
    }

    /** Leg A's ask. */
    public long askA(int pair) {
        return pair == VenuePair.HLSPOT_JUPITER ? hlSpotAsk : perpAsk;
    }

    /** Leg A's mid. */
    public long midA(int pair) {
        return pair == VenuePair.HLSPOT_JUPITER ? hlSpotMid : perpMid;
    }

    /** When leg A's mid last moved. */
    public long midTimeA(int pair) {
        return pair == VenuePair.HLSPOT_JUPITER ? hlSpotTime : perpMidTime;
    }

    /** When leg A's bid and ask last moved. */
    public long quoteTimeA(int pair) {
        return pair == VenuePair.HLSPOT_JUPITER ? hlSpotTime : perpBidAskTime;
    }

    /** The source of leg A's mid. */
    public int midSourceA(int pair) {
        return pair == VenuePair.HLSPOT_JUPITER ? hlSpotSource : perpSource;
    }

    /** The source of leg A's bid and ask. */
    public int quoteSourceA(int pair) {
        return pair == VenuePair.HLSPOT_JUPITER ? hlSpotSource : perpBidAskSource;
    }

    // Leg B: Jupiter, or Hyperliquid spot against the perp.

    /** True when leg B is Hyperliquid spot (a book with a bid and an ask), false when it is Jupiter (one price). */
    public static boolean legBIsBook(int pair) {
        return pair == VenuePair.PERP_HLSPOT;
    }

    /** Leg B's mid (Jupiter's price). */
    public long midB(int pair) {
        return legBIsBook(pair) ? hlSpotMid : spotPx;
    }

    /** Leg B's price to buy at (its ask; Jupiter's price). */
    public long buyB(int pair) {
        return legBIsBook(pair) ? hlSpotAsk : spotPx;
    }

    /** Leg B's price to sell at (its bid; Jupiter's price). */
    public long sellB(int pair) {
        return legBIsBook(pair) ? hlSpotBid : spotPx;
    }

    /** When leg B last moved. */
    public long timeB(int pair) {
        return legBIsBook(pair) ? hlSpotTime : spotTime;
    }

    /** Leg B's source. */
    public int sourceB(int pair) {
        return legBIsBook(pair) ? hlSpotSource : spotSource;
    }

    /** True when both legs of a pair have a price (of any age). */
    public boolean priced(int pair) {
        return midA(pair) != FixedPoint.NULL && midB(pair) != FixedPoint.NULL;
    }

    /** True when a trade on the pair has prices: both mids, and leg A's bid and ask. */
    public boolean executable(int pair) {
        return priced(pair) && bidA(pair) != FixedPoint.NULL && askA(pair) != FixedPoint.NULL;
    }

    /** (mid A − mid B) / mid B in basis points. */
    public double basisBps(int pair) {
        long b = midB(pair);
        return (double) (midA(pair) - b) / b * 10_000.0;
    }

    private void setTop(long bid, long ask, long t, int source) {
        perpSource = source;
        perpBidAskSource = source;
        perpBid = bid;
        perpAsk = ask;
        perpBidAskTime = t;
        perpMid = mid(bid, ask);
        perpMidTime = t;
        midVolatility.offer(perpMid, t);
    }

    /** True when both sides are known and within their maximum age at {@code now}. */
    public boolean fresh(long now, long maxSpotAge, long maxPerpAge) {
        return spotPx != FixedPoint.NULL && perpMid != FixedPoint.NULL
                && now - spotTime <= maxSpotAge && now - perpMidTime <= maxPerpAge;
    }

    /**
     * True when the book holds nothing a StateSnapshot of version 1 could not carry: no Hyperliquid spot price and
     * an empty state for the pairs after perp-jupiter.
     */
    public boolean fitsVersion1() {
        return hlSpotMid == FixedPoint.NULL
                && hlSpotDepth.levels(PerpDepth.BID) == 0 && hlSpotDepth.levels(PerpDepth.ASK) == 0
                && pairs[VenuePair.PERP_HLSPOT].empty() && pairs[VenuePair.HLSPOT_JUPITER].empty();
    }

    /** Appends every field of the book, for state snapshots (docs/journal-format.md, StateSnapshot, version 2). */
    public void writeState(Bytes<?> b) {
        writeState(b, 2);
    }

    /**
     * Appends every field of the book in a StateSnapshot's layout of {@code stateVersion}: version 1 is the perp and
     * Jupiter legs and the perp–Jupiter pair; version 2 appends the Hyperliquid spot leg and the other two pairs.
     */
    public void writeState(Bytes<?> b, int stateVersion) {
        PairState p0 = pairs[VenuePair.PERP_JUPITER];
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
        b.writeInt(p0.activeDirection);
        b.writeByte((byte) (delisted ? 1 : 0));
        b.writeLong(p0.lastRefusalNanos);
        b.writeLong(p0.nextSampleNanos);
        b.writeLong(p0.lastSnapshotNanos);
        b.writeLong(p0.lastOpportunityNanos);
        basis.writeState(b);
        midVolatility.writeState(b);
        depth.writeState(b);
        ladder.writeState(b);
        if (stateVersion >= 2) {
            b.writeLong(hlSpotBid);
            b.writeLong(hlSpotAsk);
            b.writeLong(hlSpotMid);
            b.writeLong(hlSpotTime);
            b.writeInt(hlSpotSource);
            hlSpotDepth.writeState(b);
            pairs[VenuePair.PERP_HLSPOT].writeState(b);
            pairs[VenuePair.HLSPOT_JUPITER].writeState(b);
        }
    }

    /** Reads what {@link #writeState(Bytes, int)} wrote in the newest layout. */
    public void readState(Bytes<?> b) {
        readState(b, 2);
    }

    /** Reads what {@link #writeState(Bytes, int)} wrote in {@code stateVersion}'s layout. */
    public void readState(Bytes<?> b, int stateVersion) {
        PairState p0 = pairs[VenuePair.PERP_JUPITER];
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
        p0.activeDirection = b.readInt();
        delisted = b.readByte() != 0;
        p0.lastRefusalNanos = b.readLong();
        p0.nextSampleNanos = b.readLong();
        p0.lastSnapshotNanos = b.readLong();
        p0.lastOpportunityNanos = b.readLong();
        basis.readState(b);
        midVolatility.readState(b);
        depth.readState(b);
        ladder.readState(b);
        if (stateVersion >= 2) {
            hlSpotBid = b.readLong();
            hlSpotAsk = b.readLong();
            hlSpotMid = b.readLong();
            hlSpotTime = b.readLong();
            hlSpotSource = b.readInt();
            hlSpotDepth.readState(b);
            pairs[VenuePair.PERP_HLSPOT].readState(b);
            pairs[VenuePair.HLSPOT_JUPITER].readState(b);
        }
    }

    /**
     * Forgets everything the book learnt: prices {@link FixedPoint#NULL} (on all three venues), windows, depths and
     * ladder empty, no signal on any pair, no sources, not delisted.
     */
    public void clear() {
        perpBid = perpAsk = perpMid = markPx = oraclePx = funding = spotPx = FixedPoint.NULL;
        perpBidAskTime = perpMidTime = spotTime = 0;
        spotLiquidityUsd = dayNtlVlm = FixedPoint.NULL;
        depth.clear();
        midVolatility.clear();
        for (PairState p : pairs) {
            p.clear();
        }
        perpSource = perpBidAskSource = spotSource = -1;
        delisted = false;
        ladder.clear();
        hlSpotBid = hlSpotAsk = hlSpotMid = FixedPoint.NULL;
        hlSpotTime = 0;
        hlSpotSource = -1;
        hlSpotDepth.clear();
    }
}
