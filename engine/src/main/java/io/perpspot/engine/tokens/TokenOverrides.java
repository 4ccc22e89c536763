package io.perpspot.engine.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.perpspot.engine.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user's word on the pair set ({@code config/tokens.yaml}), applied after discovery:
 * {@code remove} drops Hyperliquid coins, {@code pairs} remaps a discovered coin to another mint
 * (symbol, decimals, multiplier) or adds a pair discovery did not find. A file that is not
 * exactly this shape stops the engine with one line naming the file and the entry.
 *
 * <pre>
 * remove: [DOGE]                 # Hyperliquid coins never to track
 * pairs:                         # add or remap, by exact Hyperliquid coin name
 *   - coin: kBONK
 *     symbol: BONK
 *     mint: DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263
 *     decimals: 5
 *     multiplier: 1000           # Solana tokens per contract: 1 (default) or 1000
 * spot:                          # Hyperliquid spot pairs matched by hand (SpotMatcher's rule aside)
 *   - pair: "@142"               # the pair's WebSocket coin
 *     coin: BTC                  # the tracked Hyperliquid perp it prices
 * </pre>
 *
 * @param spot Hyperliquid spot pair name to the tracked perp coin it is matched to
 */
public record TokenOverrides(Set<String> remove, Map<String, Token> pairs, Map<String, String> spot) {
    public static final TokenOverrides NONE = new TokenOverrides(Set.of(), Map.of(), Map.of());
    private static final Set<String> TOP = Set.of("remove", "pairs", "spot");
    private static final Set<String> SPOT_KEYS = Set.of("pair", "coin");
    private static final Set<String> PAIR_KEYS = Set.of("coin", "symbol", "mint", "decimals", "multiplier");

    /** Parses an override file; {@code name} is used in error messages. */
    public static TokenOverrides read(InputStream in, String name) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw new ConfigException("tokens: " + name + ": not valid YAML: " + msg);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return NONE;
        }
        if (!root.isObject()) {
            throw new ConfigException("tokens: " + name + ": expected keys 'remove' and/or 'pairs'");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                throw new ConfigException("tokens: " + name + ": unknown key '" + k
                        + "' (expected remove, pairs, spot)");
            }
        }
        Set<String> remove = new LinkedHashSet<>();
        JsonNode r = root.path("remove");
        if (!r.isMissingNode() && !r.isNull()) {
            if (!r.isArray()) {
                throw new ConfigException("tokens: " + name + ": remove: expected a list of Hyperliquid coins");
            }
            for (JsonNode c : r) {
                if (!c.isTextual() || c.asText().isBlank()) {
                    throw new ConfigException("tokens: " + name + ": remove: '" + c + "' is not a coin name");
                }
                remove.add(c.asText().trim());
            }
        }
        Map<String, Token> pairs = new LinkedHashMap<>();
        JsonNode p = root.path("pairs");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isArray()) {
                throw new ConfigException("tokens: " + name + ": pairs: expected a list of pairs");
            }
            int i = 0;
            for (JsonNode n : p) {
                String where = "tokens: " + name + ": pairs[" + i++ + "]";
                if (!n.isObject()) {
                    throw new ConfigException(where + ": expected coin, symbol, mint, decimals[, multiplier]");
                }
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!PAIR_KEYS.contains(k)) {
                        throw new ConfigException(where + ": unknown key '" + k + "'");
                    }
                }
                String coin = text(n, "coin", where);
                int decimals = integer(n, "decimals", where);
                int mult = n.has("multiplier") ? integer(n, "multiplier", where) : 1;
                if (mult != 1 && mult != 1000) {
                    throw new ConfigException(where + ": multiplier must be 1 or 1000, got " + mult);
                }
                Token t;
                try {
                    t = new Token(0, text(n, "symbol", where), coin, mult == 1000 ? 3 : 0, text(n, "mint", where),
                            decimals);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(where + ": " + e.getMessage());
                }
                if (pairs.put(coin, t) != null) {
                    throw new ConfigException(where + ": coin " + coin + " listed twice");
                }
                if (remove.contains(coin)) {
                    throw new ConfigException(where + ": coin " + coin + " is both removed and paired");
                }
            }
        }
        return new TokenOverrides(Set.copyOf(remove), Map.copyOf(pairs), spot(root.path("spot"), name));
    }

    private static Map<String, String> spot(JsonNode s, String name) {
        Map<String, String> spot = new LinkedHashMap<>();
        if (s.isMissingNode() || s.isNull()) {
            return spot;
        }
        if (!s.isArray()) {
            throw new ConfigException("tokens: " + name + ": spot: expected a list of {pair, coin}");
        }
        int i = 0;
        for (JsonNode n : s) {
            String where = "tokens: " + name + ": spot[" + i++ + "]";
            if (!n.isObject()) {
                throw new ConfigException(where + ": expected pair and coin");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!SPOT_KEYS.contains(k)) {
                    throw new ConfigException(where + ": unknown key '" + k + "'");
                }
            }
            String pair = text(n, "pair", where);
            if (spot.put(pair, text(n, "coin", where)) != null) {
                throw new ConfigException(where + ": pair " + pair + " listed twice");
            }
        }
        return Collections.unmodifiableMap(spot);
    }

    private static String text(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ConfigException(where + ": " + key + " is required (text)");
        }
        return v.asText().trim();
    }

    private static int integer(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new ConfigException(where + ": " + key + " is required (an integer)");
        }
        return v.asInt();
    }

    /**
     * Applies the overrides to a discovered pair list: removed coins go, remapped coins take the
     * file's mint, new coins are appended (only if {@code listedCoins} is null — meta unknown — or
     * lists them). Mints stay unique: a later duplicate is dropped.
     */
    public List<Token> apply(List<Token> discovered, Set<String> listedCoins) {
        List<Token> out = new ArrayList<>();
        Set<String> coins = new LinkedHashSet<>();
        Set<String> mints = new LinkedHashSet<>();
        for (Token t : discovered) {
            if (remove.contains(t.hlCoin())) {
                continue;
            }
            Token o = pairs.get(t.hlCoin());
            Token use = o != null ? o : t;
            if (mints.add(use.mint())) {
                coins.add(use.hlCoin());
                out.add(use.withId(out.size()));
            }
        }
        for (Token o : pairs.values()) {
            if (!coins.contains(o.hlCoin()) && (listedCoins == null || listedCoins.contains(o.hlCoin()))
                    && mints.add(o.mint())) {
                coins.add(o.hlCoin());
                out.add(o.withId(out.size()));
            }
        }
        return out;
    }
}
