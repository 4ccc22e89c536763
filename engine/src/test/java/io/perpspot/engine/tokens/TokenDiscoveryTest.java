package io.perpspot.engine.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.testkit.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairs from Hyperliquid meta x Jupiter tokens: the join rules, the sim venues, the fallback. */
class TokenDiscoveryTest {
    private static final String PEPE_MINT = "PEPEmintForTests111111111111111111111111111";

    /** The real 2023 meta universe (28 perps incl. kPEPE). */
    private static List<TokenDiscovery.Perp> meta2023() throws Exception {
        JsonNode meta = new ObjectMapper()
                .readTree(Fixtures.cassetteBody("hyperliquid-python-sdk__test_get_info.yaml", 0));
        List<TokenDiscovery.Perp> perps = new ArrayList<>();
        for (JsonNode n : meta.path("universe")) {
            perps.add(new TokenDiscovery.Perp(n.path("name").asText(), n.path("isDelisted").asBoolean(false)));
        }
        return perps;
    }

    @Test
    void joinsKContractsToTheirTokenAndPrefersTheStaticTable() throws Exception {
        List<TokenDiscovery.Perp> perps = new ArrayList<>(meta2023());
        perps.add(new TokenDiscovery.Perp("WIF", true));
        List<TokenDiscovery.SpotToken> spot = List.of(
                new TokenDiscovery.SpotToken(PEPE_MINT, "Pepe", 5, 1e6),
                new TokenDiscovery.SpotToken("PEPEcopycat11111111111111111111111111111111", "PEPE", 6, 10),
                new TokenDiscovery.SpotToken("So11111111111111111111111111111111111111112", "SOL", 9, 1e9),
                new TokenDiscovery.SpotToken("DoGEfake11111111111111111111111111111111111", "DOGE", 8, 5e5),
                new TokenDiscovery.SpotToken("EKpQGSJtjMFqKZ9KQanSqYXRcF8fBopzLHYxdM65zcjm", "WIF", 6, 1e8));
        List<Token> table = Fixtures.shippedTokens();
        List<Token> pairs = TokenDiscovery.join(perps, spot, table, 200);
        TokenRegistry r = new TokenRegistry(pairs);

        Token pepe = r.get(r.idByCoin("kPEPE"));
        assertEquals(3, pepe.multExp(), "k-prefixed perps are priced per 1000 tokens");
        assertEquals(PEPE_MINT, pepe.mint(), "highest liquidity wins a symbol shared by two mints");
        assertEquals("So11111111111111111111111111111111111111112", r.get(r.idByCoin("SOL")).mint());
        Token btc = r.get(r.idByCoin("BTC"));
        assertEquals("cbbtcf3aa214zXHbiAZQwf4122FBYbraNdFqgw4iMij", btc.mint(), "static table overrides the join");
        assertEquals(-1, r.idByCoin("WIF"), "delisted perps are dropped");
        assertEquals(-1, r.idByCoin("ATOM"), "a perp without a Solana token is not a pair");
        for (int i = 0; i < r.size(); i++) {
            assertEquals(i, r.get(i).id(), "dense ids");
        }
    }

    @Test
    void capsTheTokenSet() throws Exception {
        List<Token> pairs = TokenDiscovery.join(meta2023(), List.of(), Fixtures.shippedTokens(), 2);
        assertEquals(2, pairs.size());
    }

    @Test
    void discoversEveryPairOfTheSimVenues() {
        try (SimVenues venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=150")))) {
            HttpFetcher http = new HttpFetcher(Duration.ofSeconds(2));
            TokenDiscovery.Result r = TokenDiscovery.discover(List.of(venues.infoUrl()), venues.tokensUrl(),
                    Fixtures.shippedTokens(), 200, http, http);
            assertEquals(150, r.registry().size(), r.how());
            assertTrue(r.how().contains("150 pairs discovered"), r.how());
            for (Token t : venues.market().universe()) {
                Token found = r.registry().get(r.registry().idByCoin(t.hlCoin()));
                assertEquals(t.mint(), found.mint(), t.hlCoin());
                assertEquals(t.multExp(), found.multExp(), t.hlCoin());
                assertEquals(t.decimals(), found.decimals(), t.hlCoin());
            }
        }
    }

    @Test
    void fallsBackToTheStaticTableWhenTheVenuesAreUnreachable() {
        HttpFetcher http = new HttpFetcher(Duration.ofSeconds(1));
        TokenDiscovery.Result r = TokenDiscovery.discover(List.of("http://127.0.0.1:9/info"), "http://127.0.0.1:9/tokens/v2",
                Fixtures.shippedTokens(), 200, http, http);
        assertEquals(Fixtures.shippedTokens().size(), r.registry().size());
        assertTrue(r.how().startsWith("static token table (Hyperliquid meta unavailable"), r.how());
        assertNull(r.registry().bySymbol("NOPE"));
    }
}
