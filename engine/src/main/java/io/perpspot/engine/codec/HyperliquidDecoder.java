package io.perpspot.engine.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.tokens.CharIndex;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes Hyperliquid WebSocket frames ({@code {"channel":…,"data":…}}) straight from bytes
 * into {@link MarketEvent}s: {@code bbo}, {@code l2Book}, {@code activeAssetCtx} and
 * {@code allMids} become events (a {@code bbo} or {@code l2Book} of a tracked Hyperliquid spot pair,
 * {@code @107}, becomes the same event from {@link Source#HL_SPOT}, per token, unscaled; {@code allDexsAssetCtxs}
 * becomes a PerpCtx per tracked coin once {@link #perpUniverse} names its contexts); acks, pongs and
 * the plain-text greeting are counted; {@code error} frames and anything malformed are rejected, counted
 * and logged once.
 *
 * <p>One long-lived jackson-core non-blocking parser is fed frame after frame, so steady-state
 * decoding allocates nothing: names come from the parser's symbol table, numbers are parsed to
 * fixed point from its character buffer, coins are resolved through a {@link CharIndex}.
 * A frame is decoded completely into a scratch event and published only when the whole frame
 * is valid, so a bad frame never moves a price. Not thread-safe: one decoder per connection.
 *
 * <p>This is a hand-written parser over the token stream, one method per channel and nested
 * object, on the engine's hottest call: it is the one main source file allowed past the house
 * limit of 500 lines, because splitting its state machine across classes would put a call
 * boundary (and the parser's state) between every field of a frame.
 */
public final class HyperliquidDecoder {
    /** The plain-text greeting some servers send after the upgrade (protocols.md §1.1). */
    public static final String GREETING = "Websocket connection established.";
    private static final byte[] GREETING_BYTES = GREETING.getBytes(StandardCharsets.US_ASCII);

    private static final int CH_UNKNOWN = 0;
    private static final int CH_BBO = 1;
    private static final int CH_BOOK = 2;
    private static final int CH_CTX = 3;
    private static final int CH_MIDS = 4;
    private static final int CH_ACK = 5;
    private static final int CH_PONG = 6;
    private static final int CH_ERROR = 7;
    private static final int CH_IGNORED = 8;
    private static final int CH_ALL_CTXS = 9;
    private static final String[] IGNORED_CHANNELS = {
        "activeSpotAssetCtx", "trades", "candle", "post", "notification", "webData2",
        "webData3", "orderUpdates", "userEvents", "userFills", "userFundings", "userNonFundingLedgerUpdates",
        "activeAssetData", "userTwapSliceFills", "userTwapHistory", "explorerBlock", "explorerTxs"
    };

    private final TokenRegistry registry;
    private final int source;
    private final EventPublisher out;
    private final FeedStats stats;
    private final MarketEvent scratch = new MarketEvent();
    private final DecodeFailure fail = new DecodeFailure();

    private final JsonFields.TrailingCheck trailing = new JsonFields.TrailingCheck();
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private byte[] buf = new byte[64 * 1024];
    /** The frame being decoded (the caller's array or {@link #buf}) and where it starts; null between frames. */
    private byte[] in;
    private int inOff;
    private int frameLen;
    private long recvNanos;

    private boolean coinSeen;
    /** The frame's coin is a spot pair: source {@link Source#HL_SPOT}, its own times, no contract multiplier. */
    private boolean spotCoin;
    private int publishKind;
    /** Exchange time of the last published bbo / l2Book per token: older or equal times are rejected. */
    private final long[] lastBboTime;
    private final long[] lastBookTime;
    private final long[] lastSpotBboTime;
    private final long[] lastSpotBookTime;
    private long[] timeArr;
    private int timeIdx;
    private final long[] pendingMid;
    private final int[] pendingIds;
    private int pendingCount;
    /** Token id by the first dex's meta-universe index (-1: untracked), or null: allDexsAssetCtxs is ignored. */
    private int[] tokenByPerpIndex;
    private MarketEvent[] ctxPending = new MarketEvent[0];
    private int ctxPendingCount;

    private long acks;
    private long pongs;
    private long greetings;
    private String lastServerError;

    public HyperliquidDecoder(TokenRegistry registry, int source, EventPublisher out, FeedStats stats) {
        this.registry = registry;
        this.source = source;
        this.out = out;
        this.stats = stats;
        this.pendingMid = new long[registry.size()];
        this.lastBboTime = new long[registry.size()];
        this.lastBookTime = new long[registry.size()];
        this.lastSpotBboTime = new long[registry.size()];
        this.lastSpotBookTime = new long[registry.size()];
        this.pendingIds = new int[registry.size()];
        newParser();
    }

    /** A buffer of at least {@code len} bytes to fill with the next frame before {@link #decode(int, long)}. */
    public byte[] buffer(int len) {
        if (buf.length < len) {
            buf = new byte[Integer.highestOneBit(len) << 1];
        }
        return buf;
    }

    /**
     * Decodes a frame where it lies: the parser reads {@code frame} during this call only, so
     * the caller may reuse the array as soon as it returns (no copy).
     */
    public void onFrame(byte[] frame, int off, int len, long recvEpochNanos) {
        decode(frame, off, len, recvEpochNanos);
    }

    /** Decodes the {@code len} bytes previously written into {@link #buffer}. */
    public void decode(int len, long recvEpochNanos) {
        decode(buf, 0, len, recvEpochNanos);
    }

    private void decode(byte[] frame, int off, int len, long recvEpochNanos) {
        stats.frame(source);
        in = frame;
        inOff = off;
        frameLen = len;
        recvNanos = recvEpochNanos;
        int first = firstNonSpace(frame, off, len);
        if (first < 0 || frame[first] != '{') {
            if (isGreeting(frame, off, len)) {
                greetings++;
            } else {
                stats.reject(source, Reject.NOT_JSON, frame, off, len, null);
            }
            in = null;
            return;
        }
        try {
            feed();
            int channel = parseRoot(CH_UNKNOWN);
            if (channel < 0) {
                // "data" came before "channel": decode again now that the channel is known.
                newParser();
                feed();
                parseRoot(-channel);
            }
            publishPending();
        } catch (DecodeFailure f) {
            stats.reject(source, f.reason, frame, off, len, f.detail);
            newParser();
        } catch (JsonProcessingException e) {
            stats.reject(source, Reject.MALFORMED_JSON, frame, off, len, e.getOriginalMessage());
            newParser();
        } catch (IOException e) {
            stats.reject(source, Reject.MALFORMED_JSON, frame, off, len, e.getMessage());
            newParser();
        } finally {
            publishKind = 0;
            pendingCount = 0;
            ctxPendingCount = 0;
            timeArr = null;
            in = null;
        }
    }

    /**
     * Feeds the frame as it is. A root object ends at its {@code '}'}, so no separator is needed;
     * what follows it in the frame is checked by {@link DecodeFailure#endOfRoot}.
     */
    private void feed() throws IOException {
        feeder.feedInput(in, inOff, inOff + frameLen);
    }

    /**
     * Parses the root object. Returns the channel, or minus the channel if the data member
     * preceded it and a second pass is needed.
     */
    private int parseRoot(int knownChannel) throws IOException {
        if (next() != JsonToken.START_OBJECT) {
            throw fail.with(Reject.NOT_JSON, "not an object");
        }
        int channel = knownChannel;
        boolean dataSkipped = false;
        boolean dataSeen = false;
        JsonToken t;
        while ((t = next()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            t = next();
            if ("channel".equals(name)) {
                if (t != JsonToken.VALUE_STRING) {
                    throw fail.with(Reject.WRONG_TYPE, "channel");
                }
                channel = channel(parser);
            } else if ("data".equals(name)) {
                dataSeen = true;
                if (channel == CH_UNKNOWN) {
                    dataSkipped = true;
                    skip(t);
                } else {
                    data(channel, t);
                }
            } else {
                skip(t);
            }
        }
        // Consumes the separator fed after the frame; anything else after the object is garbage.
        fail.endOfRoot(parser, t, trailing);
        if (channel == CH_UNKNOWN) {
            throw fail.with(Reject.MISSING_FIELD, "channel");
        }
        if (dataSkipped) {
            return -channel;
        }
        if (!dataSeen && channel != CH_PONG) {
            if (channel == CH_IGNORED) {
                stats.ignored(source);
                return channel;
            }
            throw fail.with(Reject.MISSING_FIELD, "data");
        }
        switch (channel) {
            case CH_ACK -> acks++;
            case CH_PONG -> pongs++;
            case CH_IGNORED -> stats.ignored(source);
            default -> {
            }
        }
        return channel;
    }

    private int channel(JsonParser p) throws IOException {
        if (JsonFields.textEquals(p, "bbo")) {
            return CH_BBO;
        }
        if (JsonFields.textEquals(p, "l2Book")) {
            return CH_BOOK;
        }
        if (JsonFields.textEquals(p, "activeAssetCtx")) {
            return CH_CTX;
        }
        if (JsonFields.textEquals(p, "allMids")) {
            return CH_MIDS;
        }
        if (JsonFields.textEquals(p, "subscriptionResponse")) {
            return CH_ACK;
        }
        if (JsonFields.textEquals(p, "pong")) {
            return CH_PONG;
        }
        if (JsonFields.textEquals(p, "error")) {
            return CH_ERROR;
        }
        if (JsonFields.textEquals(p, "allDexsAssetCtxs")) {
            return tokenByPerpIndex == null ? CH_IGNORED : CH_ALL_CTXS;
        }
        for (String s : IGNORED_CHANNELS) {
            if (JsonFields.textEquals(p, s)) {
                return CH_IGNORED;
            }
        }
        throw fail.with(Reject.UNKNOWN_CHANNEL, p.getText());
    }

    private void data(int channel, JsonToken t) throws IOException {
        switch (channel) {
            case CH_BBO -> bbo(t);
            case CH_BOOK -> book(t);
            case CH_CTX -> ctx(t);
            case CH_MIDS -> mids(t);
            case CH_ALL_CTXS -> allCtxs(t);
            case CH_ERROR -> {
                String text = t == JsonToken.VALUE_STRING ? parser.getText() : "?";
                skip(t);
                lastServerError = text;
                throw fail.with(Reject.SERVER_ERROR, text);
            }
            default -> skip(t);
        }
    }

    // ---- bbo -------------------------------------------------------------------------------

    private void bbo(JsonToken t) throws IOException {
        expect(t, JsonToken.START_OBJECT, "bbo data");
        MarketEvent e = begin(EventType.PERP_BBO);
        boolean bboSeen = false;
        while ((t = next()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            t = next();
            switch (name) {
                case "coin" -> coin(t);
                case "time" -> e.exchTimeMs = time(t);
                case "bbo" -> {
                    expect(t, JsonToken.START_ARRAY, "bbo");
                    bboSeen = true;
                    t = next();
                    if (t != JsonToken.END_ARRAY) {
                        if (t != JsonToken.VALUE_NULL) {
                            level(t, false);
                            e.bidPx = lvPx;
                            e.bidSz = lvSz;
                        }
                        t = next();
                        if (t != JsonToken.END_ARRAY) {
                            if (t != JsonToken.VALUE_NULL) {
                                level(t, false);
                                e.askPx = lvPx;
                                e.askSz = lvSz;
                            }
                            t = next();
                        }
                    }
                    if (t != JsonToken.END_ARRAY) {
                        throw fail.with(Reject.WRONG_TYPE, "bbo has more than two sides");
                    }
                }
                default -> skip(t);
            }
        }
        requireCoin();
        if (!bboSeen) {
            throw fail.with(Reject.MISSING_FIELD, "bbo");
        }
        if (e.bidPx != FixedPoint.NULL && e.askPx != FixedPoint.NULL && e.bidPx >= e.askPx) {
            throw fail.with(Reject.CROSSED_BOOK, null);
        }
        checkTime(spotCoin ? lastSpotBboTime : lastBboTime, e.tokenId, e.exchTimeMs);
        if (spotCoin) {
            publishKind = 1;
            return;
        }
        Token token = registry.get(e.tokenId);
        e.bidPx = perToken(e.bidPx, token);
        e.askPx = perToken(e.askPx, token);
        e.bidSz = sizePerToken(e.bidSz, token);
        e.askSz = sizePerToken(e.askSz, token);
        publishKind = 1;
    }

    private long lvPx;
    private long lvSz;
    private int lvN;

    /**
     * Parses one {@code {"px":…,"sz":…,"n":…}} level into lvPx/lvSz, and lvN when {@code withN}
     * (a book keeps the order count; a bbo has no field for it, so its {@code n} is only type-checked).
     */
    private void level(JsonToken t, boolean withN) throws IOException {
        expect(t, JsonToken.START_OBJECT, "level");
        lvPx = FixedPoint.NULL;
        lvSz = FixedPoint.NULL;
        lvN = 0;
        while ((t = next()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            t = next();
            switch (name) {
                case "px" -> lvPx = number(t, FixedPoint.PRICE_DECIMALS, "px");
                case "sz" -> lvSz = number(t, FixedPoint.SIZE_DECIMALS, "sz");
                case "n" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT) {
                        throw fail.with(Reject.WRONG_TYPE, "n");
                    }
                    if (withN) {
                        lvN = parser.getIntValue();
                    }
                }
                default -> skip(t);
            }
        }
        if (lvPx == FixedPoint.NULL || lvSz == FixedPoint.NULL) {
            throw fail.with(Reject.MISSING_FIELD, lvPx == FixedPoint.NULL ? "px" : "sz");
        }
        if (lvPx <= 0) {
            throw fail.with(Reject.BAD_PRICE, "px");
        }
        if (lvSz <= 0) {
            throw fail.with(Reject.BAD_SIZE, "sz");
        }
    }

    // ---- l2Book ----------------------------------------------------------------------------

    private void book(JsonToken t) throws IOException {
        expect(t, JsonToken.START_OBJECT, "l2Book data");
        MarketEvent e = begin(EventType.PERP_BOOK);
        boolean levelsSeen = false;
        while ((t = next()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            t = next();
            switch (name) {
                case "coin" -> coin(t);
                case "time" -> e.exchTimeMs = time(t);
                case "levels" -> {
                    expect(t, JsonToken.START_ARRAY, "levels");
                    levelsSeen = true;
                    e.bidCount = side(next(), e.bidPxs, e.bidSzs, e.bidNs, true);
                    e.askCount = side(next(), e.askPxs, e.askSzs, e.askNs, false);
                    if (next() != JsonToken.END_ARRAY) {
                        throw fail.with(Reject.WRONG_TYPE, "levels has more than two sides");
                    }
                }
                default -> skip(t);
            }
        }
        requireCoin();
        if (!levelsSeen) {
            throw fail.with(Reject.MISSING_FIELD, "levels");
        }
        if (e.bidCount > 0 && e.askCount > 0 && e.bidPxs[0] >= e.askPxs[0]) {
            throw fail.with(Reject.CROSSED_BOOK, null);
        }
        checkTime(spotCoin ? lastSpotBookTime : lastBookTime, e.tokenId, e.exchTimeMs);
        Token token = registry.get(e.tokenId);
        if (token.multExp() != 0 && !spotCoin) {
            for (int i = 0; i < e.bidCount; i++) {
                e.bidPxs[i] = perToken(e.bidPxs[i], token);
                e.bidSzs[i] = sizePerToken(e.bidSzs[i], token);
            }
            for (int i = 0; i < e.askCount; i++) {
                e.askPxs[i] = perToken(e.askPxs[i], token);
                e.askSzs[i] = sizePerToken(e.askSzs[i], token);
            }
        }
        publishKind = 1;
    }

    private int side(JsonToken t, long[] pxs, long[] szs, int[] ns, boolean descending) throws IOException {
        expect(t, JsonToken.START_ARRAY, "book side");
        int n = 0;
        while ((t = next()) != JsonToken.END_ARRAY) {
            if (n == MarketEvent.MAX_LEVELS) {
                throw fail.with(Reject.TOO_MANY_LEVELS, null);
            }
            level(t, true);
            if (n > 0 && (descending ? lvPx >= pxs[n - 1] : lvPx <= pxs[n - 1])) {
                throw fail.with(Reject.UNSORTED_BOOK, descending ? "bids" : "asks");
            }
            pxs[n] = lvPx;
            szs[n] = lvSz;
            ns[n] = lvN;
            n++;
        }
        return n;
    }

    // ---- activeAssetCtx --------------------------------------------------------------------

    private void ctx(JsonToken t) throws IOException {
        expect(t, JsonToken.START_OBJECT, "activeAssetCtx data");
        MarketEvent e = begin(EventType.PERP_CTX);
        boolean ctxSeen = false;
        while ((t = next()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            t = next();
            switch (name) {
                case "coin" -> coin(t);
                case "ctx" -> {
                    ctxSeen = true;
                    ctxFields(t, e);
                }
                default -> skip(t);
            }
        }
        requireCoin();
        if (spotCoin) {
            // A spot pair's context comes on activeSpotAssetCtx (ignored); perp contexts only here.
            throw fail.with(Reject.UNKNOWN_COIN, registry.spotPair(e.tokenId) + " (a spot pair) in activeAssetCtx");
        }
        if (!ctxSeen) {
            throw fail.with(Reject.MISSING_FIELD, "ctx");
        }
        checkCtx(e);
        publishKind = 1;
    }

    /** The checks of a perp context, then its prices per token (shared by activeAssetCtx and allDexsAssetCtxs). */
    private void checkCtx(MarketEvent e) {
        if (e.markPx == FixedPoint.NULL || e.oraclePx == FixedPoint.NULL || e.funding == FixedPoint.NULL) {
            throw fail.with(Reject.MISSING_FIELD, e.markPx == FixedPoint.NULL ? "markPx"
                    : e.oraclePx == FixedPoint.NULL ? "oraclePx" : "funding");
        }
        positive(e.markPx, "markPx");
        positive(e.oraclePx, "oraclePx");
        positive(e.midPx, "midPx");
        positive(e.impactBidPx, "impactPxs");
        positive(e.impactAskPx, "impactPxs");
        positive(e.prevDayPx, "prevDayPx");
        if (e.openInterest != FixedPoint.NULL && e.openInterest < 0) {
            throw fail.with(Reject.BAD_SIZE, "openInterest");
        }
        Token token = registry.get(e.tokenId);
        e.markPx = perToken(e.markPx, token);
        e.oraclePx = perToken(e.oraclePx, token);
        e.midPx = perToken(e.midPx, token);
        e.impactBidPx = perToken(e.impactBidPx, token);
        e.impactAskPx = perToken(e.impactAskPx, token);
        e.prevDayPx = perToken(e.prevDayPx, token);
        // Open interest stays in contracts, as Hyperliquid reports it: in tokens, a k-coin's can
        // exceed any fixed-point range (kBONK-like coins reach 10^13 tokens).
    }

    // ---- allDexsAssetCtxs ------------------------------------------------------------------

    /**
     * {@code {"ctxs":[["",[ctx…]],["xyz",[ctx…]],…]}}: the first perp dex's contexts, in meta-universe
     * order and without coin names, become one PerpCtx per tracked coin; other dexes are skipped.
     */
    private void allCtxs(JsonToken t) throws IOException {
        expect(t, JsonToken.START_OBJECT, "allDexsAssetCtxs data");
        boolean seen = false;
        while ((t = next()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            t = next();
            if (!"ctxs".equals(name)) {
                skip(t);
                continue;
            }
            expect(t, JsonToken.START_ARRAY, "ctxs");
            seen = true;
            while ((t = next()) != JsonToken.END_ARRAY) {
                expect(t, JsonToken.START_ARRAY, "ctxs entry");
                if (next() != JsonToken.VALUE_STRING) {
                    throw fail.with(Reject.WRONG_TYPE, "dex");
                }
                boolean firstDex = parser.getTextLength() == 0;
                t = next();
                if (firstDex) {
                    dexCtxs(t);
                } else {
                    skip(t);
                }
                if (next() != JsonToken.END_ARRAY) {
                    throw fail.with(Reject.WRONG_TYPE, "ctxs entry is not [dex, ctxs]");
                }
            }
        }
        if (!seen) {
            throw fail.with(Reject.MISSING_FIELD, "ctxs");
        }
        publishKind = 3;
    }

    private void dexCtxs(JsonToken t) throws IOException {
        expect(t, JsonToken.START_ARRAY, "ctxs of the first dex");
        int i = 0;
        while ((t = next()) != JsonToken.END_ARRAY) {
            int id = i < tokenByPerpIndex.length ? tokenByPerpIndex[i] : -1;
            i++;
            if (id < 0) {
                skip(t);
                continue;
            }
            if (ctxPendingCount == ctxPending.length) {
                throw fail.with(Reject.WRONG_TYPE, "allDexsAssetCtxs lists the first dex twice");
            }
            MarketEvent e = ctxPending[ctxPendingCount];
            e.reset();
            e.type = EventType.PERP_CTX;
            e.source = source;
            e.recvNanos = recvNanos;
            e.tokenId = id;
            ctxFields(t, e);
            checkCtx(e);
            ctxPendingCount++;
        }
    }

    /**
     * Decodes {@code allDexsAssetCtxs} frames from now on: {@code metaCoins} is the first dex's meta universe, in
     * order (its contexts carry no coin names). Before this call the channel is counted as ignored.
     */
    public void perpUniverse(List<String> metaCoins) {
        int[] byIndex = new int[metaCoins.size()];
        int tracked = 0;
        for (int i = 0; i < byIndex.length; i++) {
            byIndex[i] = registry.idByCoin(metaCoins.get(i));
            if (byIndex[i] != CharIndex.MISSING) {
                tracked++;
            }
        }
        MarketEvent[] pool = new MarketEvent[tracked];
        for (int k = 0; k < tracked; k++) {
            pool[k] = new MarketEvent();
        }
        ctxPending = pool;
        tokenByPerpIndex = byIndex;
    }

    private void ctxFields(JsonToken t, MarketEvent e) throws IOException {
        expect(t, JsonToken.START_OBJECT, "ctx");
        while ((t = next()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            t = next();
            switch (name) {
                case "funding" -> e.funding = nullable(t, FixedPoint.PRICE_DECIMALS, "funding");
                case "premium" -> e.premium = nullable(t, FixedPoint.PRICE_DECIMALS, "premium");
                case "openInterest" -> e.openInterest = nullable(t, FixedPoint.SIZE_DECIMALS, "openInterest");
                case "oraclePx" -> e.oraclePx = nullable(t, FixedPoint.PRICE_DECIMALS, "oraclePx");
                case "markPx" -> e.markPx = nullable(t, FixedPoint.PRICE_DECIMALS, "markPx");
                case "midPx" -> e.midPx = nullable(t, FixedPoint.PRICE_DECIMALS, "midPx");
                case "prevDayPx" -> e.prevDayPx = nullable(t, FixedPoint.PRICE_DECIMALS, "prevDayPx");
                case "dayNtlVlm" -> e.dayNtlVlm = nullable(t, FixedPoint.SIZE_DECIMALS, "dayNtlVlm");
                case "impactPxs" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        break;
                    }
                    expect(t, JsonToken.START_ARRAY, "impactPxs");
                    e.impactBidPx = number(next(), FixedPoint.PRICE_DECIMALS, "impactPxs");
                    e.impactAskPx = number(next(), FixedPoint.PRICE_DECIMALS, "impactPxs");
                    if (next() != JsonToken.END_ARRAY) {
                        throw fail.with(Reject.WRONG_TYPE, "impactPxs");
                    }
                }
                default -> skip(t);
            }
        }
    }

    // ---- allMids ---------------------------------------------------------------------------

    private void mids(JsonToken t) throws IOException {
        expect(t, JsonToken.START_OBJECT, "allMids data");
        boolean midsSeen = false;
        while ((t = next()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            t = next();
            if ("mids".equals(name)) {
                expect(t, JsonToken.START_OBJECT, "mids");
                midsSeen = true;
                while ((t = next()) == JsonToken.FIELD_NAME) {
                    // Field names come from the parser's symbol table: currentName() does not allocate. (Its
                    // getTextCharacters() returns a stale copy for names in the non-blocking parser.)
                    int id = registry.idByCoin(parser.currentName());
                    t = next();
                    if (id == CharIndex.MISSING) {
                        // allMids carries every market (spot @N, outcome #N, untracked perps): not ours.
                        skip(t);
                        continue;
                    }
                    long px = JsonFields.fixed(parser, t, FixedPoint.PRICE_DECIMALS);
                    if (px == FixedPoint.INVALID || px == FixedPoint.NULL) {
                        throw fail.with(Reject.BAD_NUMBER, "mid of " + registry.get(id).hlCoin());
                    }
                    if (px <= 0) {
                        throw fail.with(Reject.BAD_PRICE, "mid of " + registry.get(id).hlCoin());
                    }
                    if (pendingCount == pendingIds.length) {
                        throw fail.with(Reject.WRONG_TYPE, "mids lists a coin twice");
                    }
                    pendingIds[pendingCount] = id;
                    pendingMid[pendingCount] = perToken(px, registry.get(id));
                    pendingCount++;
                }
            } else {
                skip(t);
            }
        }
        if (!midsSeen) {
            throw fail.with(Reject.MISSING_FIELD, "mids");
        }
        publishKind = 2;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private MarketEvent begin(int type) {
        MarketEvent e = scratch;
        e.reset();
        e.type = type;
        e.source = source;
        e.recvNanos = recvNanos;
        coinSeen = false;
        spotCoin = false;
        return e;
    }

    private void coin(JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw fail.with(Reject.WRONG_TYPE, "coin");
        }
        coinSeen = true;
        char[] chars = parser.getTextCharacters();
        int off = parser.getTextOffset();
        int len = parser.getTextLength();
        int id = registry.idByCoin(chars, off, len);
        spotCoin = false;
        if (id == CharIndex.MISSING) {
            id = registry.idBySpotPair(chars, off, len);
            if (id == CharIndex.MISSING) {
                throw fail.with(Reject.UNKNOWN_COIN, parser.getText());
            }
            spotCoin = true;
            scratch.source = Source.HL_SPOT;
        }
        scratch.tokenId = id;
    }

    private void requireCoin() {
        if (!coinSeen) {
            throw fail.with(Reject.MISSING_FIELD, "coin");
        }
    }

    private long time(JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw fail.with(Reject.WRONG_TYPE, "time");
        }
        long v = parser.getLongValue();
        if (v <= 0) {
            throw fail.with(Reject.BAD_NUMBER, "time");
        }
        return v;
    }

    /**
     * Snapshots of one coin carry strictly increasing times (an unchanged book is re-sent with a
     * new time, protocols.md §1.6): a repeated time is a duplicate, an older one out of order.
     * The time is remembered only when the frame is published.
     */
    private void checkTime(long[] last, int tokenId, long time) {
        if (time == 0) {
            return; // no time in the frame: nothing to order by
        }
        long prev = last[tokenId];
        if (time == prev) {
            throw fail.with(Reject.DUPLICATE_TIME, null);
        }
        if (time < prev) {
            throw fail.with(Reject.OUT_OF_ORDER_TIME, null);
        }
        timeArr = last;
        timeIdx = tokenId;
    }

    private long number(JsonToken t, int decimals, String field) throws IOException {
        long v = JsonFields.fixed(parser, t, decimals);
        if (v == FixedPoint.NULL) {
            throw fail.with(Reject.MISSING_FIELD, field);
        }
        if (v == FixedPoint.INVALID) {
            throw fail.with(Reject.BAD_NUMBER, field);
        }
        return v;
    }

    private long nullable(JsonToken t, int decimals, String field) throws IOException {
        long v = JsonFields.fixed(parser, t, decimals);
        if (v == FixedPoint.INVALID) {
            throw fail.with(Reject.BAD_NUMBER, field);
        }
        return v;
    }

    private void positive(long v, String field) {
        if (v != FixedPoint.NULL && v <= 0) {
            throw fail.with(Reject.BAD_PRICE, field);
        }
    }

    private long perToken(long contractPx, Token token) {
        return FixedPoint.divPow10(contractPx, token.multExp());
    }

    private long sizePerToken(long contracts, Token token) {
        long v = FixedPoint.mulPow10(contracts, token.multExp());
        if (v == FixedPoint.INVALID) {
            throw fail.with(Reject.BAD_SIZE, "size overflows after the contract multiplier");
        }
        return v;
    }

    private void expect(JsonToken t, JsonToken expected, String what) {
        if (t != expected) {
            throw fail.with(Reject.WRONG_TYPE, what);
        }
    }

    /**
     * {@link DecodeFailure#next} written out here: the hottest call of the decoder (about 27 a bbo
     * frame), and one call level less measured 6 % more frames/s in {@code CorePathBenchmark.decode}
     * (three runs each with {@code -f 3}: 1.49–1.55 M before, 1.54–1.65 M after).
     */
    private JsonToken next() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.NOT_AVAILABLE || t == null) {
            throw fail.with(Reject.TRUNCATED, null);
        }
        return t;
    }

    private void skip(JsonToken t) throws IOException {
        fail.skip(parser, t);
    }

    private void publishPending() {
        if (publishKind == 1) {
            if (timeArr != null) {
                timeArr[timeIdx] = scratch.exchTimeMs;
            }
            out.publish(scratch);
        } else if (publishKind == 3) {
            for (int k = 0; k < ctxPendingCount; k++) {
                out.publish(ctxPending[k]);
            }
        } else if (publishKind == 2) {
            MarketEvent e = scratch;
            for (int i = 0; i < pendingCount; i++) {
                e.reset();
                e.type = EventType.PERP_MID;
                e.source = source;
                e.recvNanos = recvNanos;
                e.tokenId = pendingIds[i];
                e.midPx = pendingMid[i];
                out.publish(e);
            }
        }
    }

    /** A fresh parser: at start, and after a bad frame left the old one in an unknown state. */
    private void newParser() {
        parser = JsonFields.nonBlockingParser();
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    private static int firstNonSpace(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isGreeting(byte[] b, int off, int len) {
        if (len != GREETING_BYTES.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != GREETING_BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Forgets the last snapshot time per coin, so frames with older times are accepted again
     * (a benchmark replaying a fixed set of recorded frames in rotation). Allocation-free.
     */
    public void resetTimes() {
        Arrays.fill(lastBboTime, 0);
        Arrays.fill(lastBookTime, 0);
        Arrays.fill(lastSpotBboTime, 0);
        Arrays.fill(lastSpotBookTime, 0);
    }

    /**
     * Subscription acknowledgements ({@code subscriptionResponse} frames) decoded so far. A plain field of the decoding
     * thread: another thread may read a stale count.
     */
    public long acks() {
        return acks;
    }

    /** {@code pong} frames decoded so far; a plain field of the decoding thread, like {@link #acks()}. */
    public long pongs() {
        return pongs;
    }

    /** Plain-text {@link #GREETING} frames seen so far; a plain field of the decoding thread, like {@link #acks()}. */
    public long greetings() {
        return greetings;
    }

    /** The text of the last {@code error} channel frame, or null. */
    public String lastServerError() {
        return lastServerError;
    }
}
