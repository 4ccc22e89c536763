package io.perpspot.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
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
        return decoder.decode(b, 0, b.length, 0, SOL, 9, QuoteSide.SELL, 120 * FixedPoint.SIZE_SCALE, amount,
                Source.JUPITER_QUOTE, 42);
    }

    @Test
    void theRecordedSolToUsdcQuoteIsOneSellRungAtItsExactPrice() {
        assertTrue(sell(Fixtures.text("jupiter_quote_sol_usdc_2026-10-05.json"), SOL_IN));
        MarketEvent e = out.only();
        assertEquals(EventType.SPOT_QUOTE, e.type);
        assertEquals(Source.JUPITER_QUOTE, e.source);
        assertEquals(QuoteSide.SELL, e.quoteSide);
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
                + "\"platformFee\":null,\"priceImpactPct\":\"0.00042\",\"routePlan\":[],\"contextSlot\":7,"
                + "\"newKey\":{\"a\":[1]}}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        assertTrue(decoder.decode(b, 0, b.length, 3, "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263", 5,
                QuoteSide.BUY, 1000 * FixedPoint.SIZE_SCALE, 1_000_000_000L, Source.JUPITER_QUOTE, 1));
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

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private static BigInteger u64(long bits) {
        return bits >= 0 ? BigInteger.valueOf(bits) : BigInteger.valueOf(bits).add(TWO_64);
    }

    /** divScaled's contract, with BigInteger: round half up, MIN_VALUE past Long.MAX_VALUE. */
    private static long reference(long a, long b, int k) {
        BigInteger[] qr = u64(a).multiply(BigInteger.TEN.pow(k)).divideAndRemainder(u64(b));
        BigInteger q = qr[1].shiftLeft(1).compareTo(u64(b)) >= 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return q.bitLength() > 63 ? Long.MIN_VALUE : q.longValue();
    }

    @Test
    void divScaledIsExactOverTheWholeU64Range() {
        long max = -1L; // 18446744073709551615 as u64 bits
        assertEquals(1_000_000_000_000L, JupiterQuoteDecoder.divScaled(max, max, 12));
        assertEquals(6_148_914_691_236_517_205L, JupiterQuoteDecoder.divScaled(max, 3, 0));
        assertEquals(Long.MIN_VALUE, JupiterQuoteDecoder.divScaled(max, 1, 0), "2^64 - 1 is no long");
        assertEquals(Long.MAX_VALUE, JupiterQuoteDecoder.divScaled(Long.MAX_VALUE, 1, 0), "Long.MAX_VALUE itself fits");
        assertEquals(-1, JupiterQuoteDecoder.divScaled(1, 0, 3), "division by zero");
        // b past 9.2e18, where the old loop's 10 r overflowed a long and it gave up
        assertEquals(reference(10_000_000_000L, 0xD000_0000_0000_0000L, 15),
                JupiterQuoteDecoder.divScaled(10_000_000_000L, 0xD000_0000_0000_0000L, 15));
        SplittableRandom rnd = new SplittableRandom(20261124);
        for (int i = 0; i < 200_000; i++) {
            // amounts of every length, 1 to 20 digits, as a u64 can have
            long a = rnd.nextLong() >>> rnd.nextInt(64);
            long b = rnd.nextLong() >>> rnd.nextInt(64);
            if (b == 0) {
                continue;
            }
            int k = rnd.nextInt(19);
            long want = reference(a, b, k);
            long got = JupiterQuoteDecoder.divScaled(a, b, k);
            if (got != want) {
                throw new AssertionError(u64(a) + " x 10^" + k + " / " + u64(b) + ": " + got + ", want " + want);
            }
        }
    }

    @Test
    void rawAmountsAreU64sToTheLastDigitAndNoFurther() {
        // A $100 buy of a 9-decimal token at 5.5e-9 USD: 18,181,818,181,818,181,818 raw units, 20 digits.
        // Prices in units of 10^-12 USD (the price scale), 100e6 µUSDC x 10^15 / out, half up.
        String body = "{\"inputMint\":\"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v\",\"inAmount\":\"100000000\","
                + "\"outputMint\":\"DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263\",\"outAmount\":\"OUT\","
                + "\"swapMode\":\"ExactIn\",\"platformFee\":null,\"priceImpactPct\":\"0\",\"contextSlot\":SLOT}";
        String[][] cases = {
            {"18181818181818181818", "5500"},
            {"18446744073709551615", "5421"}, // u64 max: 100 / 18446744073.709551615 = 5.4210e-9
            {"9223372036854775808", "10842"}, // 2^63, the first amount a signed long cannot hold
        };
        long slot = 1;
        for (String[] c : cases) {
            byte[] b = body.replace("OUT", c[0]).replace("SLOT", Long.toString(slot++))
                    .getBytes(StandardCharsets.UTF_8);
            assertTrue(decoder.decode(b, 0, b.length, 3, "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263", 9,
                    QuoteSide.BUY, 100 * FixedPoint.SIZE_SCALE, 100_000_000L, Source.JUPITER_QUOTE, 1), c[0]);
            assertEquals(Long.parseLong(c[1]), out.events.get(out.events.size() - 1).quotePx, c[0]);
            assertEquals(c[0], Long.toUnsignedString(decoder.lastOutAmount()));
        }
        // ... and a SELL of the largest amount: the request amount is the same u64 bits
        String sell = "{\"inputMint\":\"DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263\","
                + "\"inAmount\":\"18446744073709551615\","
                + "\"outputMint\":\"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v\",\"outAmount\":\"99000000\","
                + "\"swapMode\":\"ExactIn\",\"platformFee\":null,\"priceImpactPct\":\"0.01\",\"contextSlot\":9}";
        byte[] sb = sell.getBytes(StandardCharsets.UTF_8);
        assertTrue(decoder.decode(sb, 0, sb.length, 3, "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263", 9,
                QuoteSide.SELL, 100 * FixedPoint.SIZE_SCALE, -1L, Source.JUPITER_QUOTE, 1));
        assertEquals(5367, out.events.get(out.events.size() - 1).quotePx, "99 USDC for 18446744073.709551615 tokens");
        int published = out.events.size();
        for (String tooBig : new String[] {"18446744073709551616", "99999999999999999999", "100000000000000000000"}) {
            byte[] b = body.replace("OUT", tooBig).replace("SLOT", "10").getBytes(StandardCharsets.UTF_8);
            assertFalse(decoder.decode(b, 0, b.length, 3, "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263", 9,
                    QuoteSide.BUY, 100 * FixedPoint.SIZE_SCALE, 100_000_000L, Source.JUPITER_QUOTE, 1), tooBig);
        }
        assertEquals(3, stats.rejects(Source.JUPITER_QUOTE, Reject.BAD_NUMBER), "past a u64: not a number we can hold");
        assertEquals(published, out.events.size());
    }
}
