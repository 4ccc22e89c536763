package io.perpspot.engine.feed.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers Jupiter's Price API v3 and Tokens API v2 from the market (protocols.md 3.3, 3.4): prices
 * keyed by mint with unknown mints omitted, and {@code MintInformation} arrays for the verified tag
 * and for searches. Numbers are JSON numbers written like JavaScript writes them.
 */
final class JupiterApi {
    /** Status and JSON body of an answer. */
    record Reply(int status, String body) {
        static Reply ok(String body) {
            return new Reply(200, body);
        }

        static Reply error(int status, String message) {
            return new Reply(status, "{\"error\":" + JsonText.quote(message) + "}");
        }
    }

    static final int MAX_PRICE_IDS = 50;
    static final int MAX_SEARCH_MINTS = 100;
    private static final String CREATED_AT = "2024-06-05T08:55:25.527Z";
    private static final String SPL_TOKEN = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";

    private final SimMarket market;

    JupiterApi(SimMarket market) {
        this.market = market;
    }

    /** {@code GET /price/v3?ids=a,b}. */
    Reply price(String ids) {
        if (ids == null || ids.isBlank()) {
            return Reply.error(400, "Query parameter ids is required");
        }
        List<String> list = splitIds(ids);
        if (list.size() > MAX_PRICE_IDS) {
            return Reply.error(400, "Too many ids: at most " + MAX_PRICE_IDS + " are allowed per request");
        }
        Map<String, SimAsset> found = new LinkedHashMap<>();
        for (String id : list) {
            SimAsset a = market.assetByMint(id);
            if (a != null) {
                found.putIfAbsent(id, a);
            }
        }
        long slot = market.slot();
        StringBuilder sb = new StringBuilder(160 * found.size() + 2).append('{');
        boolean first = true;
        for (Map.Entry<String, SimAsset> e : found.entrySet()) {
            SimAsset a = e.getValue();
            JsonText.key(sb, e.getKey(), first).append("{\"createdAt\":\"").append(CREATED_AT)
                    .append("\",\"liquidity\":");
            JsNumber.append(sb, liquidity(a)).append(",\"usdPrice\":");
            JsNumber.append(sb, market.usdPrice(a)).append(",\"blockId\":").append(slot)
                    .append(",\"decimals\":").append(a.decimals).append(",\"priceChange24h\":");
            JsNumber.append(sb, market.priceChange24h(a)).append('}');
            first = false;
        }
        return Reply.ok(sb.append('}').toString());
    }

    /** {@code GET /tokens/v2/tag?query=verified|lst|stocks}. */
    Reply tag(String query) {
        if (query == null || query.isBlank()) {
            return Reply.error(400, "Query parameter query is required");
        }
        switch (query) {
            case "verified":
                return Reply.ok(mintInfos(market.jupiterAssets()));
            case "lst":
            case "stocks":
                // The sim lists no liquid-staking or stock tokens.
                return Reply.ok("[]");
            default:
                return Reply.error(400, "Invalid tag: " + query);
        }
    }

    /** {@code GET /tokens/v2/search?query=<symbol|name|mint[,mint…]>}. */
    Reply search(String query) {
        if (query == null || query.isBlank()) {
            return Reply.error(400, "Query parameter query is required");
        }
        List<SimAsset> out = new ArrayList<>();
        if (query.indexOf(',') >= 0) {
            List<String> mints = splitIds(query);
            if (mints.size() > MAX_SEARCH_MINTS) {
                return Reply.error(400, "Too many mints: at most " + MAX_SEARCH_MINTS + " are allowed per request");
            }
            for (String m : mints) {
                SimAsset a = market.assetByMint(m);
                if (a != null && !out.contains(a)) {
                    out.add(a);
                }
            }
            return Reply.ok(mintInfos(out));
        }
        String q = query.trim();
        String lower = q.toLowerCase(Locale.ROOT);
        for (SimAsset a : market.jupiterAssets()) {
            if (a.mint.equals(q) || a.symbol.equalsIgnoreCase(q) || a.name.toLowerCase(Locale.ROOT).contains(lower)) {
                out.add(a);
            }
        }
        // Exact symbol matches first, then by liquidity: the copycat sorts below the real token.
        out.sort(Comparator.<SimAsset>comparingInt(a -> a.symbol.equalsIgnoreCase(q) || a.mint.equals(q) ? 0 : 1)
                .thenComparing(Comparator.comparingDouble((SimAsset a) -> a.liquidityUsd).reversed()));
        return Reply.ok(mintInfos(out.size() > 20 ? out.subList(0, 20) : out));
    }

    private String mintInfos(List<SimAsset> assets) {
        long slot = market.slot();
        String now = Instant.ofEpochMilli(System.currentTimeMillis()).toString();
        StringBuilder sb = new StringBuilder(900 * assets.size() + 2).append('[');
        for (int i = 0; i < assets.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            mintInfo(sb, assets.get(i), slot, now);
        }
        return sb.append(']').toString();
    }

    private void mintInfo(StringBuilder sb, SimAsset a, long slot, String now) {
        double price = market.usdPrice(a);
        double liquidity = liquidity(a);
        double mcap = liquidity * 12;
        double circ = mcap / price;
        double score = Math.min(99.5, Math.max(5, 12 * Math.log10(liquidity) - 10));
        sb.append("{\"id\":");
        JsonText.string(sb, a.mint).append(",\"name\":");
        JsonText.string(sb, a.name).append(",\"symbol\":");
        JsonText.string(sb, a.symbol).append(",\"icon\":null,\"decimals\":").append(a.decimals)
                .append(",\"tokenProgram\":\"").append(SPL_TOKEN).append("\",\"createdAt\":\"").append(CREATED_AT)
                .append("\",\"twitter\":null,\"website\":null,\"dev\":null,\"circSupply\":");
        JsNumber.append(sb, circ).append(",\"totalSupply\":");
        JsNumber.append(sb, circ * 1.6).append(",\"firstPool\":{\"id\":");
        JsonText.string(sb, Base58.address(market.seed(), "pool:" + a.mint)).append(",\"createdAt\":\"")
                .append(CREATED_AT).append("\"},\"holderCount\":").append((long) (liquidity / 25))
                .append(",\"audit\":{\"mintAuthorityDisabled\":true,\"freezeAuthorityDisabled\":true,"
                        + "\"topHoldersPercentage\":");
        JsNumber.append(sb, Math.round(1000 - score * 8) / 10.0).append(",\"devMints\":1},\"organicScore\":");
        JsNumber.append(sb, Math.round(score * 100) / 100.0).append(",\"organicScoreLabel\":\"")
                .append(score >= 70 ? "high" : score >= 40 ? "medium" : "low")
                .append("\",\"isVerified\":true,\"tags\":")
                .append(a.kind == SimAsset.Kind.PAIR || a.kind == SimAsset.Kind.SPOT_ONLY && a.liquidityUsd > 1e6
                        ? "[\"community\",\"strict\",\"verified\"]" : "[\"verified\"]")
                .append(",\"fdv\":");
        JsNumber.append(sb, mcap * 1.6).append(",\"mcap\":");
        JsNumber.append(sb, mcap).append(",\"usdPrice\":");
        JsNumber.append(sb, price).append(",\"priceBlockId\":").append(slot).append(",\"liquidity\":");
        JsNumber.append(sb, liquidity).append(",\"stats24h\":{\"priceChange\":");
        JsNumber.append(sb, market.priceChange24h(a)).append(",\"buyVolume\":");
        JsNumber.append(sb, Math.round(liquidity * 0.4 * 100) / 100.0).append(",\"sellVolume\":");
        JsNumber.append(sb, Math.round(liquidity * 0.38 * 100) / 100.0).append(",\"numBuys\":")
                .append((long) (liquidity / 300)).append(",\"numSells\":").append((long) (liquidity / 320))
                .append(",\"numTraders\":").append((long) (liquidity / 2000)).append("},\"updatedAt\":\"")
                .append(now).append("\"}");
    }

    /** Liquidity moves a little with the price, so it is not a round constant. */
    private double liquidity(SimAsset a) {
        return a.liquidityUsd * Math.sqrt(market.usdPrice(a) / a.open24h);
    }

    private static List<String> splitIds(String ids) {
        List<String> out = new ArrayList<>();
        for (String s : ids.split(",")) {
            String t = s.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
