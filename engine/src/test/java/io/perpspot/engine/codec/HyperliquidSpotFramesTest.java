package io.perpspot.engine.codec;

import static io.perpspot.engine.codec.DecodeHarness.px;
import static io.perpspot.engine.codec.DecodeHarness.sz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spot pairs on the Hyperliquid WebSocket: a {@code bbo} or {@code l2Book} whose {@code coin} is a tracked spot pair
 * ({@code @142}) is the same event from {@link Source#HL_SPOT}, per token and never scaled by the perp's contract
 * multiplier; an unknown {@code @N} is rejected as an unknown coin; spot {@code allMids} keys stay skipped. The
 * frames are the recorded perp frames (protocols.md §1.5) with the spot pair as their coin: the wire shape of a spot
 * book is the perp's (Hyperliquid docs, WebSocket subscriptions: "coin" is the spot pair name for spot).
 */
class HyperliquidSpotFramesTest {
    private static final TokenRegistry REGISTRY = new TokenRegistry(List.of(
            new Token(0, "BTC", "BTC", 0, "cbbtcf3aa214zXHbiAZQwf4122FBYbraNdFqgw4iMij", 8),
            new Token(1, "PEPE", "kPEPE", 3, "KPEPEtestMint111111111111111111111111111111", 6)),
            Map.of("BTC", "@142", "kPEPE", "@250"));
    private static final List<String> CAPTURED = Fixtures.lines("hyperliquid_ws_captured_frames.jsonl");

    private final DecodeHarness h = new DecodeHarness(REGISTRY);
    private final Fixtures.Collector out = h.out;
    private final FeedStats stats = h.stats;

    @Test
    void spotBookOfATrackedPairIsAnHlSpotBookOfItsToken() {
        decode(CAPTURED.get(0).replace("\"coin\":\"BTC\"", "\"coin\":\"@142\""));
        MarketEvent e = out.only();
        assertEquals(EventType.PERP_BOOK, e.type);
        assertEquals(Source.HL_SPOT, e.source);
        assertEquals(0, e.tokenId);
        assertEquals(1790232236546L, e.exchTimeMs);
        assertArrayEquals(new long[] {px("84143.0"), px("84142.0"), px("84141.0")}, Arrays.copyOf(e.bidPxs, 3));
        assertArrayEquals(new long[] {sz("50.66449"), sz("0.00711"), sz("0.01782")}, Arrays.copyOf(e.askSzs, 3));
        assertArrayEquals(new int[] {18, 2, 1}, Arrays.copyOf(e.askNs, 3));
    }

    @Test
    void spotBboIsAnHlSpotBboAndTheSameTimeOnThePerpStillCounts() {
        String perp = CAPTURED.get(2);
        decode(perp.replace("\"coin\":\"BTC\"", "\"coin\":\"@142\""));
        MarketEvent e = out.only();
        assertEquals(EventType.PERP_BBO, e.type);
        assertEquals(Source.HL_SPOT, e.source);
        assertEquals(px("84143.0"), e.bidPx);
        assertEquals(sz("10.25923"), e.bidSz);
        assertEquals(px("84144.0"), e.askPx);
        assertEquals(sz("50.66422"), e.askSz);
        out.events.clear();
        // The spot pair keeps its own snapshot times: the perp's bbo of the same block is not a duplicate.
        decode(perp);
        assertEquals(Source.HL_WS_MAINNET, out.only().source);
        assertEquals(0, stats.rejects(Source.HL_WS_MAINNET));
    }

    @Test
    void spotPricesAreNeverScaledByThePerpsContractMultiplier() {
        decode(CAPTURED.get(1).replace("\"coin\":\"kPEPE\"", "\"coin\":\"@250\""));
        MarketEvent e = out.only();
        assertEquals(Source.HL_SPOT, e.source);
        assertEquals(px("0.004411"), e.bidPxs[0]);
        assertEquals(sz("2058973.0"), e.bidSzs[0]);
    }

    @Test
    void anUnknownSpotPairIsRejectedAndCountedLikeAnUnknownCoin() {
        decode(CAPTURED.get(2).replace("\"coin\":\"BTC\"", "\"coin\":\"@9999\""));
        assertTrue(out.events.isEmpty());
        assertEquals(1, stats.rejects(Source.HL_WS_MAINNET, Reject.UNKNOWN_COIN));
    }

    @Test
    void aSpotPairInActiveAssetCtxIsRejected() {
        decode(CAPTURED.get(3).replace("\"coin\":\"BTC\"", "\"coin\":\"@142\""));
        assertTrue(out.events.isEmpty());
        assertEquals(1, stats.rejects(Source.HL_WS_MAINNET, Reject.UNKNOWN_COIN));
    }

    @Test
    void spotKeysOfAllMidsStaySkipped() {
        // "@142" is BTC's spot pair here: its mid is still not the perp's (the spot bbo carries the spot price).
        decode(Fixtures.text("nautilus_trader__ws_allmids.json"));
        for (MarketEvent e : out.events) {
            assertEquals(EventType.PERP_MID, e.type);
            assertEquals(Source.HL_WS_MAINNET, e.source);
        }
        assertEquals(1, out.events.size());
        assertEquals(0, out.events.get(0).tokenId);
    }

    private void decode(String frame) {
        h.decode(frame);
    }
}
