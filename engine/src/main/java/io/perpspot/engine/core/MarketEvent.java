package io.perpspot.engine.core;

import java.nio.charset.StandardCharsets;

/**
 * The one mutable ring event: primitives and pre-sized arrays, reset in place, never
 * reallocated. Which fields mean something depends on {@link #type}:
 *
 * <pre>
 *  PERP_BBO     bidPx bidSz askPx askSz           (a missing side is FixedPoint.NULL)
 *  PERP_BOOK    bidCount askCount bidPx[] bidSz[] bidN[] askPx[] askSz[] askN[]
 *  PERP_CTX     funding premium openInterest oraclePx markPx midPx impactBidPx impactAskPx
 *               prevDayPx dayNtlVlm                (nullable ones may be FixedPoint.NULL)
 *  PERP_MID     midPx
 *  SPOT_PRICE   spotPx liquidityUsd blockId
 *  SPOT_QUOTE   quoteSide quoteNotionalUsd quotePx quoteImpactPpm blockId (= the quote's contextSlot)
 *  DISCOVERY    status (= trigger: 1 start, 2 refresh) discoveredPairs discoveredAdded discoveredDelisted text
 *  SOURCE_STATUS status text
 *  TOKEN_DEF    multExp decimals tokenFlags text = "symbol|hlCoin|mint"
 *  ENGINE_START text = strategy configuration (key=value lines)
 *  LATENCY_SNAPSHOT latency (read from a journal only)
 * </pre>
 *
 * Prices, funding and premium use {@link FixedPoint#PRICE_DECIMALS}; sizes, open interest and
 * notional volume use {@link FixedPoint#SIZE_DECIMALS}. Perp prices and book sizes are per token,
 * not per contract (a kBONK price is divided by 1000 when decoded); open interest alone stays in
 * contracts, as Hyperliquid reports it.
 */
public final class MarketEvent {
    public static final int MAX_LEVELS = 20;
    /** Text capacity per slot: status reasons, token definitions, EngineStart parameters (~600 B). */
    public static final int MAX_TEXT = 1024;
    /** TOKEN_DEF flag: the perp is delisted on Hyperliquid; the pair is kept but no longer traded. */
    public static final int TOKEN_DELISTED = 1;
    /** Token ids are dense per engine run and below this bound (per-token arrays are this long). */
    public static final int TOKEN_ID_LIMIT = 4096;

    public int type;
    public int source;
    public int tokenId;
    /** Local receive time, epoch nanoseconds: the strategy's clock. */
    public long recvNanos;
    /** Exchange timestamp in epoch milliseconds, or 0 when the message carries none. */
    public long exchTimeMs;
    /** Index assigned by the input journal (set by the JournalHandler). */
    public long journalIndex;

    public long bidPx;
    public long bidSz;
    public long askPx;
    public long askSz;

    public int bidCount;
    public int askCount;
    public final long[] bidPxs = new long[MAX_LEVELS];
    public final long[] bidSzs = new long[MAX_LEVELS];
    public final int[] bidNs = new int[MAX_LEVELS];
    public final long[] askPxs = new long[MAX_LEVELS];
    public final long[] askSzs = new long[MAX_LEVELS];
    public final int[] askNs = new int[MAX_LEVELS];

    public long funding;
    public long premium;
    public long openInterest;
    public long oraclePx;
    public long markPx;
    public long midPx;
    public long impactBidPx;
    public long impactAskPx;
    public long prevDayPx;
    public long dayNtlVlm;

    public long spotPx;
    public long liquidityUsd;
    public long blockId;

    /** SPOT_QUOTE: {@code QuoteSide.BUY} or {@code QuoteSide.SELL}. */
    public int quoteSide;
    /** SPOT_QUOTE: the rung's notional in USD, size scale. */
    public long quoteNotionalUsd;
    /** SPOT_QUOTE: executable price per whole token (route impact included, fees excluded), price scale. */
    public long quotePx;
    /** SPOT_QUOTE: Jupiter's priceImpactPct in parts per million. */
    public long quoteImpactPpm;

    /** DISCOVERY: pairs tracked after the round, pairs it added, pairs it marked delisted. */
    public int discoveredPairs;
    public int discoveredAdded;
    public int discoveredDelisted;

    public int status;
    public int multExp;
    /** TOKEN_DEF: bit flags ({@link #TOKEN_DELISTED}). */
    public int tokenFlags;
    public int decimals;
    public final byte[] text = new byte[MAX_TEXT];
    public int textLength;
    /**
     * LATENCY_SNAPSHOT only, and only in events read from a journal: created by the first such
     * record read, then reused. The engine journals these records directly, never through the ring.
     */
    public LatencySnapshot latency;

    /** Clears every field to its empty value. */
    public void reset() {
        type = 0;
        source = 0;
        tokenId = -1;
        recvNanos = 0;
        exchTimeMs = 0;
        journalIndex = -1;
        bidPx = FixedPoint.NULL;
        bidSz = FixedPoint.NULL;
        askPx = FixedPoint.NULL;
        askSz = FixedPoint.NULL;
        bidCount = 0;
        askCount = 0;
        funding = FixedPoint.NULL;
        premium = FixedPoint.NULL;
        openInterest = FixedPoint.NULL;
        oraclePx = FixedPoint.NULL;
        markPx = FixedPoint.NULL;
        midPx = FixedPoint.NULL;
        impactBidPx = FixedPoint.NULL;
        impactAskPx = FixedPoint.NULL;
        prevDayPx = FixedPoint.NULL;
        dayNtlVlm = FixedPoint.NULL;
        spotPx = FixedPoint.NULL;
        liquidityUsd = FixedPoint.NULL;
        blockId = FixedPoint.NULL;
        quoteSide = 0;
        quoteNotionalUsd = FixedPoint.NULL;
        quotePx = FixedPoint.NULL;
        quoteImpactPpm = FixedPoint.NULL;
        discoveredPairs = 0;
        discoveredAdded = 0;
        discoveredDelisted = 0;
        status = 0;
        multExp = 0;
        tokenFlags = 0;
        decimals = 0;
        textLength = 0;
    }

    /**
     * Copies {@code o} into this event: the header and the fields its type uses (no allocation).
     * Fields another type uses keep stale values; every reader branches on {@link #type} first.
     * Copying only what the type needs keeps a bbo hand-off to a few cache lines.
     */
    public void copyFrom(MarketEvent o) {
        type = o.type;
        source = o.source;
        tokenId = o.tokenId;
        recvNanos = o.recvNanos;
        exchTimeMs = o.exchTimeMs;
        journalIndex = o.journalIndex;
        switch (o.type) {
            case EventType.PERP_BBO -> {
                bidPx = o.bidPx;
                bidSz = o.bidSz;
                askPx = o.askPx;
                askSz = o.askSz;
            }
            case EventType.PERP_BOOK -> {
                bidCount = o.bidCount;
                askCount = o.askCount;
                System.arraycopy(o.bidPxs, 0, bidPxs, 0, o.bidCount);
                System.arraycopy(o.bidSzs, 0, bidSzs, 0, o.bidCount);
                System.arraycopy(o.bidNs, 0, bidNs, 0, o.bidCount);
                System.arraycopy(o.askPxs, 0, askPxs, 0, o.askCount);
                System.arraycopy(o.askSzs, 0, askSzs, 0, o.askCount);
                System.arraycopy(o.askNs, 0, askNs, 0, o.askCount);
            }
            case EventType.PERP_CTX -> {
                funding = o.funding;
                premium = o.premium;
                openInterest = o.openInterest;
                oraclePx = o.oraclePx;
                markPx = o.markPx;
                midPx = o.midPx;
                impactBidPx = o.impactBidPx;
                impactAskPx = o.impactAskPx;
                prevDayPx = o.prevDayPx;
                dayNtlVlm = o.dayNtlVlm;
            }
            case EventType.PERP_MID -> midPx = o.midPx;
            case EventType.SPOT_PRICE -> {
                spotPx = o.spotPx;
                liquidityUsd = o.liquidityUsd;
                blockId = o.blockId;
            }
            case EventType.LATENCY_SNAPSHOT -> {
                if (o.latency != null) {
                    if (latency == null) {
                        latency = new LatencySnapshot();
                    }
                    latency.copyFrom(o.latency);
                }
            }
            case EventType.SPOT_QUOTE -> {
                quoteSide = o.quoteSide;
                quoteNotionalUsd = o.quoteNotionalUsd;
                quotePx = o.quotePx;
                quoteImpactPpm = o.quoteImpactPpm;
                blockId = o.blockId;
            }
            default -> {
                // engine events: status, token definitions, discovery, start parameters
                status = o.status;
                multExp = o.multExp;
                tokenFlags = o.tokenFlags;
                discoveredPairs = o.discoveredPairs;
                discoveredAdded = o.discoveredAdded;
                discoveredDelisted = o.discoveredDelisted;
                decimals = o.decimals;
                textLength = o.textLength;
                System.arraycopy(o.text, 0, text, 0, o.textLength);
            }
        }
    }

    /** Sets {@link #text} from a String (UTF-8, truncated to {@link #MAX_TEXT}); not for the hot path. */
    public void setText(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        textLength = Math.min(b.length, MAX_TEXT);
        System.arraycopy(b, 0, text, 0, textLength);
    }

    /** True if the String fits {@link #text} without truncation. */
    public static boolean fitsText(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length <= MAX_TEXT;
    }

    /** {@link #text} as a String; not for the hot path. */
    public String textString() {
        return new String(text, 0, textLength, StandardCharsets.UTF_8);
    }

    public MarketEvent() {
        reset();
    }
}
