package io.perpspot.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.codec.JupiterQuoteDecoder;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link JupiterQuoteDecoder} (swap/v1/quote bodies), seeded from the
 * recorded SOL→USDC quote. Each body (up to four, split at newlines) is decoded as the answer to
 * the request it claims (side from its input mint, amount from its {@code inAmount}, so mutations
 * reach the pricing code), through one decoder: no exception escapes; a published SPOT_QUOTE's
 * price is positive and equals the amounts' ratio with the platform fee added back, computed
 * independently with BigDecimal; a valid quote afterwards still decodes exactly.
 */
class JupiterQuoteFuzzTest {
    private static final Token SOL = HyperliquidWsFuzzTest.REGISTRY.bySymbol("SOL");
    private static final String CANARY = Fixtures.text("jupiter_quote_sol_usdc_2026-10-05.json").trim()
            .replace("\"contextSlot\":453538721", "\"contextSlot\":" + Long.MAX_VALUE);

    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void decodesOrRejectsEveryQuote(byte[] data) {
        Fixtures.Collector out = new Fixtures.Collector();
        JupiterQuoteDecoder decoder = new JupiterQuoteDecoder(out, new FeedStats());
        for (byte[] body : Oracle.frames(data, 4)) {
            JsonNode root = Oracle.tree(body);
            int side = root != null && JupiterQuoteDecoder.USDC_MINT.equals(root.path("inputMint").asText())
                    ? QuoteSide.BUY : QuoteSide.SELL;
            long amount = 1_000_000_000L;
            if (root != null && root.path("inAmount").asText("").matches("[0-9]{1,20}")) {
                try {
                    amount = Long.parseUnsignedLong(root.path("inAmount").asText()); // a u64, as unsigned bits
                } catch (NumberFormatException pastU64) {
                    // the decoder must reject it; any amount will do for the request
                }
            }
            int before = out.events.size();
            boolean ok = decoder.decode(body, 0, body.length, SOL.id(), SOL.mint(), SOL.decimals(), side,
                    1_000_000L, amount, Source.JUPITER_QUOTE, 1L);
            if (ok != (out.events.size() == before + 1) || out.events.size() > before + 1) {
                throw new AssertionError("decode returned " + ok + " but published " + (out.events.size() - before));
            }
            if (ok) {
                verify(out.events.get(before), root, side);
            }
        }
        if (!CANARY.contains(Long.toString(Long.MAX_VALUE))) {
            throw new IllegalStateException("the canary fixture changed");
        }
        byte[] canary = CANARY.getBytes(StandardCharsets.UTF_8);
        int before = out.events.size();
        if (!decoder.decode(canary, 0, canary.length, SOL.id(), SOL.mint(), SOL.decimals(), QuoteSide.SELL,
                1_000_000L, 1_000_000_000L, Source.JUPITER_QUOTE, 2L)) {
            throw new AssertionError("decoder unusable after the input: the canary quote was rejected");
        }
        MarketEvent e = out.events.get(before);
        // 120704786 USDC units for 1 SOL (10^9 lamports): 120.704786
        if (e.quotePx != FixedPoint.parse("120.704786", FixedPoint.PRICE_DECIMALS) || e.blockId != Long.MAX_VALUE) {
            throw new AssertionError("decoder unusable after the input: the canary decoded to " + e.quotePx);
        }
    }

    private static void verify(MarketEvent e, JsonNode root, int side) {
        if (e.type != EventType.SPOT_QUOTE || e.tokenId != SOL.id() || e.quoteSide != side) {
            throw new AssertionError("published the wrong event");
        }
        Oracle.positive("quote price", e.quotePx);
        if (root == null) {
            return; // repeated names: positivity checked
        }
        BigDecimal in = new BigDecimal(root.path("inAmount").asText());
        BigDecimal outAmt = new BigDecimal(root.path("outAmount").asText());
        JsonNode fee = root.path("platformFee").path("amount");
        BigDecimal out = fee.isTextual() ? outAmt.add(new BigDecimal(fee.asText())) : outAmt;
        int k = FixedPoint.PRICE_DECIMALS - JupiterQuoteDecoder.USDC_DECIMALS + SOL.decimals();
        BigDecimal px = side == QuoteSide.BUY ? in.movePointRight(k).divide(out, 0, RoundingMode.HALF_UP)
                : out.movePointRight(k).divide(in, 0, RoundingMode.HALF_UP);
        Oracle.units("quote price", e.quotePx, px, 0, 0);
        if (e.blockId != root.path("contextSlot").asLong()) {
            throw new AssertionError("contextSlot " + e.blockId + ", the body says " + root.get("contextSlot"));
        }
    }
}
