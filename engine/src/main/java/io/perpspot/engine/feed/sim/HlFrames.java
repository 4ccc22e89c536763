package io.perpspot.engine.feed.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Text of every Hyperliquid message and info body the sim sends, with the key order and number
 * text of the captured frames (protocols.md 1.4, 1.5, 2.2-2.5). Reads the market; writes strings.
 */
final class HlFrames {
    static final String GREETING = "Websocket connection established.";
    static final String PONG = "{\"channel\":\"pong\"}";
    private static final MathContext FIVE_SIG = new MathContext(5, RoundingMode.HALF_EVEN);

    private HlFrames() {
    }

    // ---- WebSocket envelopes -----------------------------------------------------------------

    static String ack(String method, HlSubscription sub) {
        return "{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"" + method + "\",\"subscription\":"
                + sub.json() + "}}";
    }

    static String error(String message) {
        return "{\"channel\":\"error\",\"data\":" + JsonText.quote(message) + "}";
    }

    static String l2Book(SimBook b, long time) {
        StringBuilder sb = new StringBuilder(2048).append("{\"channel\":\"l2Book\",\"data\":");
        return bookData(sb, b, time).append('}').toString();
    }

    static String bbo(SimBook b, long time) {
        StringBuilder sb = new StringBuilder(160).append("{\"channel\":\"bbo\",\"data\":{\"coin\":");
        JsonText.string(sb, b.coin()).append(",\"time\":").append(time).append(",\"bbo\":[");
        if (b.bidCount() > 0) {
            level(sb, b.bidPxMicros(0), b.bidSzUnits(0), b.bidOrders(0), b.szDecimals());
        } else {
            sb.append("null");
        }
        sb.append(',');
        if (b.askCount() > 0) {
            level(sb, b.askPxMicros(0), b.askSzUnits(0), b.askOrders(0), b.szDecimals());
        } else {
            sb.append("null");
        }
        return sb.append("]}}").toString();
    }

    /** What a bbo push would say, without its time: pushes go out only when this changes. */
    static String bboKey(SimBook b) {
        StringBuilder sb = new StringBuilder(64);
        if (b.bidCount() > 0) {
            sb.append(b.bidPxMicros(0)).append('/').append(b.bidSzUnits(0)).append('/').append(b.bidOrders(0));
        }
        sb.append('|');
        if (b.askCount() > 0) {
            sb.append(b.askPxMicros(0)).append('/').append(b.askSzUnits(0)).append('/').append(b.askOrders(0));
        }
        return sb.toString();
    }

    static String activeAssetCtx(SimCtx c) {
        StringBuilder sb = new StringBuilder(400).append("{\"channel\":\"activeAssetCtx\",\"data\":{\"coin\":");
        JsonText.string(sb, c.coin()).append(",\"ctx\":");
        return ctx(sb, c).append("}}").toString();
    }

    /**
     * The {@code spotMeta} body: USDC (index 0), PURR and its canonical {@code PURR/USDC} pair (untracked: the sim
     * has no PURR perp), then each spot pair's base token and its {@code @N} pair, in the real key order.
     */
    static StringBuilder spotMeta(StringBuilder sb, SimMarket market) {
        sb.append("{\"tokens\":[");
        spotToken(sb, "USDC", 8, 8, 0, true, "USD Coin");
        sb.append(',');
        spotToken(sb, "PURR", 0, 5, 1, true, null);
        List<SimSpotPair> pairs = market.spotPairList();
        for (SimSpotPair p : pairs) {
            sb.append(',');
            spotToken(sb, p.baseName, p.szDecimals, p.weiDecimals, p.baseIndex, false, FULL_NAMES.get(p.baseName));
        }
        sb.append("],\"universe\":[{\"tokens\":[1,0],\"name\":\"PURR/USDC\",\"index\":0,\"isCanonical\":true}");
        for (SimSpotPair p : pairs) {
            sb.append(",{\"tokens\":[").append(p.baseIndex).append(",0],\"name\":");
            JsonText.string(sb, p.name).append(",\"index\":").append(p.index).append(",\"isCanonical\":false}");
        }
        return sb.append("]}");
    }

    /** The real spotMeta's full names of the sim's spot bases (Unit's bridged tokens say "Unit …"). */
    private static final Map<String, String> FULL_NAMES = Map.of("UBTC", "Unit Bitcoin", "UETH", "Unit Ethereum",
            "USOL", "Unit Solana", "UPUMP", "Unit Pump Fun", "HYPE", "Hyperliquid");

    /**
     * The {@code spotMetaAndAssetCtxs} body: {@code [spotMeta, ctxs]}, a context per pair naming its {@code coin},
     * marked at the pair's mid now (PURR, which the sim does not price, at a fixed 0.1).
     */
    static StringBuilder spotMetaAndAssetCtxs(StringBuilder sb, SimMarket market) {
        sb.append('[');
        spotMeta(sb, market).append(",[");
        spotCtx(sb, "PURR/USDC", 0.1);
        for (SimSpotPair p : market.spotPairList()) {
            sb.append(',');
            spotCtx(sb, p.name, market.spotMid(p));
        }
        return sb.append("]]");
    }

    private static void spotCtx(StringBuilder sb, String coin, double mark) {
        String px = spotPx(mark);
        sb.append("{\"prevDayPx\":\"").append(px).append("\",\"dayNtlVlm\":\"1000000.0\",\"markPx\":\"").append(px)
                .append("\",\"midPx\":\"").append(px).append("\",\"coin\":");
        JsonText.string(sb, coin).append('}');
    }

    private static void spotToken(StringBuilder sb, String name, int szDecimals, int weiDecimals, int index,
                                  boolean canonical, String fullName) {
        sb.append("{\"name\":");
        JsonText.string(sb, name).append(",\"szDecimals\":").append(szDecimals).append(",\"weiDecimals\":")
                .append(weiDecimals).append(",\"index\":").append(index).append(",\"tokenId\":\"0x")
                .append(String.format("%032x", 0x5117_0000L + index)).append("\",\"isCanonical\":").append(canonical)
                .append(",\"evmContract\":null,\"fullName\":");
        if (fullName == null) {
            sb.append("null");
        } else {
            JsonText.string(sb, fullName);
        }
        sb.append('}');
    }

    static String allMids(SimMarket market) {
        StringBuilder sb = new StringBuilder(8192).append("{\"channel\":\"allMids\",\"data\":{\"mids\":");
        return mids(sb, market).append("}}").toString();
    }

    // ---- info bodies -------------------------------------------------------------------------

    /** {@code {"coin":…,"time":…,"levels":[[bids],[asks]]}}. */
    static StringBuilder bookData(StringBuilder sb, SimBook b, long time) {
        sb.append("{\"coin\":");
        JsonText.string(sb, b.coin()).append(",\"time\":").append(time).append(",\"levels\":[[");
        for (int i = 0; i < b.bidCount(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            level(sb, b.bidPxMicros(i), b.bidSzUnits(i), b.bidOrders(i), b.szDecimals());
        }
        sb.append("],[");
        for (int i = 0; i < b.askCount(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            level(sb, b.askPxMicros(i), b.askSzUnits(i), b.askOrders(i), b.szDecimals());
        }
        return sb.append("]]}");
    }

    private static void level(StringBuilder sb, long px, long sz, int n, int szDecimals) {
        sb.append("{\"px\":\"");
        HlNumbers.appendPx(sb, px).append("\",\"sz\":\"");
        HlNumbers.append(sb, sz, szDecimals).append("\",\"n\":").append(n).append('}');
    }

    /** The ctx object: every value a string (or null), keys in wire order. */
    static StringBuilder ctx(StringBuilder sb, SimCtx c) {
        sb.append("{\"funding\":\"");
        HlNumbers.appendDecimal(sb, c.funding(), 10).append("\",\"openInterest\":\"");
        HlNumbers.appendDecimal(sb, c.openInterest(), c.szDecimals()).append("\",\"prevDayPx\":\"");
        HlNumbers.appendPx(sb, c.prevDayPxMicros()).append("\",\"dayNtlVlm\":\"");
        HlNumbers.appendDecimal(sb, c.dayNtlVlm(), 10).append("\",\"premium\":");
        if (Double.isNaN(c.premium())) {
            sb.append("null");
        } else {
            HlNumbers.appendDecimal(sb.append('"'), c.premium(), 10).append('"');
        }
        sb.append(",\"oraclePx\":\"");
        HlNumbers.appendPx(sb, c.oracleMicros()).append("\",\"markPx\":\"");
        HlNumbers.appendPx(sb, c.markMicros()).append("\",\"midPx\":");
        if (c.midSumMicros() < 0) {
            sb.append("null");
        } else {
            // Half of bid + ask can need one more decimal than a price ("84143.5").
            HlNumbers.append(sb.append('"'), c.midSumMicros() * 5, 7).append('"');
        }
        sb.append(",\"impactPxs\":");
        if (c.impactBidMicros() < 0 || c.impactAskMicros() < 0) {
            sb.append("null");
        } else {
            HlNumbers.appendPx(sb.append("[\""), c.impactBidMicros()).append("\",\"");
            HlNumbers.appendPx(sb, c.impactAskMicros()).append("\"]");
        }
        sb.append(",\"dayBaseVlm\":\"");
        return HlNumbers.appendDecimal(sb, c.dayBaseVlm(), c.szDecimals()).append("\"}");
    }

    /**
     * The flat mids map: every live perp, plus spot and outcome keys the engine does not track
     * ({@code @107}, {@code PURR/USDC}, {@code #1230}), sorted by key as the service sorts them.
     */
    static StringBuilder mids(StringBuilder sb, SimMarket market) {
        Map<String, String> mids = new TreeMap<>();
        for (SimAsset a : market.metaAssets()) {
            long sum = market.midSumMicros(a);
            if (sum > 0) {
                mids.put(a.hlCoin, HlNumbers.append(new StringBuilder(16), sum * 5, 7).toString());
            }
        }
        SimAsset hype = market.asset("HYPE");
        SimAsset btc = market.asset("BTC");
        double step = market.steps();
        mids.put("@107", spotPx(market.usdPrice(hype)));
        if (btc != null) {
            mids.put("@142", spotPx(market.usdPrice(btc)));
        }
        mids.put("PURR/USDC", spotPx(0.067131 * Math.exp(0.02 * Math.sin(step / 600))));
        mids.put("@1", spotPx(0.0012345 * Math.exp(0.03 * Math.cos(step / 900))));
        mids.put("#1230", spotPx(0.5 + 0.3 * Math.sin(step / 3000)));
        mids.put("#1231", spotPx(0.5 - 0.3 * Math.sin(step / 3000)));
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : mids.entrySet()) {
            JsonText.key(sb, e.getKey(), first);
            JsonText.string(sb, e.getValue());
            first = false;
        }
        return sb.append('}');
    }

    /** A spot price: 5 significant figures, at most 8 decimals. */
    private static String spotPx(double px) {
        double rounded = new BigDecimal(px).round(FIVE_SIG).doubleValue();
        return HlNumbers.appendDecimal(new StringBuilder(16), rounded, 8).toString();
    }

    /** {@code {"universe":[…],"marginTables":[…],"collateralToken":0}}. */
    static StringBuilder meta(StringBuilder sb, SimMarket market) {
        sb.append("{\"universe\":[");
        TreeMap<Integer, Integer> tables = new TreeMap<>();
        boolean first = true;
        for (SimAsset a : market.metaAssets()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("{\"szDecimals\":").append(a.szDecimals).append(",\"name\":");
            JsonText.string(sb, a.hlCoin).append(",\"maxLeverage\":").append(a.maxLeverage)
                    .append(",\"marginTableId\":").append(a.marginTableId);
            // isDelisted is present only when true, as on the wire.
            if (a.kind == SimAsset.Kind.DELISTED) {
                sb.append(",\"isDelisted\":true");
            }
            sb.append('}');
            tables.put(a.marginTableId, a.maxLeverage);
        }
        sb.append("],\"marginTables\":[");
        first = true;
        for (Map.Entry<Integer, Integer> t : tables.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            marginTable(sb, t.getKey(), t.getValue());
        }
        return sb.append("],\"collateralToken\":0}");
    }

    private static void marginTable(StringBuilder sb, int id, int maxLeverage) {
        sb.append('[').append(id).append(",{\"description\":");
        if (id > 50) {
            sb.append("\"tiered ").append(maxLeverage)
                    .append("x\",\"marginTiers\":[{\"lowerBound\":\"0.0\",\"maxLeverage\":")
                    .append(maxLeverage).append("},{\"lowerBound\":\"150000000.0\",\"maxLeverage\":")
                    .append(maxLeverage / 2).append("}]}]");
        } else {
            sb.append("\"\",\"marginTiers\":[{\"lowerBound\":\"0.0\",\"maxLeverage\":").append(maxLeverage)
                    .append("}]}]");
        }
    }

    /** {@code [meta, [ctx…]]}, the ctx array aligned with {@code meta.universe}. */
    /** {@code allDexsAssetCtxs}: the first dex ({@code ""}) with a context per meta asset, in meta order, unnamed. */
    static String allDexsAssetCtxs(SimMarket market) {
        StringBuilder sb = new StringBuilder(65_536)
                .append("{\"channel\":\"allDexsAssetCtxs\",\"data\":{\"ctxs\":[[\"\",[");
        boolean first = true;
        for (SimAsset a : market.metaAssets()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            ctx(sb, market.ctx(a));
        }
        return sb.append("]]]}}").toString();
    }

    static StringBuilder metaAndAssetCtxs(StringBuilder sb, SimMarket market) {
        meta(sb.append('['), market).append(",[");
        boolean first = true;
        for (SimAsset a : market.metaAssets()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            ctx(sb, market.ctx(a));
        }
        return sb.append("]]");
    }
}
