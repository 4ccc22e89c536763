package io.perpspot.engine.feed.sim;

import static io.perpspot.engine.feed.sim.SimTestSupport.HTTP;
import static io.perpspot.engine.feed.sim.SimTestSupport.fieldNames;
import static io.perpspot.engine.feed.sim.SimTestSupport.get;
import static io.perpspot.engine.feed.sim.SimTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.testkit.Await;
import io.perpspot.engine.tokens.Token;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimJupiterTest {
    private static final String SOL = "So11111111111111111111111111111111111111112";
    private static final String USDC = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";
    private static final String BONK = "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263";
    private static final String UNKNOWN = "11111111111111111111111111111111";

    private SimVenues venues;
    private SimJupiterServer jupiter;

    @BeforeEach
    void start() {
        venues = SimVenues.start(SimTestSupport.quickConfig());
        jupiter = venues.jupiter();
    }

    @AfterEach
    void stop() {
        venues.close();
    }

    private String quote(String in, String out, String amount) {
        return venues.quoteUrl() + "?inputMint=" + in + "&outputMint=" + out + "&amount=" + amount + "&slippageBps=50";
    }

    @Test
    void priceOmitsUnknownMints() {
        HttpResponse<String> none = get(venues.priceUrl() + "?ids=" + UNKNOWN);
        assertEquals(200, none.statusCode());
        assertEquals("{}", none.body());
        JsonNode some = json(get(venues.priceUrl() + "?ids=" + SOL + "," + UNKNOWN + "," + BONK).body());
        assertEquals(List.of(SOL, BONK), fieldNames(some));
    }

    @Test
    void priceFieldsAreJsonNumbersMatchingTheMarket() {
        JsonNode sol = json(get(venues.priceUrl() + "?ids=" + SOL).body()).get(SOL);
        assertEquals(List.of("createdAt", "liquidity", "usdPrice", "blockId", "decimals", "priceChange24h"),
                fieldNames(sol));
        assertTrue(sol.get("usdPrice").isNumber() && sol.get("liquidity").isNumber()
                && sol.get("priceChange24h").isNumber());
        assertEquals(9, sol.get("decimals").asInt());
        double market = venues.market().spotPrice(venues.market().token("SOL"));
        assertEquals(market, sol.get("usdPrice").asDouble(), market * 0.01);
    }

    @Test
    void priceRejectsMoreThanFiftyIds() {
        List<String> ids = new ArrayList<>();
        for (Token t : venues.market().universe()) {
            ids.add(t.mint());
        }
        HttpResponse<String> ok = get(venues.priceUrl() + "?ids=" + String.join(",", ids.subList(0, 40)));
        assertEquals(200, ok.statusCode());
        assertEquals(40, json(ok.body()).size());
        ids.addAll(List.of(SOL, USDC, BONK, UNKNOWN, "a", "b", "c", "d", "e", "f", "g"));
        HttpResponse<String> tooMany = get(venues.priceUrl() + "?ids=" + String.join(",", ids.subList(0, 51)));
        assertEquals(400, tooMany.statusCode());
        assertTrue(json(tooMany.body()).get("error").isTextual());
    }

    @Test
    void verifiedTagListsEveryPairSolanaOnlyTokensAndACopycat() {
        JsonNode list = json(get(venues.tokensUrl() + "/tag?query=verified").body());
        Set<String> mints = new HashSet<>();
        List<JsonNode> bonks = new ArrayList<>();
        for (JsonNode t : list) {
            mints.add(t.get("id").asText());
            assertTrue(t.get("decimals").isInt() && t.get("isVerified").asBoolean() && t.get("tags").isArray());
            assertTrue(t.get("usdPrice").isNumber() && t.get("liquidity").isNumber());
            if (t.get("symbol").asText().equals("BONK")) {
                bonks.add(t);
            }
        }
        for (Token t : venues.market().universe()) {
            assertTrue(mints.contains(t.mint()), t.symbol());
        }
        assertTrue(mints.containsAll(List.of(USDC, "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB",
                "4k3Dyjzvzp8eMZWUXbBCjEvwSkkk59S5iCNLY3QrkX6R", "orcaEKTdK7LKz57vaAYr9QeNsVEPfiu6QeMU1kektZE")));
        assertEquals(2, bonks.size(), "one copycat shares the BONK symbol");
        JsonNode real = bonks.stream().filter(b -> b.get("id").asText().equals(BONK)).findFirst().orElseThrow();
        JsonNode copy = bonks.stream().filter(b -> !b.get("id").asText().equals(BONK)).findFirst().orElseThrow();
        assertTrue(copy.get("liquidity").asDouble() < real.get("liquidity").asDouble() / 10);
    }

    @Test
    void searchFindsBySymbolAndByMint() {
        JsonNode bySymbol = json(get(venues.tokensUrl() + "/search?query=jup").body());
        assertEquals("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN", bySymbol.get(0).get("id").asText());
        JsonNode byMints = json(get(venues.tokensUrl() + "/search?query=" + SOL + "," + UNKNOWN + "," + USDC).body());
        assertEquals(2, byMints.size());
        assertEquals("SOL", byMints.get(0).get("symbol").asText());
        assertEquals(9, byMints.get(0).get("decimals").asInt());
        JsonNode bonk = json(get(venues.tokensUrl() + "/search?query=BONK").body());
        assertEquals(BONK, bonk.get(0).get("id").asText(), "the liquid token sorts above its copycat");
    }

    @Test
    void quoteUsesRawUnitsAndImpactGrowsWithSize() {
        JsonNode small = json(get(quote(SOL, USDC, "1000000000")).body());
        assertEquals(List.of("inputMint", "inAmount", "outputMint", "outAmount", "otherAmountThreshold", "swapMode",
                "slippageBps", "platformFee", "priceImpactPct", "routePlan", "contextSlot", "timeTaken"),
                fieldNames(small).subList(0, 12));
        assertEquals("1000000000", small.get("inAmount").asText());
        assertTrue(small.get("outAmount").isTextual() && small.get("priceImpactPct").isTextual());
        assertEquals(1, small.get("routePlan").size());
        assertEquals(100, small.get("routePlan").get(0).get("percent").asInt());
        double price = small.get("outAmount").asLong() / 1e6;
        double spot = venues.market().spotPrice(venues.market().token("SOL"));
        assertEquals(spot, price, spot * 0.01, "1 SOL buys about the spot price in USDC");
        long out = small.get("outAmount").asLong();
        long threshold = small.get("otherAmountThreshold").asLong();
        assertEquals(out * 9950 / 10000, threshold, 1);

        JsonNode big = json(get(quote(SOL, USDC, "10000000000000")).body());
        double bigPrice = big.get("outAmount").asDouble() / 1e6 / 10_000;
        assertTrue(bigPrice < price, "10,000 SOL get a worse price than 1 SOL");
        assertTrue(new BigDecimal(big.get("priceImpactPct").asText())
                .compareTo(new BigDecimal(small.get("priceImpactPct").asText())) > 0);
    }

    @Test
    void quoteExactOutAsksForTheInputNeeded() {
        JsonNode q = json(get(quote(USDC, BONK, "100000000") + "&swapMode=ExactOut").body());
        assertEquals("ExactOut", q.get("swapMode").asText());
        assertEquals("100000000", q.get("outAmount").asText());
        assertTrue(q.get("otherAmountThreshold").asLong() > q.get("inAmount").asLong());
    }

    @Test
    void quoteRejectsNonIntegerAmount() {
        HttpResponse<String> r = get(quote(SOL, USDC, "35281.123"));
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"Query parameter amount cannot be parsed: ParseIntError { kind: InvalidDigit }\"}",
                r.body());
    }

    @Test
    void quoteWithoutRouteAnswersCouldNotFindAnyRoute() {
        HttpResponse<String> r = get(quote(SOL, UNKNOWN, "1000"));
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"Could not find any route\",\"errorCode\":\"COULD_NOT_FIND_ANY_ROUTE\"}", r.body());
    }

    @Test
    void rateLimitAnswers429WithHeaders() {
        jupiter.rateLimit(3, Duration.ofSeconds(60));
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> ok = get(venues.priceUrl() + "?ids=" + SOL);
            assertEquals(200, ok.statusCode());
            assertEquals(Long.toString(3 - i), ok.headers().firstValue("x-ratelimit-remaining").orElse(""));
            assertEquals(Long.toString(i), ok.headers().firstValue("x-ratelimit-current").orElse(""));
        }
        HttpResponse<String> limited = get(venues.priceUrl() + "?ids=" + SOL);
        assertEquals(429, limited.statusCode());
        assertEquals("{\"message\":\"Rate limit exceeded\"}", limited.body());
        assertEquals("-1", limited.headers().firstValue("x-ratelimit-remaining").orElse(""));
        long reset = Long.parseLong(limited.headers().firstValue("x-ratelimit-reset").orElse("0"));
        long now = System.currentTimeMillis() / 1000;
        assertTrue(reset > now && reset <= now + 61, "reset is in unix seconds within the window: " + reset);
    }

    @Test
    void rateLimitWindowSlides() {
        jupiter.rateLimit(2, Duration.ofSeconds(1));
        assertEquals(200, get(venues.priceUrl() + "?ids=" + SOL).statusCode());
        assertEquals(200, get(venues.priceUrl() + "?ids=" + SOL).statusCode());
        assertEquals(429, get(venues.priceUrl() + "?ids=" + SOL).statusCode());
        assertTrue(Await.within(Duration.ofSeconds(3),
                () -> get(venues.priceUrl() + "?ids=" + SOL).statusCode() == 200), "the window slides on");
        jupiter.rateLimit(0);
        HttpResponse<String> free = get(venues.priceUrl() + "?ids=" + SOL);
        assertFalse(free.headers().firstValue("x-ratelimit-remaining").isPresent(), "no limit, no headers");
    }

    @Test
    void wrongApiKeyAnswers401() {
        jupiter.requireApiKey("sekrit");
        HttpResponse<String> missing = get(venues.priceUrl() + "?ids=" + SOL);
        assertEquals(401, missing.statusCode());
        assertEquals("{\"code\":401,\"message\":\"Unauthorized\"}", missing.body());
        assertEquals(401, get(venues.priceUrl() + "?ids=" + SOL, "x-api-key", "nope").statusCode());
        assertEquals(200, get(venues.priceUrl() + "?ids=" + SOL, "x-api-key", "sekrit").statusCode());
    }

    @Test
    void theApiKeyOfEveryRequestIsRecordedPerPathAnsweredOrNot() {
        jupiter.requireApiKey("sekrit");
        get(venues.priceUrl() + "?ids=" + SOL);
        get(venues.priceUrl() + "?ids=" + SOL, "x-api-key", "nope");
        get(venues.priceUrl() + "?ids=" + SOL, "x-api-key", "sekrit");
        get(venues.priceUrl() + "?ids=" + BONK, "x-api-key", "sekrit");
        get(quote(SOL, USDC, "1000"), "x-api-key", "sekrit");
        assertEquals(Map.of("", 1L, "nope", 1L, "sekrit", 2L), jupiter.apiKeys("/price/v3"));
        assertEquals(Map.of("sekrit", 1L), jupiter.apiKeys("/swap/v1/quote"));
        assertEquals(Map.of(), jupiter.apiKeys("/tokens/v2/tag"));
    }

    @Test
    void forcedFailuresAnswerTheNextRequests() {
        jupiter.failNext(2, 503);
        assertEquals(503, get(venues.priceUrl() + "?ids=" + SOL).statusCode());
        assertEquals(503, get(quote(SOL, USDC, "1000")).statusCode());
        assertEquals(200, get(venues.priceUrl() + "?ids=" + SOL).statusCode());
        jupiter.rateLimitNext(1);
        HttpResponse<String> limited = get(venues.priceUrl() + "?ids=" + SOL);
        assertEquals(429, limited.statusCode());
        assertEquals("{\"message\":\"Rate limit exceeded\"}", limited.body());
        assertTrue(limited.headers().firstValue("x-ratelimit-reset").isPresent());
        assertEquals(200, get(venues.priceUrl() + "?ids=" + SOL).statusCode());
    }

    @Test
    void stallHoldsRequestsUntilResume() throws Exception {
        jupiter.stall();
        CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(venues.priceUrl() + "?ids=" + SOL)).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
        Await.await("the stalled request to arrive", 5, () -> jupiter.requests("/price/v3") == 1);
        assertFalse(pending.isDone(), "a stalled server does not answer");
        jupiter.resume();
        assertEquals(200, pending.get(5, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void requestsAreCountedPerPath() {
        get(venues.priceUrl() + "?ids=" + SOL);
        get(venues.priceUrl() + "?ids=" + BONK);
        get(quote(SOL, USDC, "1000"));
        get(venues.tokensUrl() + "/tag?query=verified");
        assertEquals(2, jupiter.requests("/price/v3"));
        assertEquals(1, jupiter.requests("/swap/v1/quote"));
        assertEquals(1, jupiter.requests("/tokens/v2/tag"));
        assertEquals(4, jupiter.totalRequests());
    }
}
