package io.perpspot.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.ring.EventType;
import io.perpspot.engine.ring.MarketEvent;
import io.perpspot.engine.ring.Source;
import io.perpspot.engine.spread.QuoteLadder;
import io.perpspot.engine.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quote answers into ladder rungs: the recorded real answers, and every kind of bad one rejected and counted. */
class JupiterQuoteDecoderTest {
    private static final String SOL = "So11111111111111111111111111111111111111112";
    private static final long SOL_IN = 1_000_000_000L;

    private Fixtures.Collector out;
    private FeedStats stats;
    private JupiterQuoteDecoder decoder;

    @BeforeEach
    void setUp() {
        out = new Fixtures.Collector();
        stats = new FeedStats();
        decoder = new JupiterQuoteDecoder(out, stats);
    }

    private boolean sell(String body, long amount) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(b, 0, b.length, 0, SOL, 9, QuoteLadder.SELL, 120 * FixedPoint.SIZE_SCALE, amount,
                Source.JUPITER_QUOTE, 42);
    }

    @Test
    void theRecordedSolToUsdcQuoteIsOneSellRungAtItsExactPrice() {
        assertTrue(sell(Fixtures.text("jupiter_quote_sol_usdc_2026-10-05.json"), SOL_IN));
        MarketEvent e = out.only();
        assertEquals(EventType.SPOT_QUOTE, e.type);
        assertEquals(Source.JUPITER_QUOTE, e.source);
        assertEquals(QuoteLadder.SELL, e.quoteSide);
        assertEquals("120.704786", FixedPoint.price(e.quotePx), "120704786 µUSDC for 1 SOL");
        assertEquals(0, e.quoteImpactPpm);
        assertEquals(453_538_721L, e.blockId, "contextSlot");
        assertEquals(120 * FixedPoint.SIZE_SCALE, e.quoteNotionalUsd);
        assertEquals(42, e.recvNanos);
        assertEquals(120_704_786L, decoder.lastOutAmount());
    }

    @Test
    void aPlatformFeeIsAddedBackSoThePriceIsTheRoutes() {
        // Real capture with platformFeeBps=20: outAmount 138082 + fee 276 = the route's 138358 for 0.001 SOL.
        assertTrue(sell(Fixtures.text("Project-Butters__jupiter_quote_sol_usdc_v1.json"), 1_000_000L));
        MarketEvent e = out.only();
        assertEquals("138.358", FixedPoint.price(e.quotePx));
        assertEquals(12, e.quoteImpactPpm, "priceImpactPct 0.000012 as a fraction = 12 ppm");
        assertEquals(391_615_977L, e.blockId);
    }

    @Test
    void aBuyRungPricesTheTokenInUsdcPerWholeToken() {
        String body = "{\"inputMint\":\"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v\",\"inAmount\":\"1000000000\","
                + "\"outputMint\":\"DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263\",\"outAmount\":\"4629629629629\","
                + "\"otherAmountThreshold\":\"4606481481481\",\"swapMode\":\"ExactIn\",\"slippageBps\":50,"
                + "\"platformFee\":null,\"priceImpactPct\":\"0.00042\",\"routePlan\":[],\"contextSlot\":7,\"newKey\":{\"a\":[1]}}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        assertTrue(decoder.decode(b, 0, b.length, 3, "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263", 5,
                QuoteLadder.BUY, 1000 * FixedPoint.SIZE_SCALE, 1_000_000_000L, Source.JUPITER_QUOTE, 1));
        MarketEvent e = out.only();
        // $1000 for 46,296,296.29629 BONK = 0.0000216 USD each (to 12 decimals, rounded)
        assertEquals("0.0000216", FixedPoint.price(e.quotePx));
        assertEquals(420, e.quoteImpactPpm);
        assertEquals(3, e.tokenId);
    }

    @Test
    void badAnswersAreRejectedCountedByReasonAndPublishNothing() {
        String good = Fixtures.text("jupiter_quote_sol_usdc_2026-10-05.json");
        assertFalse(sell(good.substring(0, good.length() / 2), SOL_IN));
        assertEquals(1, stats.rejects(Source.JUPITER_QUOTE, Reject.TRUNCATED));
        assertFalse(sell("<html>502</html>", SOL_IN));
        assertEquals(1, stats.rejects(Source.JUPITER_QUOTE, Reject.MALFORMED_JSON));
        assertFalse(sell(good.replace("\"outAmount\":\"120704786\"", "\"outAmount\":120704786"), SOL_IN));
        assertEquals(1, stats.rejects(Source.JUPITER_QUOTE, Reject.WRONG_TYPE));
        assertFalse(sell(good.replace("\"priceImpactPct\":\"0\"", "\"priceImpactPct\":\"NaN\""), SOL_IN));
        assertFalse(sell(good.replace("\"outAmount\":\"120704786\"", "\"outAmount\":\"-5\""), SOL_IN));
        assertEquals(2, stats.rejects(Source.JUPITER_QUOTE, Reject.BAD_NUMBER));
        assertFalse(sell(good.replace("\"outAmount\":\"120704786\"", "\"outAmount\":\"0\""), SOL_IN));
        assertEquals(1, stats.rejects(Source.JUPITER_QUOTE, Reject.BAD_SIZE));
        assertFalse(sell(good, 2 * SOL_IN), "an answer for another amount than asked");
        assertFalse(sell(good.replace("\"swapMode\":\"ExactIn\"", "\"swapMode\":\"ExactOut\""), SOL_IN));
        assertEquals(2, stats.rejects(Source.JUPITER_QUOTE, Reject.MISMATCH));
        assertFalse(sell(good.replace("\"contextSlot\":453538721,", ""), SOL_IN));
        assertEquals(1, stats.rejects(Source.JUPITER_QUOTE, Reject.MISSING_FIELD));
        assertEquals(0, out.events.size(), "nothing published from a bad answer");

        assertTrue(sell(good, SOL_IN), "the decoder recovers after garbage");
        assertFalse(sell(good.replace("\"contextSlot\":453538721", "\"contextSlot\":453538000"), SOL_IN));
        assertEquals(1, stats.rejects(Source.JUPITER_QUOTE, Reject.OUT_OF_ORDER), "an older slot than one accepted");
        assertEquals(1, out.events.size());
    }

    @Test
    void aStructuredValueIsRefusedNotReadThrough() {
        // An object opened under swapMode takes in the rest of the quote, and its '}' used to end
        // the quote: a body one brace short was accepted and left the parser one object deep, so
        // the next, valid answer was rejected.
        String good = Fixtures.text("jupiter_quote_sol_usdc_2026-10-05.json");
        assertFalse(sell(good.replace("\"swapMode\":\"ExactIn\"", "\"swapMode\":{\"swapMode\":\"ExactIn\""), SOL_IN));
        assertFalse(sell(good.replace("\"inputMint\":", "\"inputMint\":[],\"x\":"), SOL_IN));
        assertEquals(2, stats.rejects(Source.JUPITER_QUOTE, Reject.WRONG_TYPE));
        assertEquals(0, out.events.size());
        assertTrue(sell(good, SOL_IN), "the next answer decodes");
        assertEquals("120.704786", FixedPoint.price(out.only().quotePx));
    }

    @Test
    void divScaledIsExactWhereA128BitProductWouldBeNeeded() {
        assertEquals(120_704_786_000_000L, JupiterQuoteDecoder.divScaled(120_704_786L, 1_000_000_000L, 15));
        assertEquals(3, JupiterQuoteDecoder.divScaled(5, 2, 0), "half rounds up");
        assertEquals(Long.MIN_VALUE, JupiterQuoteDecoder.divScaled(Long.MAX_VALUE / 2, 1, 3));
    }
}
