package io.perpspot.engine.feed.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The subscription plan with Hyperliquid spot pairs: the real perp universe (the 230 perps of the first dex in a
 * recorded {@code allDexsAssetCtxs} frame, nautilus_trader test data, 2026-05) with every coin's three channels,
 * plus the spot pairs' bbo and l2Book, stays within 1000 subscriptions and 10 connections at the shipped
 * settings (200 a connection, 8 connections); when the cap binds, the perps' contexts come from one
 * allDexsAssetCtxs, and then spot pairs are the first left out.
 */
class SpotSubscriptionPlanTest {
    private static final List<String> SPOT = List.of("@107", "@142", "@151", "@156", "@188");

    @Test
    void theRealPerpUniversePlusSpotPairsFitsHyperliquidsLimits() throws IOException {
        List<String> coins = realUniverse();
        assertEquals(230, coins.size());
        List<List<String>> plan = SubscriptionPlan.plan(coins, SPOT, false, 200, 8, 1000, true);
        int total = plan.stream().mapToInt(List::size).sum();
        assertEquals(1 + 3 * 230 + 2 * 5, total, "allMids, three a perp, two a spot pair");
        assertTrue(total <= SubscriptionPlan.HL_MAX_SUBSCRIPTIONS);
        assertTrue(plan.size() <= SubscriptionPlan.HL_MAX_CONNECTIONS);
        plan.forEach(c -> assertTrue(c.size() <= 200, "at most 200 a connection: " + c.size()));
        for (String pair : SPOT) {
            List<String> on = plan.stream().filter(c -> c.contains(bbo(pair))).findFirst().orElseThrow();
            assertTrue(on.contains(book(pair)), pair + ": bbo and l2Book on one connection");
        }
    }

    @Test
    void whenTheCapBindsTheAggregateComesFirstThenSpotPairsAreLeftOut() throws IOException {
        List<String> coins = realUniverse();
        int perCoinTight = 1 + 3 * 230 + 2 * 2;
        List<List<String>> aggregate = SubscriptionPlan.plan(coins, SPOT, false, 200, 8, perCoinTight, true);
        assertTrue(SubscriptionPlan.usesAggregate(aggregate), "a context channel a coin would leave 3 pairs out");
        assertEquals(1 + 1 + 2 * 230 + 2 * 5, aggregate.stream().mapToInt(List::size).sum(), "all five pairs in");

        int budget = 1 + 1 + 2 * 230 + 2 * 2;
        List<String> frames = SubscriptionPlan.plan(coins, SPOT, false, 200, 8, budget, true).stream()
                .flatMap(List::stream).toList();
        assertEquals(budget, frames.size());
        assertTrue(frames.contains(bbo("@107")) && frames.contains(book("@142")));
        assertFalse(frames.contains(bbo("@151")) || frames.contains(book("@188")), "spot pairs are left out first");
        assertTrue(frames.contains(bbo("P229")), "every perp keeps its books");
    }

    /** Names for the recorded frame's 230 first-dex contexts (the aggregate frame carries no coin names). */
    private static List<String> realUniverse() throws IOException {
        try (InputStream in = SpotSubscriptionPlanTest.class.getResourceAsStream(
                "nautilus_trader__ws_all_dexs_asset_ctxs.json")) {
            assertNotNull(in);
            JsonNode ctxs = new ObjectMapper().readTree(in).path("data").path("ctxs");
            List<String> coins = new ArrayList<>();
            for (JsonNode dex : ctxs) {
                if (dex.get(0).asText().isEmpty()) {
                    for (int i = 0; i < dex.get(1).size(); i++) {
                        coins.add("P" + i);
                    }
                }
            }
            return coins;
        }
    }

    private static String bbo(String coin) {
        return "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"bbo\",\"coin\":\"" + coin + "\"}}";
    }

    private static String book(String coin) {
        return "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"" + coin + "\"}}";
    }
}
