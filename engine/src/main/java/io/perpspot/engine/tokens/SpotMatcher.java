package io.perpspot.engine.tokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches Hyperliquid spot pairs to tracked tokens (docs/hyperliquid-spot.md): a pair of
 * {@code config/tokens.yaml}'s {@code spot} list goes to the coin it names; otherwise a pair quoted
 * in USDC whose base token is named like a tracked perp coin or token symbol ({@code HYPE}), or is
 * that name behind Unit's leading {@code U} ({@code UBTC} ↔ {@code BTC}, {@code UETH}, {@code USOL}).
 * One pair a token: the override first, then the exact name, then the stripped one, each in spotMeta's
 * order. Pure: the result says what was matched and why, and what was skipped; the caller logs it.
 */
public final class SpotMatcher {
    /** The quote every matched pair must have: perps settle in USDC, so the bases compare like for like. */
    public static final String QUOTE = "USDC";

    /**
     * What discovery matched.
     *
     * @param pairByCoin tracked perp coin to its spot pair's name, in spotMeta order
     * @param why        per matched pair, how it was matched ({@code rule: exact name}, {@code override})
     * @param skipped    pairs named by an override that could not be used, with the reason
     * @param unmatched  how many pairs of the universe matched no tracked token (they are not tracked)
     */
    public record Match(Map<String, String> pairByCoin, Map<String, String> why, List<String> skipped,
                        int unmatched) {
        public static final Match NONE = new Match(Map.of(), Map.of(), List.of(), 0);

        /** The lines discovery logs: one per matched pair, one per skipped override, one for the rest. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> e : pairByCoin.entrySet()) {
                out.add("spot pair " + e.getValue() + " -> " + e.getKey() + " (" + why.get(e.getValue()) + ")");
            }
            out.addAll(skipped);
            out.add(unmatched + " spot pairs match no tracked perp or mint and are not tracked"
                    + " (add one under spot: in tokens.yaml to track it)");
            return out;
        }
    }

    private SpotMatcher() {
    }

    /** Matches {@code meta}'s pairs to {@code tokens} with the {@code overrides} (pair name to perp coin). */
    public static Match match(SpotMeta meta, List<Token> tokens, Map<String, String> overrides) {
        Map<String, String> coinByName = new HashMap<>();
        for (Token t : tokens) {
            if (!t.delisted()) {
                coinByName.putIfAbsent(t.hlCoin(), t.hlCoin());
                coinByName.putIfAbsent(t.symbol(), t.hlCoin());
            }
        }
        Map<String, String> pairByCoin = new LinkedHashMap<>();
        Map<String, String> why = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            SpotMeta.Pair p = meta.pair(o.getKey());
            String coin = o.getValue();
            if (p == null) {
                skipped.add("spot override " + o.getKey() + " -> " + coin + " skipped: spotMeta has no such pair");
            } else if (!coinByName.containsKey(coin) || !coinByName.get(coin).equals(coin)) {
                skipped.add("spot override " + o.getKey() + " -> " + coin + " skipped: " + coin
                        + " is not a tracked perp");
            } else if (pairByCoin.putIfAbsent(coin, p.name()) != null) {
                skipped.add("spot override " + o.getKey() + " -> " + coin + " skipped: " + coin + " already has "
                        + pairByCoin.get(coin));
            } else {
                why.put(p.name(), "override in tokens.yaml");
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (SpotMeta.Pair p : meta.pairs()) {
                if (why.containsKey(p.name()) || overrides.containsKey(p.name())
                        || !QUOTE.equals(meta.quote(p).name())) {
                    continue;
                }
                String base = meta.base(p).name();
                String name = pass == 0 ? base : base.length() > 1 && base.charAt(0) == 'U' ? base.substring(1) : null;
                String coin = name == null ? null : coinByName.get(name);
                if (coin != null && !pairByCoin.containsKey(coin)) {
                    pairByCoin.put(coin, p.name());
                    why.put(p.name(), pass == 0 ? "rule: base " + base + " is named like the perp"
                            : "rule: Unit token " + base + " is " + name);
                }
            }
        }
        int unmatched = meta.pairs().size() - why.size();
        return new Match(Collections.unmodifiableMap(pairByCoin), Map.copyOf(why), List.copyOf(skipped), unmatched);
    }
}
