package io.perpspot.engine.feed.sim;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Answers {@code GET /swap/v1/quote} (protocols.md 3.2) from the market: amounts in raw units of
 * each mint's decimals, a one-hop route, a pool fee and a square-root price impact against the
 * token's Jupiter liquidity ({@code 0.1 × sqrt(usd / liquidity)} per non-stable leg), so larger
 * trades get worse prices. Errors as Jupiter words them.
 */
final class JupiterQuoter {
    private static final BigInteger U64_MAX = new BigInteger("18446744073709551615");
    private static final Pattern MINT = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{32,44}");
    private static final String[] LABELS = {"Raydium CLMM", "Whirlpool", "Meteora DLMM", "GoonFi V2", "SolFi",
        "Raydium", "Obric V2", "Meteora DAMM v2"};
    private static final String NO_ROUTE =
            "{\"error\":\"Could not find any route\",\"errorCode\":\"COULD_NOT_FIND_ANY_ROUTE\"}";
    private static final String CIRCULAR =
            "{\"error\":\"Circular arbitrage is disabled\",\"errorCode\":\"CIRCULAR_ARBITRAGE_IS_DISABLED\"}";

    private final SimMarket market;

    JupiterQuoter(SimMarket market) {
        this.market = market;
    }

    JupiterApi.Reply quote(Map<String, List<String>> params) {
        long started = System.nanoTime();
        String inputMint = first(params, "inputMint");
        String outputMint = first(params, "outputMint");
        String amountText = first(params, "amount");
        for (String[] required : new String[][] {{"inputMint", inputMint}, {"outputMint", outputMint},
            {"amount", amountText}}) {
            if (required[1] == null) {
                return JupiterApi.Reply.error(400, "Failed to deserialize query string: missing field `"
                        + required[0] + "`");
            }
        }
        for (String[] mint : new String[][] {{"inputMint", inputMint}, {"outputMint", outputMint}}) {
            if (!MINT.matcher(mint[1]).matches()) {
                return JupiterApi.Reply.error(400, "Query parameter " + mint[0] + " cannot be parsed: Invalid");
            }
        }
        String amountError = unsignedError(amountText, U64_MAX);
        if (amountError != null) {
            return parseError("amount", amountError);
        }
        String slippageText = first(params, "slippageBps");
        int slippageBps = 50;
        if (slippageText != null) {
            String e = unsignedError(slippageText, BigInteger.valueOf(65_535));
            if (e != null) {
                return parseError("slippageBps", e);
            }
            slippageBps = new BigInteger(slippageText).intValue();
        }
        String feeText = first(params, "platformFeeBps");
        int platformFeeBps = 0;
        if (feeText != null) {
            String e = unsignedError(feeText, BigInteger.valueOf(65_535));
            if (e != null) {
                return parseError("platformFeeBps", e);
            }
            platformFeeBps = Math.min(10_000, new BigInteger(feeText).intValue());
        }
        String mode = first(params, "swapMode");
        if (mode == null) {
            mode = "ExactIn";
        } else if (!mode.equals("ExactIn") && !mode.equals("ExactOut")) {
            return JupiterApi.Reply.error(400, "Failed to deserialize query string: unknown variant `" + mode
                    + "`, expected `ExactIn` or `ExactOut`");
        }
        SimAsset in = market.assetByMint(inputMint);
        SimAsset out = market.assetByMint(outputMint);
        if (in == null || out == null) {
            return new JupiterApi.Reply(400, NO_ROUTE);
        }
        if (in == out) {
            return new JupiterApi.Reply(400, CIRCULAR);
        }
        BigInteger amount = new BigInteger(amountText.startsWith("+") ? amountText.substring(1) : amountText);
        if (amount.signum() == 0) {
            return new JupiterApi.Reply(400, NO_ROUTE);
        }
        return priced(in, out, amount, mode.equals("ExactIn"), slippageBps, platformFeeBps, started);
    }

    private JupiterApi.Reply priced(SimAsset in, SimAsset out, BigInteger amount, boolean exactIn, int slippageBps,
                                    int platformFeeBps, long started) {
        double pIn = market.usdPrice(in);
        double pOut = market.usdPrice(out);
        SimAsset given = exactIn ? in : out;
        double usd = amount.doubleValue() / Math.pow(10, given.decimals) * (exactIn ? pIn : pOut);
        double impact = Math.min(0.9, impact(usd, in) + impact(usd, out));
        double poolFee = Math.max(fee(in), fee(out)) / 10_000;
        // out per in, raw units: price ratio, decimals, impact and the pool fee.
        BigDecimal rawRate = BigDecimal.valueOf(pIn / pOut * (1 - impact) * (1 - poolFee))
                .scaleByPowerOfTen(out.decimals - in.decimals);
        BigInteger inAmount;
        BigInteger outAmount;
        BigInteger threshold;
        BigInteger platformFee = BigInteger.ZERO;
        if (exactIn) {
            inAmount = amount;
            BigInteger gross = new BigDecimal(amount).multiply(rawRate).setScale(0, RoundingMode.FLOOR).toBigInteger();
            platformFee = gross.multiply(BigInteger.valueOf(platformFeeBps)).divide(BigInteger.valueOf(10_000));
            outAmount = gross.subtract(platformFee);
            threshold = new BigDecimal(outAmount).multiply(BigDecimal.valueOf(10_000 - Math.min(slippageBps, 10_000)))
                    .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.FLOOR).toBigInteger();
        } else {
            outAmount = amount;
            inAmount = new BigDecimal(amount).divide(rawRate, 0, RoundingMode.CEILING).toBigInteger();
            threshold = new BigDecimal(inAmount).multiply(BigDecimal.valueOf(10_000 + slippageBps))
                    .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.CEILING).toBigInteger();
        }
        // Every SPL amount is a u64 (a mint's whole supply is one): a swap whose input, output or
        // threshold would not fit has no route, whatever the price model says (a cheap 9-decimal
        // token bought for $100k came to 3.06e19 raw units, past 1.84e19).
        if (outAmount.signum() <= 0 || inAmount.signum() <= 0 || inAmount.compareTo(U64_MAX) > 0
                || outAmount.add(platformFee).compareTo(U64_MAX) > 0 || threshold.compareTo(U64_MAX) > 0) {
            return new JupiterApi.Reply(400, NO_ROUTE);
        }
        long slot = market.slot();
        String pool = Base58.address(market.seed(), "amm:" + (in.index < out.index
                ? in.mint + out.mint : out.mint + in.mint));
        String label = LABELS[Math.floorMod(pool.hashCode(), LABELS.length)];
        StringBuilder sb = new StringBuilder(1200).append("{\"inputMint\":");
        JsonText.string(sb, in.mint).append(",\"inAmount\":\"").append(inAmount).append("\",\"outputMint\":");
        JsonText.string(sb, out.mint).append(",\"outAmount\":\"").append(outAmount)
                .append("\",\"otherAmountThreshold\":\"").append(threshold).append("\",\"swapMode\":\"")
                .append(exactIn ? "ExactIn" : "ExactOut").append("\",\"slippageBps\":").append(slippageBps)
                .append(",\"platformFee\":");
        if (platformFeeBps > 0 && exactIn) {
            sb.append("{\"amount\":\"").append(platformFee).append("\",\"feeBps\":").append(platformFeeBps).append('}');
        } else {
            sb.append("null");
        }
        sb.append(",\"priceImpactPct\":\"").append(impact == 0 ? "0" : BigDecimal.valueOf(impact).toPlainString())
                .append("\",\"routePlan\":[{\"swapInfo\":{\"ammKey\":");
        JsonText.string(sb, pool).append(",\"label\":");
        JsonText.string(sb, label).append(",\"inputMint\":");
        JsonText.string(sb, in.mint).append(",\"outputMint\":");
        JsonText.string(sb, out.mint).append(",\"inAmount\":\"").append(inAmount).append("\",\"outAmount\":\"")
                .append(outAmount.add(platformFee)).append("\",\"updateContextSlot\":\"").append(slot - 1)
                .append("\"},\"percent\":100,\"bps\":null}],\"contextSlot\":").append(slot).append(",\"timeTaken\":");
        JsNumber.append(sb, Math.max(1e-6, (System.nanoTime() - started) / 1e9)).append(",\"swapUsdValue\":\"")
                .append(BigDecimal.valueOf(usd).toPlainString())
                .append("\",\"mostReliableAmmsQuoteReport\":{\"info\":{");
        JsonText.string(sb, pool).append(":\"").append(outAmount).append("\"}},\"longtailMarketQuoteReport\":null,"
                + "\"useIncurredSlippageForQuoting\":null,\"useRewards\":null,\"otherRoutePlans\":null,"
                + "\"loadedLongtailToken\":false,\"instructionVersion\":null,\"transactionVersion\":0}");
        return JupiterApi.Reply.ok(sb.toString());
    }

    /** Square-root impact of a USD size on one leg; stablecoins are deep enough to ignore. */
    private static double impact(double usd, SimAsset a) {
        if (isStable(a)) {
            return 0;
        }
        return 0.1 * Math.sqrt(usd / Math.max(1, a.liquidityUsd));
    }

    private static double fee(SimAsset a) {
        return isStable(a) ? 0 : a.poolFeeBps;
    }

    private static boolean isStable(SimAsset a) {
        return a.kind == SimAsset.Kind.SPOT_ONLY && (a.symbol.equals("USDC") || a.symbol.equals("USDT"));
    }

    private static JupiterApi.Reply parseError(String param, String kind) {
        return JupiterApi.Reply.error(400, "Query parameter " + param + " cannot be parsed: ParseIntError { kind: "
                + kind + " }");
    }

    /** Rust's unsigned integer parse: null when fine, else the {@code IntErrorKind} name. */
    static String unsignedError(String s, BigInteger max) {
        if (s.isEmpty()) {
            return "Empty";
        }
        int start = s.charAt(0) == '+' ? 1 : 0;
        if (start == s.length()) {
            return "InvalidDigit";
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return "InvalidDigit";
            }
        }
        return new BigInteger(s.substring(start)).compareTo(max) > 0 ? "PosOverflow" : null;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
