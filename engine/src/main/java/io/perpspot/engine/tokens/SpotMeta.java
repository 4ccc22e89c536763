package io.perpspot.engine.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hyperliquid's spot universe, from {@code {"type":"spotMeta"}} (or the first element of
 * {@code spotMetaAndAssetCtxs}): the tokens and the pairs that trade them (docs/hyperliquid-spot.md).
 * A body that contradicts itself is refused whole with the reason ({@link Refused}): a pair naming a
 * token index the body does not list, two tokens or two pairs with one index, a pair name listed twice.
 *
 * @param tokens tokens by their index, in the body's order
 * @param pairs  pairs in the body's order; {@link Pair#name()} is the WebSocket / info {@code coin}
 * @param marks  a {@code spotMetaAndAssetCtxs} body's mark price by pair name (its contexts name their
 *               {@code coin}); empty for a plain {@code spotMeta}. Evidence for matching only: a context that is
 *               not a usable price is left out, never a reason to refuse the universe
 */
public record SpotMeta(Map<Integer, Asset> tokens, List<Pair> pairs, Map<String, Double> marks) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A spot token ({@code tokens[]}); {@code evmContract} and {@code fullName} may be null. */
    public record Asset(String name, int szDecimals, int weiDecimals, int index, String tokenId, boolean isCanonical,
                        String evmContract, String fullName) {
    }

    /** A spot pair ({@code universe[]}): {@code @N} or {@code PURR/USDC}, base and quote token indexes. */
    public record Pair(String name, int base, int quote, int index, boolean isCanonical) {
    }

    /** A spotMeta body that is not one consistent universe; the message is the reason. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    public SpotMeta {
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
        pairs = List.copyOf(pairs);
        marks = Map.copyOf(marks);
    }

    /** A universe without prices (a plain {@code spotMeta}). */
    public SpotMeta(Map<Integer, Asset> tokens, List<Pair> pairs) {
        this(tokens, pairs, Map.of());
    }

    /** The base token of a pair. */
    public Asset base(Pair p) {
        return tokens.get(p.base());
    }

    /** The quote token of a pair. */
    public Asset quote(Pair p) {
        return tokens.get(p.quote());
    }

    /** The pair of this name ({@code @107}), or null. */
    public Pair pair(String name) {
        for (Pair p : pairs) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Parses a {@code spotMeta} body, or a {@code spotMetaAndAssetCtxs} one ({@code [spotMeta, ctxs]}).
     *
     * @throws Refused naming what is missing, mistyped or contradictory
     */
    public static SpotMeta parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new Refused("spotMeta is not JSON");
        }
        JsonNode ctxs = null;
        if (root != null && root.isArray() && root.size() == 2) {
            ctxs = root.get(1);
            root = root.get(0);
        }
        if (root == null || !root.isObject()) {
            throw new Refused("spotMeta is not an object");
        }
        JsonNode tokenList = root.path("tokens");
        JsonNode universe = root.path("universe");
        if (!tokenList.isArray() || !universe.isArray()) {
            throw new Refused("spotMeta lacks the " + (tokenList.isArray() ? "universe" : "tokens") + " array");
        }
        Map<Integer, Asset> tokens = new LinkedHashMap<>();
        for (JsonNode n : tokenList) {
            Asset a = new Asset(text(n, "name", "token"), integer(n, "szDecimals", "token"),
                    integer(n, "weiDecimals", "token"), integer(n, "index", "token"), optional(n, "tokenId"),
                    n.path("isCanonical").asBoolean(false), optional(n, "evmContract"), optional(n, "fullName"));
            if (tokens.put(a.index(), a) != null) {
                throw new Refused("spotMeta lists token index " + a.index() + " twice");
            }
        }
        List<Pair> pairs = new ArrayList<>();
        Set<Integer> indexes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (JsonNode n : universe) {
            String name = text(n, "name", "pair");
            JsonNode legs = n.path("tokens");
            if (!legs.isArray() || legs.size() != 2 || !legs.get(0).canConvertToInt() || !legs.get(1).canConvertToInt()
                    || !legs.get(0).isIntegralNumber() || !legs.get(1).isIntegralNumber()) {
                throw new Refused("spotMeta pair " + name + ": tokens is not [base, quote]");
            }
            Pair p = new Pair(name, legs.get(0).asInt(), legs.get(1).asInt(), integer(n, "index", "pair " + name),
                    n.path("isCanonical").asBoolean(false));
            for (int leg : new int[] {p.base(), p.quote()}) {
                if (!tokens.containsKey(leg)) {
                    throw new Refused("spotMeta pair " + name + " names token index " + leg + ", which it does not"
                            + " list");
                }
            }
            if (!indexes.add(p.index())) {
                throw new Refused("spotMeta lists pair index " + p.index() + " twice");
            }
            if (!names.add(name)) {
                throw new Refused("spotMeta lists pair " + name + " twice");
            }
            pairs.add(p);
        }
        return new SpotMeta(tokens, pairs, marks(ctxs, names));
    }

    /** Mark prices by pair name from the contexts of {@code spotMetaAndAssetCtxs}, for the pairs the meta lists. */
    private static Map<String, Double> marks(JsonNode ctxs, Set<String> names) {
        Map<String, Double> out = new HashMap<>();
        if (ctxs == null || !ctxs.isArray()) {
            return out;
        }
        for (JsonNode c : ctxs) {
            JsonNode coin = c.path("coin");
            if (!coin.isTextual() || !names.contains(coin.asText())) {
                continue;
            }
            try {
                double mark = Double.parseDouble(c.path("markPx").asText(""));
                if (mark > 0 && Double.isFinite(mark)) {
                    out.put(coin.asText(), mark);
                }
            } catch (NumberFormatException e) {
                // Not a price: no evidence for this pair (matching then goes by name alone).
            }
        }
        return out;
    }

    private static String text(JsonNode n, String key, String what) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new Refused("spotMeta " + what + " without a " + key + ": " + clip(n));
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String key, String what) {
        JsonNode v = n.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new Refused("spotMeta " + what + " without an integer " + key + ": " + clip(n));
        }
        return v.asInt();
    }

    private static String optional(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String clip(JsonNode n) {
        String s = n.toString();
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
