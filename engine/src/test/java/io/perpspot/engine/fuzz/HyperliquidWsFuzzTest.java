package io.perpspot.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.fallback.HyperliquidRestTier;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link HyperliquidDecoder} with WebSocket frames (bbo, l2Book,
 * activeAssetCtx, allMids, acks, errors, garbage), seeded from the recorded frames. Per input
 * (up to four frames, split at newlines, decoded by one decoder in sequence):
 * <ul>
 *   <li>nothing but a decoded event or a counted reject comes out: no exception escapes;</li>
 *   <li>every published price is positive and is the value the frame said (see {@link Oracle});</li>
 *   <li>a valid frame decoded after the input still decodes to its exact values.</li>
 * </ul>
 */
class HyperliquidWsFuzzTest {
    static final TokenRegistry REGISTRY = Fixtures.registryWith(
            new Token(0, "PEPE", "kPEPE", 3, "KPEPEtestMint111111111111111111111111111111", 6),
            new Token(0, "DYDX", "DYDX", 0, "DYDXtestMint111111111111111111111111111111", 8));
    static final String CANARY =
            "{\"channel\":\"bbo\",\"data\":{\"coin\":\"SOL\",\"time\":1790232237145,\"bbo\":[{\"px\":\"94.87\","
            + "\"sz\":\"12.5\",\"n\":3},{\"px\":\"94.88\",\"sz\":\"7.25\",\"n\":2}]}}";

    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void decodesOrRejectsEveryFrame(byte[] data) {
        check(data, null);
    }

    /**
     * Decodes each frame of {@code data} (with {@code rest} non-null: each REST answer, wrapped as
     * the REST tier wraps it), checks what was published, then the canary.
     */
    static void check(byte[] data, HyperliquidRestTier.Endpoint rest) {
        Fixtures.Collector out = new Fixtures.Collector();
        FeedStats stats = new FeedStats();
        HyperliquidDecoder decoder = new HyperliquidDecoder(REGISTRY, Source.HL_WS_MAINNET, out, stats);
        for (byte[] body : Oracle.frames(data, 4)) {
            byte[] frame = rest == null ? body : HyperliquidRestTier.envelope(rest, body, body.length);
            if (frame == null) {
                continue; // the tier rejects (counts) an answer that is not one JSON object
            }
            int before = out.events.size();
            decoder.onFrame(frame, 0, frame.length, 1L);
            List<MarketEvent> published = out.events.subList(before, out.events.size());
            if (!published.isEmpty()) {
                int expected = rest == HyperliquidRestTier.Endpoint.ALL_MIDS ? EventType.PERP_MID
                        : rest == HyperliquidRestTier.Endpoint.L2_BOOK ? EventType.PERP_BOOK : -1;
                for (MarketEvent e : published) {
                    if (expected != -1 && e.type != expected) {
                        throw new AssertionError("a " + rest + " answer published a " + EventType.name(e.type)
                                + ": the body escaped its envelope");
                    }
                }
                verify(frame, published);
            }
        }
        decoder.resetTimes();
        int before = out.events.size();
        byte[] canary = CANARY.getBytes(StandardCharsets.UTF_8);
        decoder.onFrame(canary, 0, canary.length, 2L);
        if (out.events.size() != before + 1) {
            throw new AssertionError("decoder unusable after the input: the canary bbo was not published; rejects "
                    + stats.rejectsByReason(Source.HL_WS_MAINNET));
        }
        MarketEvent e = out.events.get(before);
        if (e.type != EventType.PERP_BBO || e.tokenId != REGISTRY.idByCoin("SOL")
                || e.bidPx != FixedPoint.parse("94.87", FixedPoint.PRICE_DECIMALS)
                || e.askPx != FixedPoint.parse("94.88", FixedPoint.PRICE_DECIMALS)
                || e.bidSz != FixedPoint.parse("12.5", FixedPoint.SIZE_DECIMALS)
                || e.exchTimeMs != 1790232237145L || e.recvNanos != 2L) {
            throw new AssertionError("decoder unusable after the input: the canary decoded wrong");
        }
    }

    private static void verify(byte[] frame, List<MarketEvent> published) {
        for (MarketEvent e : published) {
            if (e.source != Source.HL_WS_MAINNET || e.recvNanos != 1L) {
                throw new AssertionError("published an event with the wrong source or receive time");
            }
            switch (e.type) {
                case EventType.PERP_BBO -> {
                    if (e.bidPx != FixedPoint.NULL) {
                        Oracle.positive("bbo bid", e.bidPx);
                    }
                    if (e.askPx != FixedPoint.NULL) {
                        Oracle.positive("bbo ask", e.askPx);
                    }
                    if (e.bidPx != FixedPoint.NULL && e.askPx != FixedPoint.NULL && e.bidPx >= e.askPx) {
                        throw new AssertionError("published a crossed bbo");
                    }
                }
                case EventType.PERP_BOOK -> {
                    for (int i = 0; i < e.bidCount; i++) {
                        Oracle.positive("book bid " + i, e.bidPxs[i]);
                    }
                    for (int i = 0; i < e.askCount; i++) {
                        Oracle.positive("book ask " + i, e.askPxs[i]);
                    }
                }
                case EventType.PERP_MID -> Oracle.positive("mid", e.midPx);
                case EventType.PERP_CTX -> {
                    Oracle.positive("markPx", e.markPx);
                    Oracle.positive("oraclePx", e.oraclePx);
                }
                default -> throw new AssertionError("published an unexpected event type " + EventType.name(e.type));
            }
        }
        JsonNode root = Oracle.tree(frame);
        if (root == null) {
            return; // repeated names: the decoder's reading is one of the defensible ones; positivity was checked
        }
        JsonNode data = root.path("data");
        for (MarketEvent e : published) {
            Token token = REGISTRY.get(e.tokenId);
            int m = token.multExp();
            switch (e.type) {
                case EventType.PERP_BBO -> {
                    sameCoin(data, token);
                    time(data, e);
                    JsonNode bbo = data.path("bbo");
                    level("bbo bid", bbo.path(0), e.bidPx, e.bidSz, m);
                    level("bbo ask", bbo.path(1), e.askPx, e.askSz, m);
                }
                case EventType.PERP_BOOK -> {
                    sameCoin(data, token);
                    time(data, e);
                    JsonNode levels = data.path("levels");
                    count("bids", levels.path(0), e.bidCount);
                    count("asks", levels.path(1), e.askCount);
                    for (int i = 0; i < e.bidCount; i++) {
                        level("book bid " + i, levels.path(0).path(i), e.bidPxs[i], e.bidSzs[i], m);
                    }
                    for (int i = 0; i < e.askCount; i++) {
                        level("book ask " + i, levels.path(1).path(i), e.askPxs[i], e.askSzs[i], m);
                    }
                }
                case EventType.PERP_MID -> Oracle.units("mid of " + token.hlCoin(), e.midPx,
                        Oracle.decimal("mid", data.path("mids").get(token.hlCoin())), FixedPoint.PRICE_DECIMALS, m);
                case EventType.PERP_CTX -> {
                    sameCoin(data, token);
                    JsonNode ctx = data.path("ctx");
                    Oracle.units("markPx", e.markPx, Oracle.decimal("markPx", ctx.get("markPx")),
                            FixedPoint.PRICE_DECIMALS, m);
                    Oracle.units("oraclePx", e.oraclePx, Oracle.decimal("oraclePx", ctx.get("oraclePx")),
                            FixedPoint.PRICE_DECIMALS, m);
                    Oracle.units("funding", e.funding, Oracle.decimal("funding", ctx.get("funding")),
                            FixedPoint.PRICE_DECIMALS, 0);
                }
                default -> {
                }
            }
        }
    }

    private static void sameCoin(JsonNode data, Token token) {
        if (!token.hlCoin().equals(data.path("coin").asText(null))) {
            throw new AssertionError("published for " + token.hlCoin() + ", the frame names " + data.path("coin"));
        }
    }

    private static void time(JsonNode data, MarketEvent e) {
        long t = data.has("time") ? data.get("time").asLong() : 0;
        if (t != e.exchTimeMs) {
            throw new AssertionError("published time " + e.exchTimeMs + ", the frame says " + data.get("time"));
        }
    }

    private static void count(String what, JsonNode side, int n) {
        if (side.size() != n) {
            throw new AssertionError("published " + n + " " + what + ", the frame has " + side.size());
        }
    }

    private static void level(String what, JsonNode lv, long px, long sz, int m) {
        if (lv.isMissingNode() || lv.isNull()) {
            if (px != FixedPoint.NULL) {
                throw new AssertionError(what + ": published " + px + " for an absent level");
            }
            return;
        }
        Oracle.units(what + " px", px, Oracle.decimal(what + " px", lv.get("px")), FixedPoint.PRICE_DECIMALS, m);
        Oracle.units(what + " sz", sz, Oracle.decimal(what + " sz", lv.get("sz")), FixedPoint.SIZE_DECIMALS, -m,
                FixedPoint.pow10(Math.max(m, 0)));
    }
}
