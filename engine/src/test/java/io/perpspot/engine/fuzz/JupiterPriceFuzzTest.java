package io.perpspot.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.codec.JupiterPriceDecoder;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link JupiterPriceDecoder} (Price API v3 bodies), seeded from the
 * recorded body. Up to four bodies per input, split at newlines, through one decoder: no
 * exception escapes; every published SPOT_PRICE is positive and is the body's {@code usdPrice}
 * for that mint; a valid body afterwards still decodes exactly.
 */
class JupiterPriceFuzzTest {
    private static final String SOL = "So11111111111111111111111111111111111111112";
    private static final String CANARY = "{\"" + SOL + "\":{\"usdPrice\":117.11139694501614,\"blockId\":"
            + Long.MAX_VALUE
            + ",\"liquidity\":946740309.18}}";

    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void decodesOrRejectsEveryBody(byte[] data) {
        Fixtures.Collector out = new Fixtures.Collector();
        FeedStats stats = new FeedStats();
        JupiterPriceDecoder decoder = new JupiterPriceDecoder(HyperliquidWsFuzzTest.REGISTRY, out, stats);
        for (byte[] body : Oracle.frames(data, 4)) {
            int before = out.events.size();
            int n = decoder.decode(body, 0, body.length, 1L);
            List<MarketEvent> published = out.events.subList(before, out.events.size());
            if (n < 0 ? !published.isEmpty() : n != published.size()) {
                throw new AssertionError("decode returned " + n + " but published " + published.size());
            }
            if (!published.isEmpty()) {
                verify(body, published);
            }
        }
        int before = out.events.size();
        byte[] canary = CANARY.getBytes(StandardCharsets.UTF_8);
        if (decoder.decode(canary, 0, canary.length, 2L) != 1 || out.events.size() != before + 1) {
            throw new AssertionError("decoder unusable after the input: the canary was not published; rejects "
                    + stats.rejectsByReason(Source.JUPITER_PRICE));
        }
        MarketEvent e = out.events.get(before);
        if (e.tokenId != HyperliquidWsFuzzTest.REGISTRY.idByMint(SOL)
                || e.spotPx != FixedPoint.parse("117.111396945016", FixedPoint.PRICE_DECIMALS)
                || e.blockId != Long.MAX_VALUE) {
            throw new AssertionError("decoder unusable after the input: the canary decoded wrong: " + e.spotPx);
        }
    }

    private static void verify(byte[] body, List<MarketEvent> published) {
        for (MarketEvent e : published) {
            if (e.type != EventType.SPOT_PRICE || e.source != Source.JUPITER_PRICE) {
                throw new AssertionError("published " + EventType.name(e.type));
            }
            Oracle.positive("usdPrice", e.spotPx);
        }
        JsonNode root = Oracle.tree(body);
        if (root == null) {
            return; // a mint listed twice: the first is kept; positivity was checked
        }
        for (MarketEvent e : published) {
            Token t = HyperliquidWsFuzzTest.REGISTRY.get(e.tokenId);
            JsonNode entry = root.path(t.mint());
            Oracle.units("usdPrice of " + t.symbol(), e.spotPx, Oracle.decimal("usdPrice", entry.get("usdPrice")),
                    FixedPoint.PRICE_DECIMALS, 0);
            if (e.blockId != FixedPoint.NULL && e.blockId != entry.path("blockId").asLong()) {
                throw new AssertionError("blockId " + e.blockId + ", the body says " + entry.get("blockId"));
            }
        }
    }
}
