package io.perpspot.engine.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.testkit.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spotMeta decoding to exact values, refusal of a universe that contradicts itself, and the pair matching rule. */
class SpotMetaTest {
    private static final String MINT = "So11111111111111111111111111111111111111112";

    @Test
    void decodesRecordedMainnetTokensToExactValues() {
        SpotMeta m = SpotMeta.parse(Fixtures.text("nautilus_trader__http_spot_meta_non_usdc_collateral.json"));
        assertEquals(List.of(0, 360, 235), List.copyOf(m.tokens().keySet()));
        assertEquals(new SpotMeta.Asset("USDH", 2, 8, 360, "0x168", true, null, null), m.tokens().get(360));
        assertEquals(new SpotMeta.Asset("USDC", 8, 8, 0, "0x1", true, null, null), m.tokens().get(0));
        assertEquals(List.of(), m.pairs());
    }

    @Test
    void refusesTheDocsExampleWhosePairNamesATokenItDoesNotList() {
        SpotMeta.Refused r = assertThrows(SpotMeta.Refused.class,
                () -> SpotMeta.parse(Fixtures.text("hyperliquid_docs_spot_meta.json")));
        assertEquals("spotMeta pair @1 names token index 2, which it does not list", r.getMessage());
    }

    @Test
    void decodesTheDocsExampleOnceItsTokenIsListed() {
        String body = Fixtures.text("hyperliquid_docs_spot_meta.json").replace("}],\n \"universe\"",
                "},{\"name\":\"HFUN\",\"szDecimals\":2,\"weiDecimals\":8,\"index\":2,"
                        + "\"tokenId\":\"0xbaf265ef389da684513d98d68edf4eae\","
                        + "\"isCanonical\":false,\"evmContract\":{\"address\":\"0xa1\",\"evm_extra_wei_decimals\":0},"
                        + "\"fullName\":\"Hypurr Fun\"}],\n \"universe\"");
        SpotMeta m = SpotMeta.parse(body);
        assertEquals(new SpotMeta.Asset("PURR", 0, 5, 1, "0xc1fb593aeffbeb02f85e0308e9956a90", true, null, null),
                m.tokens().get(1));
        SpotMeta.Asset hfun = m.tokens().get(2);
        assertEquals("{\"address\":\"0xa1\",\"evm_extra_wei_decimals\":0}", hfun.evmContract());
        assertEquals("Hypurr Fun", hfun.fullName());
        assertEquals(List.of(new SpotMeta.Pair("PURR/USDC", 1, 0, 0, true), new SpotMeta.Pair("@1", 2, 0, 1, false)),
                m.pairs());
        assertEquals("PURR", m.base(m.pair("PURR/USDC")).name());
        assertEquals("USDC", m.quote(m.pair("@1")).name());
    }

    @Test
    void readsTheMetaOfSpotMetaAndAssetCtxs() {
        String meta = Fixtures.text("nautilus_trader__http_spot_meta_non_usdc_collateral.json");
        SpotMeta m = SpotMeta.parse("[" + meta + ",[]]");
        assertEquals(3, m.tokens().size());
    }

    @Test
    void refusesDuplicateIndexesAndNamesWithTheReason() {
        String tokens = "\"tokens\":[" + token("USDC", 0) + "," + token("HYPE", 150) + "]";
        assertEquals("spotMeta lists token index 0 twice", refusal("{\"tokens\":[" + token("USDC", 0) + ","
                + token("USDT", 0) + "],\"universe\":[]}"));
        assertEquals("spotMeta lists pair index 107 twice", refusal("{" + tokens + ",\"universe\":["
                + pair("@107", 150, 107) + "," + pair("@108", 150, 107) + "]}"));
        assertEquals("spotMeta lists pair @107 twice", refusal("{" + tokens + ",\"universe\":["
                + pair("@107", 150, 107) + "," + pair("@107", 150, 108) + "]}"));
        assertEquals("spotMeta lacks the universe array", refusal("{" + tokens + "}"));
        assertTrue(refusal("{\"tokens\":[{\"name\":\"X\"}],\"universe\":[]}").startsWith(
                "spotMeta token without an integer szDecimals"));
        assertEquals("spotMeta is not JSON", refusal("{\"tokens\":"));
    }

    @Test
    void matchesUnitTokensExactNamesAndOverridesAndSaysWhy() {
        SpotMeta m = SpotMeta.parse("{\"tokens\":[" + token("USDC", 0) + "," + token("UBTC", 197) + ","
                + token("HYPE", 150) + "," + token("UETH", 221) + "," + token("PURR", 1) + "," + token("USDT0", 268)
                + "," + token("FEUSD", 300) + "],\"universe\":[" + pair("PURR/USDC", 1, 0) + ","
                + pair("@107", 150, 107) + "," + pair("@142", 197, 142) + "," + pair("@151", 221, 151) + ","
                + "{\"name\":\"@160\",\"tokens\":[197,268],\"index\":160}," + pair("@200", 300, 200) + "]}");
        List<Token> tracked = List.of(token("BTC"), token("HYPE"), token("ETH"), token("SOL"));
        SpotMatcher.Match match = SpotMatcher.match(m, tracked, Map.of("@200", "SOL", "@999", "ETH"));
        assertEquals(Map.of("BTC", "@142", "HYPE", "@107", "ETH", "@151", "SOL", "@200"), match.pairByCoin());
        assertEquals("rule: base UBTC is BTC behind a U", match.why().get("@142"), "no Unit full name here");
        assertEquals("rule: base HYPE is named like the perp", match.why().get("@107"));
        assertEquals("override in tokens.yaml", match.why().get("@200"));
        assertEquals(List.of("spot override @999 -> ETH skipped: spotMeta has no such pair"), match.skipped());
        // PURR/USDC (no PURR perp tracked) and @160 (quoted in USDT0) are not tracked.
        assertEquals(2, match.unmatched());
        assertTrue(match.lines().contains("spot pair @142 -> BTC (rule: base UBTC is BTC behind a U)"), match.lines()
                .toString());
        assertEquals("@142", new TokenRegistry(tracked, match.pairByCoin()).spotPair(0));
        assertEquals(1, new TokenRegistry(tracked, match.pairByCoin()).idBySpotPair("@107"));
    }

    @Test
    void anOverrideNamingAnUntrackedCoinIsSkippedWithTheReason() {
        SpotMeta m = SpotMeta.parse("{\"tokens\":[" + token("USDC", 0) + "," + token("PURR", 1)
                + "],\"universe\":[" + pair("PURR/USDC", 1, 0) + "]}");
        SpotMatcher.Match match = SpotMatcher.match(m, List.of(token("BTC")), Map.of("PURR/USDC", "PURR"));
        assertEquals(Map.of(), match.pairByCoin());
        assertEquals(List.of("spot override PURR/USDC -> PURR skipped: PURR is not a tracked perp"), match.skipped());
        assertNull(new TokenRegistry(List.of(token("BTC")), match.pairByCoin()).spotPair(0));
    }

    private static String refusal(String body) {
        return assertThrows(SpotMeta.Refused.class, () -> SpotMeta.parse(body)).getMessage();
    }

    private static String token(String name, int index) {
        return "{\"name\":\"" + name + "\",\"szDecimals\":2,\"weiDecimals\":8,\"index\":" + index
                + ",\"tokenId\":\"0x" + Integer.toHexString(index) + "\",\"isCanonical\":true}";
    }

    private static String pair(String name, int base, int index) {
        return "{\"name\":\"" + name + "\",\"tokens\":[" + base + ",0],\"index\":" + index + "}";
    }

    private static Token token(String coin) {
        int n = coin.hashCode() & 0xFFFF;
        return new Token(0, coin, coin, 0, MINT.substring(0, 38) + String.format("%05d", n).replace('0', 'A'), 9);
    }
}
