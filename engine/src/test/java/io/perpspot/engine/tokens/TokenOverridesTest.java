package io.perpspot.engine.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.InputCodec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** tokens.yaml (add, remove, remap; a bad file is one clear line), rediscovery merging, and the journaled records. */
class TokenOverridesTest {
    private static final String BONK = "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263";
    private static final String WIF = "EKpQGSJtjMFqKZ9KQanSqYXRcF8fBopzLHYxdM65zcjm";
    private static final String JUP = "JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN";

    private static TokenOverrides parse(String yaml) {
        return TokenOverrides.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "tokens.yaml");
    }

    private final List<Token> discovered = List.of(
            new Token(0, "WIF", "WIF", 0, WIF, 6),
            new Token(1, "JUP", "JUP", 0, JUP, 6));

    @Test
    void removesRemapsAndAddsPairs() {
        TokenOverrides o = parse("""
                remove: [WIF]
                pairs:
                  - {coin: JUP, symbol: JUPX, mint: %s, decimals: 5}
                  - {coin: kBONK, symbol: BONK, mint: %s, decimals: 5, multiplier: 1000}
                  - {coin: NOTLISTED, symbol: NL, mint: %s, decimals: 6}
                """.formatted(BONK.replace('D', 'E'), BONK, WIF));
        List<Token> out = o.apply(discovered, Set.of("WIF", "JUP", "kBONK"));
        assertEquals(2, out.size(), out.toString());
        assertEquals("JUPX", out.get(0).symbol(), "remapped");
        assertEquals(5, out.get(0).decimals());
        assertEquals("kBONK", out.get(1).hlCoin(), "added");
        assertEquals(1000, out.get(1).multiplier());
        assertEquals(1, out.get(1).id());
    }

    @Test
    void theShippedFileIsValidAndChangesNothing() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("../config/tokens.yaml"))) {
            assertEquals(discovered, TokenOverrides.read(in, "config/tokens.yaml").apply(discovered, null));
        }
    }

    @Test
    void aBadFileIsOneLineNamingTheFileAndTheEntry() {
        String[][] cases = {
            {"pairs: [{coin: X, symbol: X, mint: nope, decimals: 6}]",
                    "tokens: tokens.yaml: pairs[0]: not a Solana mint address: 'nope'"},
            {"pairs: [{coin: X, symbol: X, mint: " + WIF + ", decimals: 6, multiplier: 10}]",
                    "tokens: tokens.yaml: pairs[0]: multiplier must be 1 or 1000, got 10"},
            {"add: []", "tokens: tokens.yaml: unknown key 'add' (expected remove, pairs, spot)"},
            {"remove: WIF", "tokens: tokens.yaml: remove: expected a list of Hyperliquid coins"},
            {"pairs: [{coin: X, mint: " + WIF + ", decimals: 6}]",
                    "tokens: tokens.yaml: pairs[0]: symbol is required (text)"},
            {"pairs: [ {coin: X", "tokens: tokens.yaml: not valid YAML"},
            {"spot: [{pair: '@142'}]", "tokens: tokens.yaml: spot[0]: coin is required (text)"},
            {"spot: [{pair: '@142', coin: BTC, mint: x}]", "tokens: tokens.yaml: spot[0]: unknown key 'mint'"},
            {"spot: [{pair: '@1', coin: A}, {pair: '@1', coin: B}]",
                    "tokens: tokens.yaml: spot[1]: pair @1 listed twice"},
        };
        for (String[] c : cases) {
            ConfigException e = assertThrows(ConfigException.class, () -> parse(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void rediscoveryKeepsIdsFlagsDelistedPerpsAndAppendsNewOnes() {
        List<Token> found = List.of(new Token(0, "JUP", "JUP", 0, JUP, 6), new Token(1, "BONK", "kBONK", 3, BONK, 5));
        List<Token> merged = TokenDiscovery.merge(discovered, found, Set.of("JUP", "kBONK"));
        assertEquals(3, merged.size());
        assertEquals("WIF", merged.get(0).hlCoin());
        assertTrue(merged.get(0).delisted(), "WIF is no longer listed in meta");
        assertFalse(merged.get(1).delisted());
        assertEquals(1, merged.get(1).id(), "JUP keeps its id");
        assertEquals("kBONK", merged.get(2).hlCoin());
        assertEquals(2, merged.get(2).id(), "a new pair gets the next id");
        assertFalse(TokenDiscovery.merge(merged, found, Set.of("WIF", "JUP", "kBONK")).get(0).delisted(),
                "listed again");
    }

    @Test
    void tokenDefFlagsSpotQuoteAndDiscoveryRecordsRoundTripThroughTheInputCodec() {
        Bytes<?> b = Bytes.allocateElasticOnHeap(512);
        MarketEvent e = new MarketEvent();
        InputCodec.write(EngineEvents.tokenDef(e, discovered.get(0).withDelisted(true), 7), b);
        MarketEvent q = new MarketEvent();
        q.type = EventType.SPOT_QUOTE;
        q.source = 5;
        q.tokenId = 1;
        q.recvNanos = 9;
        q.quoteSide = 1;
        q.quoteNotionalUsd = 10_000_000_000L;
        q.quotePx = 120_704_786_000_000L;
        q.quoteImpactPpm = -3;
        q.blockId = 453_538_721L;
        InputCodec.write(q, b);
        InputCodec.write(EngineEvents.discovery(e, EngineEvents.DISCOVERY_REFRESH, 160, 2, 1, "refresh: ok", 11), b);

        MarketEvent r = new MarketEvent();
        InputCodec.read(b, 0, r);
        assertTrue(EngineEvents.token(r).delisted());
        assertEquals(discovered.get(0).mint(), EngineEvents.token(r).mint());
        InputCodec.read(b, 1, r);
        assertEquals(EventType.SPOT_QUOTE, r.type);
        assertEquals(1, r.quoteSide);
        assertEquals(10_000_000_000L, r.quoteNotionalUsd);
        assertEquals(120_704_786_000_000L, r.quotePx);
        assertEquals(-3, r.quoteImpactPpm);
        assertEquals(453_538_721L, r.blockId);
        InputCodec.read(b, 2, r);
        assertEquals(EventType.DISCOVERY, r.type);
        assertEquals(EngineEvents.DISCOVERY_REFRESH, r.status);
        assertEquals(160, r.discoveredPairs);
        assertEquals(2, r.discoveredAdded);
        assertEquals(1, r.discoveredDelisted);
        assertEquals("refresh: ok", r.textString());
        assertEquals(0, b.readRemaining());
    }

    @Test
    void spotPairsMapAPairNameToAPerpCoin() {
        TokenOverrides o = parse("spot:\n  - pair: '@142'\n    coin: BTC\n  - pair: PURR/USDC\n    coin: PURR\n");
        assertEquals(Map.of("@142", "BTC", "PURR/USDC", "PURR"), o.spot());
        assertEquals(Map.of(), parse("remove: []").spot());
    }
}
