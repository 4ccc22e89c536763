package io.perpspot.engine.tokens;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches Hyperliquid spot pairs to tracked tokens (docs/hyperliquid-spot.md). In order, each pair at most once and
 * one pair a token:
 * <ol>
 * <li>a pair of {@code config/tokens.yaml}'s {@code spot} list goes to the coin it names;</li>
 * <li>a Unit token ({@code fullName} "Unit …", the bridged asset itself) quoted in USDC goes to the token named
 *     behind its {@code U} ({@code UBTC} ↔ {@code BTC}, {@code UBONK} ↔ {@code kBONK}) or by the rest of its full
 *     name ("Unit Fartcoin" ↔ {@code FARTCOIN});</li>
 * <li>a base named exactly like a tracked perp coin or token symbol ({@code HYPE});</li>
 * <li>a base named like one behind a leading {@code U} without Unit's full name.</li>
 * </ol>
 * Unit first because the real spot universe holds HIP-1 namesakes: {@code PUMP} ({@code @20}) is not pump.fun's
 * PUMP, which trades as Unit's {@code UPUMP} ({@code @188}). When prices are known (the pair's mark from
 * {@code spotMetaAndAssetCtxs}, the perp's from {@code metaAndAssetCtxs}), a rule's candidate must price within
 * {@link #PRICE_TOLERANCE} of its perp (per token: a k-perp's price is a thousand tokens'), else it is another token
 * of the same name and is skipped with both prices; without prices the names decide. Pure: the result says what was
 * matched and why, and what was skipped; the caller logs it.
 */
public final class SpotMatcher {
    /** The quote every matched pair must have: perps settle in USDC, so the bases compare like for like. */
    public static final String QUOTE = "USDC";
    /** How far a matched pair's price may be from its perp's, as a fraction (namesakes are off by far more). */
    public static final double PRICE_TOLERANCE = 0.25;
    private static final String UNIT = "Unit ";

    /**
     * What discovery matched.
     *
     * @param pairByCoin tracked perp coin to its spot pair's name, in spotMeta order
     * @param why        per matched pair, how it was matched ({@code rule: exact name}, {@code override})
     * @param skipped    pairs named by an override that could not be used, and rule candidates priced unlike their
     *                   perp, with the reason
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

    /** Matches by names alone ({@link #match(SpotMeta, List, Map, Map)} without perp prices). */
    public static Match match(SpotMeta meta, List<Token> tokens, Map<String, String> overrides) {
        return match(meta, tokens, overrides, Map.of());
    }

    /**
     * Matches {@code meta}'s pairs to {@code tokens} with the {@code overrides} (pair name to perp coin), checking a
     * rule's candidates against {@code perpMarks} (perp coin to its mark price, per contract) where {@code meta}
     * has the pair's mark. An override is never price-checked: it is the user's word.
     */
    public static Match match(SpotMeta meta, List<Token> tokens, Map<String, String> overrides,
                              Map<String, Double> perpMarks) {
        Map<String, Token> byName = new HashMap<>();
        for (Token t : tokens) {
            if (!t.delisted()) {
                byName.putIfAbsent(t.hlCoin().toUpperCase(Locale.ROOT), t);
                byName.putIfAbsent(t.symbol().toUpperCase(Locale.ROOT), t);
            }
        }
        Map<String, String> pairByCoin = new LinkedHashMap<>();
        Map<String, String> why = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            SpotMeta.Pair p = meta.pair(o.getKey());
            String coin = o.getValue();
            Token t = byName.get(coin.toUpperCase(Locale.ROOT));
            if (p == null) {
                skipped.add("spot override " + o.getKey() + " -> " + coin + " skipped: spotMeta has no such pair");
            } else if (t == null || !t.hlCoin().equals(coin)) {
                skipped.add("spot override " + o.getKey() + " -> " + coin + " skipped: " + coin
                        + " is not a tracked perp");
            } else if (pairByCoin.putIfAbsent(coin, p.name()) != null) {
                skipped.add("spot override " + o.getKey() + " -> " + coin + " skipped: " + coin + " already has "
                        + pairByCoin.get(coin));
            } else {
                why.put(p.name(), "override in tokens.yaml");
            }
        }
        for (int rule = 0; rule < 3; rule++) {
            for (SpotMeta.Pair p : meta.pairs()) {
                if (why.containsKey(p.name()) || overrides.containsKey(p.name())
                        || !QUOTE.equals(meta.quote(p).name())) {
                    continue;
                }
                SpotMeta.Asset base = meta.base(p);
                Token t = candidate(rule, base, byName);
                if (t == null || pairByCoin.containsKey(t.hlCoin())) {
                    continue;
                }
                String priced = priceCheck(meta.marks().get(p.name()), perpMarks.get(t.hlCoin()), t);
                if (priced != null) {
                    skipped.add("spot pair " + p.name() + " (" + base.name() + ") not matched to " + t.hlCoin()
                            + ": " + priced + ": another token of the same name");
                    continue;
                }
                pairByCoin.put(t.hlCoin(), p.name());
                why.put(p.name(), switch (rule) {
                    case 0 -> "rule: Unit token " + base.name() + " (" + base.fullName() + ") is " + t.hlCoin();
                    case 1 -> "rule: base " + base.name() + " is named like the perp";
                    default -> "rule: base " + base.name() + " is " + t.hlCoin() + " behind a U";
                });
            }
        }
        int unmatched = meta.pairs().size() - why.size();
        return new Match(Collections.unmodifiableMap(pairByCoin), Map.copyOf(why), List.copyOf(skipped), unmatched);
    }

    /** The token a rule gives a pair's base, or null. */
    private static Token candidate(int rule, SpotMeta.Asset base, Map<String, Token> byName) {
        String name = base.name().toUpperCase(Locale.ROOT);
        boolean unit = base.fullName() != null && base.fullName().startsWith(UNIT);
        String behindU = name.length() > 1 && name.charAt(0) == 'U' ? name.substring(1) : null;
        return switch (rule) {
            case 0 -> {
                if (!unit) {
                    yield null;
                }
                Token t = behindU == null ? null : byName.get(behindU);
                yield t != null ? t : byName.get(base.fullName().substring(UNIT.length()).replace(" ", "")
                        .toUpperCase(Locale.ROOT));
            }
            case 1 -> byName.get(name);
            default -> unit || behindU == null ? null : byName.get(behindU);
        };
    }

    /** Null when the prices agree or one is unknown, else the two prices in words. */
    private static String priceCheck(Double spotMark, Double perpMark, Token t) {
        if (spotMark == null || perpMark == null || !(perpMark > 0)) {
            return null;
        }
        double perTokenPerp = perpMark / Math.pow(10, t.multExp());
        double off = Math.abs(spotMark / perTokenPerp - 1);
        if (off <= PRICE_TOLERANCE) {
            return null;
        }
        return String.format(Locale.ROOT, "priced %s, the perp %s a token (%.0f %% off)", plain(spotMark),
                plain(perTokenPerp), off * 100);
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }
}
