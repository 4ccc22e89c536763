package io.perpspot.engine.feed.sim;

import static io.perpspot.engine.feed.sim.SimTestSupport.json;
import static io.perpspot.engine.feed.sim.SimTestSupport.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.tokens.SpotMatcher;
import io.perpspot.engine.tokens.SpotMeta;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sim's Hyperliquid spot: {@code spotMeta} lists a Unit pair beside BTC, ETH, SOL and PUMP (and HYPE, which the
 * sim tracks as a perp only) that the engine's matcher maps to those perps; {@code l2Book} serves {@code @N} books
 * priced within a few basis points of the perp.
 */
class SimHyperliquidSpotTest {
    private static SimVenues venues;

    @BeforeAll
    static void start() {
        venues = SimVenues.start(SimTestSupport.quickConfig());
    }

    @AfterAll
    static void stop() {
        venues.close();
    }

    @Test
    void spotMetaListsTheUnitPairsAndTheEngineMatchesThemToTheirPerps() {
        HttpResponse<String> r = postJson(venues.infoUrl(), "{\"type\":\"spotMeta\"}");
        assertEquals(200, r.statusCode());
        SpotMeta m = SpotMeta.parse(r.body());
        assertEquals("UBTC", m.base(m.pair("@142")).name());
        assertEquals("USDC", m.quote(m.pair("@142")).name());
        assertEquals(new SpotMeta.Pair("PURR/USDC", 1, 0, 0, true), m.pairs().get(0));
        SpotMatcher.Match match = SpotMatcher.match(m, venues.market().universe(), Map.of());
        assertEquals(Map.of("BTC", "@142", "ETH", "@151", "SOL", "@156", "PUMP", "@188"), match.pairByCoin());
        // HYPE trades spot too (@107), but the sim lists it as a perp without a Solana mint: not a tracked pair.
        assertEquals("@107", venues.market().spotPairs().get("HYPE"));
        assertEquals(List.of("PURR/USDC", "@107"), m.pairs().stream().map(SpotMeta.Pair::name)
                .filter(p -> !match.why().containsKey(p)).toList());
    }

    @Test
    void spotBooksArePricedNearThePerpAndTheUnknownPairIsNull() {
        for (Map.Entry<String, String> e : venues.market().spotPairs().entrySet()) {
            JsonNode book = json(postJson(venues.infoUrl(), "{\"type\":\"l2Book\",\"coin\":\"" + e.getValue() + "\"}")
                    .body());
            assertEquals(e.getValue(), book.path("coin").asText());
            double bid = book.path("levels").get(0).get(0).path("px").asDouble();
            double ask = book.path("levels").get(1).get(0).path("px").asDouble();
            assertTrue(bid < ask, book.toString());
            SimBook perp = venues.market().book(e.getKey(), 1);
            double perpMid = (perp.bidPxMicros(0) + perp.askPxMicros(0)) / 2e6
                    / venues.market().asset(e.getKey()).multiplier();
            double bps = Math.abs((bid + ask) / 2 / perpMid - 1) * 1e4;
            assertTrue(bps < 40, e + ": spot " + bid + "/" + ask + " vs perp " + perpMid + " (" + bps + " bps)");
        }
        assertEquals("null", postJson(venues.infoUrl(), "{\"type\":\"l2Book\",\"coin\":\"@9999\"}").body());
    }
}
