package io.perpspot.engine.feed.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.tokens.SpotMatcher;
import io.perpspot.engine.tokens.SpotMeta;
import io.perpspot.engine.tokens.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hyperliquid's real mainnet universes of 2025-11 (SOURCES.md: {@code metaAndAssetCtxs}, 220 perps, and
 * {@code spotMetaAndAssetCtxs}, 233 pairs): the spot universe decodes, every live perp tracked is matched to the
 * right spot pair — Unit's bridged tokens over HIP-1 namesakes, which the prices expose — and the subscription plan
 * for all of it fits Hyperliquid's limits.
 */
class RealSpotUniverseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SpotMeta spot;
    private static List<Token> perps;
    private static Map<String, Double> marks;

    @BeforeAll
    static void load() throws IOException {
        spot = SpotMeta.parse(new String(read("hyperliquid-go-sdk__spot_meta_and_asset_ctxs.json"),
                StandardCharsets.UTF_8));
        JsonNode meta = JSON.readTree(read("hyperliquid-go-sdk__meta_and_asset_ctxs.json"));
        perps = new ArrayList<>();
        marks = new HashMap<>();
        JsonNode universe = meta.get(0).get("universe");
        for (int i = 0; i < universe.size(); i++) {
            JsonNode u = universe.get(i);
            if (u.path("isDelisted").asBoolean(false)) {
                continue;
            }
            String coin = u.get("name").asText();
            boolean k = coin.startsWith("k") && coin.length() > 1 && Character.isUpperCase(coin.charAt(1));
            perps.add(new Token(perps.size(), k ? coin.substring(1) : coin, coin, k ? 3 : 0, mint(i), 6));
            marks.put(coin, meta.get(1).get(i).get("markPx").asDouble());
        }
    }

    /** A well-formed mint for perp {@code i} (matching is by names and prices: the mint is not read). */
    private static String mint(int i) {
        String digits = "123456789";
        return "PerpMint" + "1".repeat(30) + digits.charAt(i / 81 % 9) + digits.charAt(i / 9 % 9)
                + digits.charAt(i % 9);
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = RealSpotUniverseTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    @Test
    void theRealSpotUniverseDecodesWithItsMarks() {
        assertEquals(399, spot.tokens().size());
        assertEquals(233, spot.pairs().size());
        SpotMeta.Asset ubtc = spot.base(spot.pair("@142"));
        assertEquals("UBTC", ubtc.name());
        assertEquals("Unit Bitcoin", ubtc.fullName());
        assertEquals(106392.0, spot.marks().get("@142"));
        assertEquals(0.10853, spot.marks().get("PURR/USDC"));
        assertEquals(183, perps.size(), "220 perps, 37 of them delisted");
    }

    @Test
    void unitTokensWinOverNamesakesAndThePricesExposeTheRest() {
        SpotMatcher.Match m = SpotMatcher.match(spot, perps, Map.of(), marks);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("BTC", "@142");
        expected.put("ETH", "@151");
        expected.put("SOL", "@156");
        expected.put("FARTCOIN", "@162");
        expected.put("PUMP", "@188");
        expected.put("kBONK", "@194");
        expected.put("XPL", "@210");
        expected.put("MON", "@243");
        expected.put("PURR", "PURR/USDC");
        expected.put("HYPE", "@107");
        assertEquals(expected, m.pairByCoin());
        assertEquals("rule: Unit token UFART (Unit Fartcoin) is FARTCOIN", m.why().get("@162"));
        assertEquals("rule: base HYPE is named like the perp", m.why().get("@107"));
        List<String> skipped = m.skipped();
        assertTrue(skipped.contains("spot pair @9 (TRUMP) not matched to TRUMP: priced 0.000513, the perp 8.0644 a"
                + " token (100 % off): another token of the same name"), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("spot pair @117 (BERA) not matched to BERA")),
                skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("spot pair @206 (UENA) not matched to ENA: priced 0.75,"
                + " the perp 0.33988")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("spot pair @224 (UWLD) not matched to WLD")),
                skipped.toString());
        assertEquals(233 - expected.size(), m.unmatched());

        SpotMatcher.Match byName = SpotMatcher.match(spot, perps, Map.of());
        assertEquals("@188", byName.pairByCoin().get("PUMP"), "without prices Unit still wins over the @20 namesake");
        assertEquals("@9", byName.pairByCoin().get("TRUMP"), "without prices a namesake cannot be told apart");
    }

    @Test
    void theRealUniversePlusItsSpotPairsFitsHyperliquidsLimits() {
        List<String> coins = perps.stream().map(Token::hlCoin).toList();
        List<String> pairs = List.copyOf(SpotMatcher.match(spot, perps, Map.of(), marks).pairByCoin().values());
        List<List<String>> plan = SubscriptionPlan.plan(coins, pairs, false, 200, 8, 1000, true);
        int total = plan.stream().mapToInt(List::size).sum();
        assertEquals(1 + 3 * 183 + 2 * 10, total, "allMids, three a perp, two a spot pair: nothing left out");
        assertTrue(total <= SubscriptionPlan.HL_MAX_SUBSCRIPTIONS, "under 1000: " + total);
        assertTrue(plan.size() <= SubscriptionPlan.HL_MAX_CONNECTIONS, plan.size() + " connections");
        assertEquals(3, plan.size(), "570 subscriptions at 200 a connection");
    }
}
