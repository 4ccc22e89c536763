package io.perpspot.engine.feed.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One Hyperliquid WebSocket subscription object, parsed from a client frame. {@link #json()} is the
 * canonical form the server echoes in acks and errors: keys in wire order, l2Book defaults filled
 * ({@code nSigFigs}, {@code mantissa}, {@code fast}).
 *
 * <p>Two failure modes, as on the real service: a frame that does not decode into a request
 * ({@link Malformed}) earns an error message; a request that decodes but names something the
 * server will not serve ({@link #servable}) gets the socket closed without a word.
 */
final class HlSubscription {
    /** Market-data subscription types the sim understands. */
    enum Type {
        ALL_MIDS("allMids"), L2_BOOK("l2Book"), BBO("bbo"), TRADES("trades"),
        ACTIVE_ASSET_CTX("activeAssetCtx"), CANDLE("candle"), ALL_DEXS_ASSET_CTXS("allDexsAssetCtxs");

        final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        static Type of(String wire) {
            for (Type t : values()) {
                if (t.wire.equals(wire)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** The frame does not decode into a valid request. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    private static final Set<String> INTERVALS = Set.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h",
            "12h", "1d", "3d", "1w", "1M");

    final Type type;
    final String coin;
    final Integer nSigFigs;
    final Integer mantissa;
    final boolean fast;
    final String interval;
    final String dex;
    private final String json;

    private HlSubscription(Type type, String coin, Integer nSigFigs, Integer mantissa, boolean fast, String interval,
                           String dex) {
        this.type = type;
        this.coin = coin;
        this.nSigFigs = nSigFigs;
        this.mantissa = mantissa;
        this.fast = fast;
        this.interval = interval;
        this.dex = dex;
        this.json = canonical();
    }

    /** Decodes a {@code subscription} object. */
    static HlSubscription parse(JsonNode sub) throws Malformed {
        if (sub == null || !sub.isObject()) {
            throw new Malformed();
        }
        JsonNode typeNode = sub.get("type");
        Type type = typeNode != null && typeNode.isTextual() ? Type.of(typeNode.asText()) : null;
        if (type == null) {
            throw new Malformed();
        }
        if (type == Type.ALL_DEXS_ASSET_CTXS) {
            return new HlSubscription(type, null, null, null, false, null, null);
        }
        if (type == Type.ALL_MIDS) {
            JsonNode dex = sub.get("dex");
            if (dex != null && !dex.isNull() && !dex.isTextual()) {
                throw new Malformed();
            }
            return new HlSubscription(type, null, null, null, false, null,
                    dex == null || dex.isNull() ? null : dex.asText());
        }
        JsonNode coinNode = sub.get("coin");
        if (coinNode == null || !coinNode.isTextual()) {
            throw new Malformed();
        }
        String coin = coinNode.asText();
        switch (type) {
            case L2_BOOK -> {
                Integer n = smallInt(sub.get("nSigFigs"));
                Integer m = smallInt(sub.get("mantissa"));
                JsonNode fast = sub.get("fast");
                if (fast != null && !fast.isNull() && !fast.isBoolean()) {
                    throw new Malformed();
                }
                return new HlSubscription(type, coin, n, m, fast != null && fast.asBoolean(), null, null);
            }
            case CANDLE -> {
                JsonNode interval = sub.get("interval");
                if (interval == null || !interval.isTextual() || !INTERVALS.contains(interval.asText())) {
                    throw new Malformed();
                }
                return new HlSubscription(type, coin, null, null, false, interval.asText(), null);
            }
            default -> {
                return new HlSubscription(type, coin, null, null, false, null, null);
            }
        }
    }

    /** An optional unsigned 8-bit integer field (null when absent or null). */
    private static Integer smallInt(JsonNode n) throws Malformed {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > 255) {
            throw new Malformed();
        }
        return n.asInt();
    }

    /**
     * Whether the server serves it: an exact (case-sensitive) coin of the perp universe or spot pair, nSigFigs
     * in 2..5, mantissa (1, 2 or 5) only with nSigFigs 5, no other dex than the first.
     */
    boolean servable(SimMarket market) {
        if (type == Type.ALL_DEXS_ASSET_CTXS) {
            return true;
        }
        if (type == Type.ALL_MIDS) {
            return dex == null || dex.isEmpty();
        }
        if (market.spotPair(coin) != null) {
            // A spot pair: books only (its context is activeSpotAssetCtx, which the sim does not feed).
            return (type == Type.L2_BOOK || type == Type.BBO) && nSigFigs == null && mantissa == null;
        }
        if (market.asset(coin) == null) {
            return false;
        }
        if (nSigFigs != null && (nSigFigs < 2 || nSigFigs > 5)) {
            return false;
        }
        return mantissa == null || (nSigFigs != null && nSigFigs == 5
                && (mantissa == 1 || mantissa == 2 || mantissa == 5));
    }

    /** The canonical JSON object text. */
    String json() {
        return json;
    }

    private String canonical() {
        StringBuilder sb = new StringBuilder(96).append('{');
        JsonText.key(sb, "type", true);
        JsonText.string(sb, type.wire);
        if (type == Type.ALL_DEXS_ASSET_CTXS) {
            return sb.append('}').toString();
        }
        if (type == Type.ALL_MIDS) {
            if (dex != null) {
                JsonText.key(sb, "dex", false);
                JsonText.string(sb, dex);
            }
            return sb.append('}').toString();
        }
        JsonText.key(sb, "coin", false);
        JsonText.string(sb, coin);
        if (type == Type.L2_BOOK) {
            JsonText.key(sb, "nSigFigs", false).append(nSigFigs == null ? "null" : nSigFigs.toString());
            JsonText.key(sb, "mantissa", false).append(mantissa == null ? "null" : mantissa.toString());
            JsonText.key(sb, "fast", false).append(fast);
        } else if (type == Type.CANDLE) {
            JsonText.key(sb, "interval", false);
            JsonText.string(sb, interval);
        }
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HlSubscription s && s.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }
}
