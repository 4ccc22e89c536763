package io.perpspot.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.feed.fallback.CoinGeckoDecoder;
import io.perpspot.engine.feed.fallback.FallbackIds;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link CoinGeckoDecoder} ({@code simple/price} bodies), seeded from
 * the documented answer. A bad body may only fail the poll (PollFailure, nothing published);
 * a published PERP_MID is positive and is the body's {@code usd} for that token's id; a valid body
 * afterwards still decodes exactly.
 */
class CoinGeckoFuzzTest {
    private static final FallbackIds IDS = FallbackIds.bundled();

    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void decodesOrRejectsEveryBody(byte[] data) {
        Fixtures.Collector out = new Fixtures.Collector();
        CoinGeckoDecoder decoder = new CoinGeckoDecoder(HyperliquidWsFuzzTest.REGISTRY, IDS, out, new FeedStats());
        FallbackFuzz.run(data, out, decoder::decode, CoinGeckoFuzzTest::verify);
        byte[] canary = "{\"bitcoin\":{\"usd\":67187.3358936566}}".getBytes(StandardCharsets.UTF_8);
        int before = out.events.size();
        decoder.decode(canary, canary.length, 2L);
        Token btc = HyperliquidWsFuzzTest.REGISTRY.bySymbol("BTC");
        if (out.events.size() < before + 1 || out.events.get(before).tokenId != btc.id()
                || out.events.get(before).midPx != FixedPoint.parse("67187.3358936566", FixedPoint.PRICE_DECIMALS)) {
            throw new AssertionError("decoder unusable after the input: the canary was not published exactly");
        }
    }

    private static void verify(byte[] body, List<MarketEvent> published) {
        JsonNode root = Oracle.tree(body);
        for (MarketEvent e : published) {
            if (e.type != EventType.PERP_MID) {
                throw new AssertionError("published " + EventType.name(e.type));
            }
            Oracle.positive("usd", e.midPx);
            if (root != null) {
                Token t = HyperliquidWsFuzzTest.REGISTRY.get(e.tokenId);
                JsonNode entry = root.path(IDS.coingecko().get(t.symbol()));
                Oracle.units("usd of " + t.symbol(), e.midPx, Oracle.decimal("usd", entry.get("usd")),
                        FixedPoint.PRICE_DECIMALS, 0);
            }
        }
    }
}
