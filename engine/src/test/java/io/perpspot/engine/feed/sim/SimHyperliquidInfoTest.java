package io.perpspot.engine.feed.sim;

import static io.perpspot.engine.feed.sim.SimTestSupport.fieldNames;
import static io.perpspot.engine.feed.sim.SimTestSupport.get;
import static io.perpspot.engine.feed.sim.SimTestSupport.json;
import static io.perpspot.engine.feed.sim.SimTestSupport.post;
import static io.perpspot.engine.feed.sim.SimTestSupport.postJson;
import static io.perpspot.engine.feed.sim.SimTestSupport.validPerpPrice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.tokens.Token;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimHyperliquidInfoTest {
    private static SimVenues venues;
    private static String info;

    @BeforeAll
    static void start() {
        venues = SimVenues.start(SimTestSupport.quickConfig("sim.tokens=120"));
        info = venues.infoUrl();
    }

    @AfterAll
    static void stop() {
        venues.close();
    }

    private static void assertAnswer(HttpResponse<String> r, int status, String contentType, String body) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(body, r.body());
        if (contentType != null) {
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith(contentType),
                    r.headers().map().toString());
        }
    }

    @Test
    void infoErrorsMatchHyperliquid() {
        assertAnswer(postJson(info, "{\"type\":\"nope\"}"), 422, "text/plain",
                "Failed to deserialize the JSON body into the target type");
        assertAnswer(postJson(info, "{\"type\":\"l2Book\"}"), 422, "text/plain",
                "Failed to deserialize the JSON body into the target type");
        assertAnswer(postJson(info, "{\"type\":"), 400, "text/plain", "Failed to parse the request body as JSON");
        assertAnswer(post(info, "text/plain", "{\"type\":\"meta\"}"), 415, "text/plain",
                "Expected request with `Content-Type: application/json`");
        assertAnswer(get(info), 405, null, "");
        assertAnswer(postJson(info, "{\"type\":\"l2Book\",\"coin\":\"NOPE\"}"), 200, "application/json", "null");
        assertAnswer(postJson(info, "{\"type\":\"l2Book\",\"coin\":\"btc\"}"), 200, "application/json", "null");
        assertAnswer(postJson(info, "{\"type\":\"metaAndAssetCtxs\",\"dex\":\"nope\"}"), 500, "application/json",
                "null");
    }

    @Test
    void answersCarryHyperliquidHeaders() {
        HttpResponse<String> r = postJson(info, "{\"type\":\"exchangeStatus\"}");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        assertEquals("*", r.headers().firstValue("access-control-allow-origin").orElse(""));
        JsonNode status = json(r.body());
        assertEquals(List.of("specialStatuses", "time"), fieldNames(status));
        assertTrue(status.get("specialStatuses").isNull());
    }

    @Test
    void metaFlagsOnlyDelistedCoins() {
        JsonNode universe = json(postJson(info, "{\"type\":\"meta\"}").body()).get("universe");
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode c : universe) {
            byName.put(c.get("name").asText(), c);
            List<String> keys = fieldNames(c);
            assertEquals(List.of("szDecimals", "name", "maxLeverage", "marginTableId"), keys.subList(0, 4));
            if (keys.contains("isDelisted")) {
                assertTrue(c.get("isDelisted").asBoolean(), "isDelisted appears only when true");
            }
        }
        for (String delisted : List.of("MATIC", "AI16Z")) {
            assertTrue(byName.get(delisted).get("isDelisted").asBoolean(), delisted);
        }
        for (String hlOnly : List.of("HYPE", "DOGE", "kPEPE")) {
            assertFalse(byName.get(hlOnly).has("isDelisted"), hlOnly);
        }
        for (Token t : venues.market().universe()) {
            assertTrue(byName.containsKey(t.hlCoin()), t.hlCoin());
            assertFalse(byName.get(t.hlCoin()).has("isDelisted"));
        }
        assertEquals(5, byName.get("BTC").get("szDecimals").asInt());
    }

    @Test
    void metaAndAssetCtxsAlignsContextsWithTheUniverse() {
        JsonNode both = json(postJson(info, "{\"type\":\"metaAndAssetCtxs\"}").body());
        JsonNode universe = both.get(0).get("universe");
        JsonNode ctxs = both.get(1);
        assertEquals(universe.size(), ctxs.size());
        for (int i = 0; i < universe.size(); i++) {
            JsonNode ctx = ctxs.get(i);
            boolean delisted = universe.get(i).has("isDelisted");
            assertEquals(delisted, ctx.get("midPx").isNull(), universe.get(i).get("name").asText());
            assertEquals(delisted, ctx.get("impactPxs").isNull());
            assertTrue(ctx.get("markPx").isTextual() && ctx.get("funding").isTextual());
        }
    }

    @Test
    void allMidsIsAFlatMapOfStrings() {
        JsonNode mids = json(postJson(info, "{\"type\":\"allMids\"}").body());
        assertTrue(mids.has("BTC") && mids.has("@107") && mids.has("PURR/USDC"));
        mids.properties().forEach(e -> assertTrue(e.getValue().isTextual(), e.getKey()));
        double btc = Double.parseDouble(mids.get("BTC").asText());
        double model = venues.market().perpMid(venues.market().token("BTC"));
        assertEquals(model, btc, model * 0.002);
    }

    @Test
    void restBooksAreNeverCrossedAndFollowTickRules() {
        for (String coin : venues.market().perpCoins()) {
            JsonNode book = json(postJson(info, "{\"type\":\"l2Book\",\"coin\":\"" + coin + "\"}").body());
            assertEquals(List.of("coin", "time", "levels"), fieldNames(book));
            JsonNode bids = book.get("levels").get(0);
            JsonNode asks = book.get("levels").get(1);
            if (venues.market().isDelisted(coin)) {
                assertEquals(0, bids.size() + asks.size(), coin);
                continue;
            }
            int sz = venues.market().szDecimals(coin);
            assertEquals(20, bids.size());
            assertEquals(20, asks.size());
            assertTrue(px(bids.get(0)).compareTo(px(asks.get(0))) < 0, coin + " crossed");
            for (JsonNode side : List.of(bids, asks)) {
                for (int i = 0; i < side.size(); i++) {
                    String p = side.get(i).get("px").asText();
                    assertTrue(validPerpPrice(p, sz), coin + " price " + p + " szDecimals " + sz);
                    assertTrue(new BigDecimal(side.get(i).get("sz").asText()).stripTrailingZeros().scale() <= sz);
                    if (i > 0) {
                        int cmp = px(side.get(i)).compareTo(px(side.get(i - 1)));
                        assertTrue(side == bids ? cmp < 0 : cmp > 0, coin + " level order");
                    }
                }
            }
        }
    }

    @Test
    void aggregatedRestBookUsesCoarserPrices() {
        JsonNode bids = json(postJson(info, "{\"type\":\"l2Book\",\"coin\":\"ETH\",\"nSigFigs\":2}").body())
                .get("levels").get(0);
        for (JsonNode l : bids) {
            assertTrue(new BigDecimal(l.get("px").asText()).stripTrailingZeros().precision() <= 2, l.toString());
        }
    }

    private static BigDecimal px(JsonNode level) {
        return new BigDecimal(level.get("px").asText());
    }
}
