package io.perpspot.engine.feed.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.codec.JupiterQuoteDecoder;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every quote ladder the default sim market answers decodes: each token, each configured
 * notional, BUY then SELL of what the BUY returned, exactly as the poller walks a ladder. Raw
 * amounts are Solana u64s; a cheap 9-decimal token's answers run to 19 and 20 digits, which the
 * decoder rejected as "not a number" (13 rejects in a 60 s sim run) while it read only 18.
 */
class SimQuotesDecodeTest {
    @Test
    void everyRungOfEveryLadderOfTheDefaultMarketDecodesToTheAmountsExactRatio() {
        Config config = ConfigLoader.load(null, List.of());
        SimMarket market = SimMarket.create(config);
        JupiterQuoter quoter = new JupiterQuoter(market);
        Fixtures.Collector out = new Fixtures.Collector();
        FeedStats stats = new FeedStats();
        JupiterQuoteDecoder decoder = new JupiterQuoteDecoder(out, stats);
        int rungs = 0;
        int longAmounts = 0;
        BigInteger largest = BigInteger.ZERO;
        for (int step = 0; step < 3; step++) {
            for (Token t : market.universe()) {
                if (t.mint() == null || t.mint().equals(JupiterQuoteDecoder.USDC_MINT)
                        || market.assetByMint(t.mint()) == null) {
                    continue;
                }
                for (long notional : config.get(Settings.JUP_QUOTE_NOTIONALS)) {
                    long buyIn = notional * 1_000_000L;
                    String buy = body(quoter, JupiterQuoteDecoder.USDC_MINT, t.mint(), Long.toUnsignedString(buyIn));
                    if (buy == null) {
                        continue; // no route: answered 400, not a quote
                    }
                    decode(decoder, buy, t, QuoteSide.BUY, notional, buyIn);
                    long sellIn = decoder.lastOutAmount();
                    String sell = body(quoter, t.mint(), JupiterQuoteDecoder.USDC_MINT, Long.toUnsignedString(sellIn));
                    decode(decoder, sell, t, QuoteSide.SELL, notional, sellIn);
                    // the two rungs just published: the BUY, then the SELL
                    for (int s = 0; s < 2; s++) {
                        boolean isBuy = s == 0;
                        String b = isBuy ? buy : sell;
                        MarketEvent e = out.events.get(out.events.size() - 2 + s);
                        assertEquals(expectedPx(b, t.decimals(), isBuy), e.quotePx, () -> t.symbol() + " " + b);
                        // the token side's raw amount: what a BUY returns, what a SELL spends
                        BigInteger amount = new BigInteger(field(b, isBuy ? "outAmount" : "inAmount"));
                        if (amount.bitLength() > 60) {
                            longAmounts++;
                        }
                        largest = largest.max(amount);
                    }
                    rungs += 2;
                }
            }
            market.step();
        }
        assertEquals(0, stats.rejects(Source.JUPITER_QUOTE),
                () -> "rejects: " + stats.rejectsByReason(Source.JUPITER_QUOTE));
        assertEquals(rungs, out.events.size());
        assertTrue(rungs > 900, "rungs " + rungs);
        assertTrue(longAmounts > 0, "the sweep must reach raw amounts of 19+ digits, or it proves nothing");
        System.out.printf("%d rungs, %d with raw amounts over 2^60, largest %s%n", rungs, longAmounts, largest);
    }

    private static String body(JupiterQuoter quoter, String in, String out, String amount) {
        JupiterApi.Reply r = quoter.quote(Map.of("inputMint", List.of(in), "outputMint", List.of(out),
                "amount", List.of(amount), "slippageBps", List.of("50"), "swapMode", List.of("ExactIn")));
        if (r.status() == 400 && r.body().contains("COULD_NOT_FIND_ANY_ROUTE")) {
            return null;
        }
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    private static void decode(JupiterQuoteDecoder d, String body, Token t, int side, long notional, long amount) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        assertTrue(d.decode(b, 0, b.length, t.id(), t.mint(), t.decimals(), side, notional * FixedPoint.SIZE_SCALE,
                amount, Source.JUPITER_QUOTE, 1L), () -> t.symbol() + " " + body);
    }

    /** USDC per whole token at the price scale, from the body's amounts with BigDecimal, half up. */
    private static long expectedPx(String body, int decimals, boolean buy) {
        BigDecimal in = new BigDecimal(field(body, "inAmount"));
        BigDecimal routeOut = new BigDecimal(field(body, "outAmount"));
        int fee = body.indexOf("\"platformFee\":{");
        if (fee >= 0 && body.indexOf("\"amount\":\"", fee) >= 0) {
            routeOut = routeOut.add(new BigDecimal(field(body.substring(fee), "amount")));
        }
        BigDecimal usdc = buy ? in : routeOut;
        BigDecimal token = buy ? routeOut : in;
        return usdc.scaleByPowerOfTen(FixedPoint.PRICE_DECIMALS - JupiterQuoteDecoder.USDC_DECIMALS + decimals)
                .divide(token, 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String field(String body, String name) {
        int i = body.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return body.substring(i, body.indexOf('"', i));
    }
}
