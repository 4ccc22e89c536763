package io.perpspot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.tokens.CharIndex;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * The baseline decoder: what a straightforward implementation does. Each frame is parsed into
 * a jackson-databind tree ({@code ObjectMapper.readTree}), fields are looked up by name and
 * prices go through {@link BigDecimal}. It fills the same {@link MarketEvent}s as the engine's
 * decoders (same scales, per-token prices for k-contracts), so the two can be compared and the
 * strategy behind either sees the same input. Validation is minimal: a frame it cannot read
 * counts as rejected and publishes nothing.
 */
public final class TreeDecoder {
    private final ObjectMapper mapper = new ObjectMapper();
    private final TokenRegistry registry;
    private final EventPublisher out;
    private final MarketEvent scratch = new MarketEvent();
    private long rejected;

    public TreeDecoder(TokenRegistry registry, EventPublisher out) {
        this.registry = registry;
        this.out = out;
    }

    /** Frames that could not be decoded. */
    public long rejected() {
        return rejected;
    }

    /** Decodes one Hyperliquid WebSocket frame; returns the events published. */
    public int onHyperliquid(byte[] frame, int off, int len, long recvNanos) {
        try {
            JsonNode root = mapper.readTree(frame, off, len);
            JsonNode data = root.path("data");
            return switch (root.path("channel").asText()) {
                case "bbo" -> bbo(data, recvNanos);
                case "l2Book" -> book(data, recvNanos);
                case "activeAssetCtx" -> ctx(data, recvNanos);
                case "allMids" -> mids(data, recvNanos);
                default -> 0;
            };
        } catch (IOException | RuntimeException e) {
            rejected++;
            return 0;
        }
    }

    /** Decodes one Jupiter Price API v3 body; returns the events published. */
    public int onJupiter(byte[] body, int off, int len, long recvNanos) {
        try {
            JsonNode root = mapper.readTree(body, off, len);
            int n = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                int id = registry.idByMint(f.getKey());
                JsonNode v = f.getValue();
                if (id == CharIndex.MISSING || !v.hasNonNull("usdPrice")) {
                    continue;
                }
                MarketEvent e = begin(EventType.SPOT_PRICE, Source.JUPITER_PRICE, id, recvNanos);
                e.spotPx = fixed(v.get("usdPrice").asText(), FixedPoint.PRICE_DECIMALS);
                e.liquidityUsd = v.hasNonNull("liquidity") ? fixed(v.get("liquidity").asText(), 0) : FixedPoint.NULL;
                e.blockId = v.hasNonNull("blockId") ? v.get("blockId").asLong() : FixedPoint.NULL;
                out.publish(e);
                n++;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            rejected++;
            return 0;
        }
    }

    private int bbo(JsonNode data, long recvNanos) {
        Token t = token(data);
        MarketEvent e = begin(EventType.PERP_BBO, Source.HL_WS_MAINNET, t.id(), recvNanos);
        e.exchTimeMs = data.path("time").asLong();
        JsonNode bbo = data.get("bbo");
        JsonNode bid = bbo.get(0);
        JsonNode ask = bbo.get(1);
        if (bid != null && !bid.isNull()) {
            e.bidPx = px(bid, t);
            e.bidSz = sz(bid, t);
        }
        if (ask != null && !ask.isNull()) {
            e.askPx = px(ask, t);
            e.askSz = sz(ask, t);
        }
        out.publish(e);
        return 1;
    }

    private int book(JsonNode data, long recvNanos) {
        Token t = token(data);
        MarketEvent e = begin(EventType.PERP_BOOK, Source.HL_WS_MAINNET, t.id(), recvNanos);
        e.exchTimeMs = data.path("time").asLong();
        JsonNode levels = data.get("levels");
        e.bidCount = side(levels.get(0), t, e.bidPxs, e.bidSzs, e.bidNs);
        e.askCount = side(levels.get(1), t, e.askPxs, e.askSzs, e.askNs);
        out.publish(e);
        return 1;
    }

    private int side(JsonNode side, Token t, long[] pxs, long[] szs, int[] ns) {
        int n = Math.min(side.size(), MarketEvent.MAX_LEVELS);
        for (int i = 0; i < n; i++) {
            JsonNode l = side.get(i);
            pxs[i] = px(l, t);
            szs[i] = sz(l, t);
            ns[i] = l.path("n").asInt();
        }
        return n;
    }

    private int ctx(JsonNode data, long recvNanos) {
        Token t = token(data);
        JsonNode c = data.get("ctx");
        MarketEvent e = begin(EventType.PERP_CTX, Source.HL_WS_MAINNET, t.id(), recvNanos);
        e.funding = nullable(c, "funding", FixedPoint.PRICE_DECIMALS, 0);
        e.premium = nullable(c, "premium", FixedPoint.PRICE_DECIMALS, 0);
        e.openInterest = nullable(c, "openInterest", FixedPoint.SIZE_DECIMALS, 0);
        e.oraclePx = nullable(c, "oraclePx", FixedPoint.PRICE_DECIMALS, t.multExp());
        e.markPx = nullable(c, "markPx", FixedPoint.PRICE_DECIMALS, t.multExp());
        e.midPx = nullable(c, "midPx", FixedPoint.PRICE_DECIMALS, t.multExp());
        e.prevDayPx = nullable(c, "prevDayPx", FixedPoint.PRICE_DECIMALS, t.multExp());
        e.dayNtlVlm = nullable(c, "dayNtlVlm", FixedPoint.SIZE_DECIMALS, 0);
        JsonNode impact = c.get("impactPxs");
        if (impact != null && impact.size() == 2) {
            e.impactBidPx = perToken(fixed(impact.get(0).asText(), FixedPoint.PRICE_DECIMALS), t.multExp());
            e.impactAskPx = perToken(fixed(impact.get(1).asText(), FixedPoint.PRICE_DECIMALS), t.multExp());
        }
        out.publish(e);
        return 1;
    }

    private int mids(JsonNode data, long recvNanos) {
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = data.path("mids").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            int id = registry.idByCoin(f.getKey());
            if (id == CharIndex.MISSING) {
                continue;
            }
            Token t = registry.get(id);
            MarketEvent e = begin(EventType.PERP_MID, Source.HL_WS_MAINNET, id, recvNanos);
            e.midPx = perToken(fixed(f.getValue().asText(), FixedPoint.PRICE_DECIMALS), t.multExp());
            out.publish(e);
            n++;
        }
        return n;
    }

    private MarketEvent begin(int type, int source, int tokenId, long recvNanos) {
        MarketEvent e = scratch;
        e.reset();
        e.type = type;
        e.source = source;
        e.tokenId = tokenId;
        e.recvNanos = recvNanos;
        return e;
    }

    private Token token(JsonNode data) {
        int id = registry.idByCoin(data.path("coin").asText());
        if (id == CharIndex.MISSING) {
            throw new IllegalArgumentException("unknown coin");
        }
        return registry.get(id);
    }

    private static long px(JsonNode level, Token t) {
        return perToken(fixed(level.get("px").asText(), FixedPoint.PRICE_DECIMALS), t.multExp());
    }

    private static long sz(JsonNode level, Token t) {
        return new BigDecimal(level.get("sz").asText()).movePointRight(FixedPoint.SIZE_DECIMALS + t.multExp())
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static long nullable(JsonNode c, String field, int decimals, int multExp) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() ? FixedPoint.NULL : perToken(fixed(v.asText(), decimals), multExp);
    }

    private static long perToken(long units, int multExp) {
        return multExp == 0 ? units : FixedPoint.divPow10(units, multExp);
    }

    /** Decimal text to fixed point through BigDecimal (allocates, as such code does). */
    static long fixed(String text, int decimals) {
        return new BigDecimal(text).movePointRight(decimals).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
