package io.perpspot.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decodes Jupiter Price API v3 bodies (real recorded and from the official spec). */
class JupiterPriceDecoderTest {
    private static final String SOL = "So11111111111111111111111111111111111111112";
    private static final String USDC = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";
    private static final String BONK = "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263";
    private static final TokenRegistry REGISTRY = Fixtures.registryWith(
            new Token(0, "USDC", "USDCPERP", 0, USDC, 6));
    private static final int SRC = Source.JUPITER_PRICE;

    private Fixtures.Collector out;
    private FeedStats stats;
    private JupiterPriceDecoder decoder;

    @BeforeEach
    void setUp() {
        out = new Fixtures.Collector();
        stats = new FeedStats();
        decoder = new JupiterPriceDecoder(REGISTRY, out, stats);
    }

    private int decode(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(b, 0, b.length, 42L);
    }

    private static long px(String s) {
        return FixedPoint.parse(s, FixedPoint.PRICE_DECIMALS);
    }

    @Test
    void decodesRecordedSolPrice() {
        assertEquals(1, decode(Fixtures.text("jupiter_price_v3_sol_wire.json")));
        MarketEvent e = out.only();
        assertEquals(EventType.SPOT_PRICE, e.type);
        assertEquals(SRC, e.source);
        assertEquals(REGISTRY.idByMint(SOL), e.tokenId);
        assertEquals(117_111_396_945_016L, e.spotPx, "117.11139694501614 rounded to 12 decimals");
        assertEquals(946_740_309L, e.liquidityUsd);
        assertEquals(449_696_083L, e.blockId);
        assertEquals(42L, e.recvNanos);
        assertTrue(decoder.seen(e.tokenId));
    }

    @Test
    void decodesTheOfficialSpecExample() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory())
                .readTree(Fixtures.text("jup-ag-docs__openapi-spec_price_v3_price.yaml"));
        JsonNode example = spec.findValue("example");
        // the first "example" is the ids query parameter; the response example is an object
        for (JsonNode n : spec.findValues("example")) {
            if (n.isObject()) {
                example = n;
            }
        }
        assertEquals(2, decode(new ObjectMapper().writeValueAsString(example)));
        assertEquals(px("147.48"), out.events.get(0).spotPx);
        assertEquals(px("0.9999"), out.events.get(1).spotPx);
        assertEquals(REGISTRY.idByMint(USDC), out.events.get(1).tokenId);
    }

    @Test
    void tinyPricesInExponentFormAreExact() {
        decode("{\"" + BONK + "\":{\"usdPrice\":2.16e-5,\"liquidity\":1.0,\"blockId\":1,\"decimals\":5}}");
        assertEquals(21_600_000L, out.only().spotPx);
    }

    @Test
    void missingAndNullTokensAreReportedNotGuessed() {
        decode("{\"" + SOL + "\":null}");
        assertTrue(out.events.isEmpty());
        assertFalse(decoder.seen(REGISTRY.idByMint(SOL)));
        assertEquals(0, decode("{}"));
        assertEquals(0, stats.rejects(SRC));
    }

    @Test
    void unknownMintIsRejectedAndTheOthersKept() {
        decode("{\"UnknownMint1111111111111111111111111111111\":{\"usdPrice\":1.0},\"" + SOL
                + "\":{\"usdPrice\":120.5,\"someNewKey\":{\"nested\":[1,2]}}}");
        assertEquals(px("120.5"), out.only().spotPx);
        assertEquals(1, stats.rejects(SRC, Reject.UNKNOWN_MINT));
    }

    @Test
    void nonsensePricesAreRejectedPerEntry() {
        decode("{\"" + SOL + "\":{\"usdPrice\":0},\"" + BONK + "\":{\"usdPrice\":-1.5},\"" + USDC
                + "\":{\"usdPrice\":\"NaN\"}}");
        assertTrue(out.events.isEmpty());
        assertEquals(2, stats.rejects(SRC, Reject.BAD_PRICE));
        assertEquals(1, stats.rejects(SRC, Reject.BAD_NUMBER));
    }

    @Test
    void malformedBodyIsRejectedWholeAndTheNextOneDecodes() {
        assertEquals(-1, decode("{\"" + SOL + "\":{\"usdPrice\":120.5},"));
        assertEquals(-1, decode("[1,2,3]"));
        assertEquals(-1, decode("<html>502 Bad Gateway</html>"));
        assertTrue(out.events.isEmpty(), "a partly valid body moves no price");
        assertEquals(1, decode("{\"" + SOL + "\":{\"usdPrice\":120.25}}"));
        assertEquals(px("120.25"), out.only().spotPx);
    }

    @Test
    void structuredValuesAreSkippedWholeNotReadAsTheEntrysFields() {
        // Found by JupiterPriceFuzzTest: an object under blockId was read field by field, its '}'
        // closed the entry, and a body one brace short passed for complete. The parser stayed one
        // object deep and rejected the next, valid body.
        assertEquals(-1, decode("{\"" + SOL + "\":{\"usdPrice\":14,\"blockId\":{\"" + SOL + "\":1}}"));
        assertTrue(out.events.isEmpty(), "a body one brace short moves no price");
        assertEquals(1, decode("{\"" + SOL + "\":{\"usdPrice\":120.25}}"));
        assertEquals(px("120.25"), out.only().spotPx);

        // Complete bodies: a structured optional field counts as absent; a structured price
        // rejects the entry, whatever the object holds.
        out.events.clear();
        assertEquals(1, decode("{\"" + SOL + "\":{\"liquidity\":[1,{\"usdPrice\":5}],\"usdPrice\":7,"
                + "\"blockId\":{\"usdPrice\":9,\"blockId\":3}}}"));
        MarketEvent e = out.only();
        assertEquals(px("7"), e.spotPx);
        assertEquals(FixedPoint.NULL, e.liquidityUsd);
        assertEquals(FixedPoint.NULL, e.blockId);
        out.events.clear();
        assertEquals(0, decode("{\"" + SOL + "\":{\"usdPrice\":{\"usdPrice\":7}}}"));
        assertEquals(1, stats.rejects(SRC, Reject.WRONG_TYPE));
        assertTrue(out.events.isEmpty());
    }
}
