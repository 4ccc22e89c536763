package io.perpspot.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.feed.fallback.FallbackIds;
import io.perpspot.engine.feed.fallback.KrakenDecoder;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link KrakenDecoder} (public {@code Ticker} bodies), seeded from
 * the recorded XBTUSD answer. A bad body may only fail the poll; a published PERP_BBO has positive,
 * uncrossed prices that are the body's {@code b[0]} and {@code a[0]} for that token's pair; a valid
 * body afterwards still decodes exactly.
 */
class KrakenFuzzTest {
    private static final FallbackIds IDS = FallbackIds.bundled();

    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void decodesOrRejectsEveryBody(byte[] data) {
        Fixtures.Collector out = new Fixtures.Collector();
        KrakenDecoder decoder = new KrakenDecoder(HyperliquidWsFuzzTest.REGISTRY, IDS, out, new FeedStats());
        FallbackFuzz.run(data, out, decoder::decode, KrakenFuzzTest::verify);
        byte[] canary = Fixtures.text("kraken_ticker_xbtusd_2026-09.json").trim().getBytes(StandardCharsets.UTF_8);
        int before = out.events.size();
        decoder.decode(canary, canary.length, 2L);
        Token btc = HyperliquidWsFuzzTest.REGISTRY.bySymbol("BTC");
        if (out.events.size() < before + 1 || out.events.get(before).tokenId != btc.id()
                || out.events.get(before).bidPx != FixedPoint.parse("84036.00000", FixedPoint.PRICE_DECIMALS)
                || out.events.get(before).askPx != FixedPoint.parse("84036.10000", FixedPoint.PRICE_DECIMALS)) {
            throw new AssertionError("decoder unusable after the input: the canary was not published exactly");
        }
    }

    private static void verify(byte[] body, List<MarketEvent> published) {
        JsonNode root = Oracle.tree(body);
        for (MarketEvent e : published) {
            if (e.type != EventType.PERP_BBO) {
                throw new AssertionError("published " + EventType.name(e.type));
            }
            Oracle.positive("bid", e.bidPx);
            Oracle.positive("ask", e.askPx);
            if (e.bidPx >= e.askPx) {
                throw new AssertionError("published a crossed bbo");
            }
            if (root == null) {
                continue;
            }
            Token t = HyperliquidWsFuzzTest.REGISTRY.get(e.tokenId);
            boolean matched = false;
            AssertionError last = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("result").fields(); it.hasNext() && !matched; ) {
                Map.Entry<String, JsonNode> en = it.next();
                if (t.symbol().equals(IDS.symbolOfKrakenKey(en.getKey()))) {
                    try {
                        Oracle.units("bid of " + en.getKey(), e.bidPx,
                                Oracle.decimal("b", en.getValue().path("b").get(0)),
                                FixedPoint.PRICE_DECIMALS, 0);
                        Oracle.units("ask of " + en.getKey(), e.askPx,
                                Oracle.decimal("a", en.getValue().path("a").get(0)),
                                FixedPoint.PRICE_DECIMALS, 0);
                        matched = true;
                    } catch (AssertionError a) {
                        last = a; // another key of the same pair may be the one published
                    }
                }
            }
            if (!matched && last != null) {
                throw last;
            }
            if (!matched) {
                throw new AssertionError("published for " + t.symbol() + ", which no result key names");
            }
        }
    }
}
