package io.perpspot.engine.codec;

import static io.perpspot.engine.codec.DecodeHarness.px;
import static io.perpspot.engine.codec.DecodeHarness.sz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recorded {@code allDexsAssetCtxs} frame (nautilus_trader test data, 2026-05; provenance in the resource's
 * SOURCES.md) decodes, once the first dex's meta universe names its contexts, to the same PerpCtx events an
 * {@code activeAssetCtx} frame gives, with exact values; before that it is counted as ignored. The universe is the
 * real one's first six coins in meta order (protocols.md §2.2, META-2026): BTC, ETH, ATOM, MATIC (delisted: its
 * context has null premium, midPx and impactPxs, as in the recorded metaAndAssetCtxs), DYDX, SOL.
 */
class HyperliquidAggregateContextsTest {
    private static final TokenRegistry REGISTRY = new TokenRegistry(List.of(
            new Token(0, "BTC", "BTC", 0, "cbbtcf3aa214zXHbiAZQwf4122FBYbraNdFqgw4iMij", 8),
            new Token(1, "SOL", "SOL", 0, "So11111111111111111111111111111111111111112", 9),
            new Token(2, "MATIC", "MATIC", 0, "MATiCtestMint11111111111111111111111111111", 8)));
    private static final List<String> META = List.of("BTC", "ETH", "ATOM", "MATIC", "DYDX", "SOL");

    private final DecodeHarness h = new DecodeHarness(REGISTRY);
    private final Fixtures.Collector out = h.out;
    private final FeedStats stats = h.stats;

    @Test
    void theRecordedFrameDecodesToOneContextPerTrackedCoinWithExactValues() throws IOException {
        h.decoder.perpUniverse(META);
        decode(frame());
        assertEquals(0, stats.rejects(Source.HL_WS_MAINNET), "no reject");
        assertEquals(3, out.events.size());
        MarketEvent btc = out.events.get(0);
        assertEquals(EventType.PERP_CTX, btc.type);
        assertEquals(0, btc.tokenId);
        assertEquals(px("-0.0000015186"), btc.funding);
        assertEquals(px("-0.0005927453"), btc.premium);
        assertEquals(px("77605.0"), btc.oraclePx);
        assertEquals(px("77562.0"), btc.markPx);
        assertEquals(px("77558.5"), btc.midPx);
        assertEquals(px("77558.0"), btc.impactBidPx);
        assertEquals(px("77559.0"), btc.impactAskPx);
        assertEquals(px("76317.0"), btc.prevDayPx);
        assertEquals(sz("27353.17682"), btc.openInterest);
        assertEquals(sz("1516669192.1953897476"), btc.dayNtlVlm);
        MarketEvent matic = out.events.get(1);
        assertEquals(2, matic.tokenId);
        assertEquals(px("0.37621"), matic.markPx);
        assertEquals(FixedPoint.NULL, matic.premium);
        assertEquals(FixedPoint.NULL, matic.midPx);
        assertEquals(FixedPoint.NULL, matic.impactBidPx);
        MarketEvent sol = out.events.get(2);
        assertEquals(1, sol.tokenId);
        assertEquals(px("0.0000098512"), sol.funding);
        assertEquals(px("86.19"), sol.oraclePx);
        assertEquals(px("86.148"), sol.markPx);
        assertEquals(px("86.14"), sol.impactBidPx);
        assertEquals(px("86.141"), sol.impactAskPx);
    }

    @Test
    void withoutAUniverseTheFrameIsIgnoredAndCounted() throws IOException {
        decode(frame());
        assertTrue(out.events.isEmpty());
        assertEquals(1, stats.ignoredCount(Source.HL_WS_MAINNET));
    }

    @Test
    void aBadContextRejectsTheWholeFrame() throws IOException {
        h.decoder.perpUniverse(META);
        decode(frame().replaceFirst("\"markPx\": \"77562.0\"", "\"markPx\": \"-1\""));
        assertTrue(out.events.isEmpty(), "nothing of a bad frame is published");
        assertEquals(1, stats.rejects(Source.HL_WS_MAINNET, Reject.BAD_PRICE));
    }

    private static String frame() throws IOException {
        try (InputStream in = HyperliquidAggregateContextsTest.class.getResourceAsStream(
                "/io/perpspot/engine/feed/fallback/nautilus_trader__ws_all_dexs_asset_ctxs.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void decode(String frame) {
        h.decode(frame);
    }
}
