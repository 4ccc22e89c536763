package io.perpspot.alerts.rule;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.ExecutionEstimate;
import io.perpspot.engine.exec.Template;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: opportunity}: a tradable opportunity (not refused by the detector's gates) with a net edge of at least
 * {@code min-net-bps} (after every cost of its pair, as the detector wrote it), |z| of at least {@code min-abs-z}, on
 * one of {@code tokens} (empty: any token) and one of {@code pairs} (venue pairs; empty: every pair); with
 * {@code template: NAME}, only one that passes that template: the execution model's estimate of the entry at the
 * template's notional and holding horizon passes {@link Template#check} (its token, min spread after every cost,
 * adverse funding, direction), as in the backtester. A template passes only opportunities of the venue pair it names
 * ({@code pair:}, default {@code perp-jupiter}), priced on that pair's legs. The alert names the pair, its direction
 * by the pair's legs and the legs' prices ({@code perp_px}, {@code hlspot_px}, ...); the same token fires once per
 * pair within the cooldown.
 */
public final class OpportunityRule extends Rule {
    private final double minNetBps;
    private final double minAbsZ;
    private final Set<String> tokens;
    private final Set<Integer> pairs;
    private final Template template;

    /** The rule on every venue pair; {@code tokens} empty means every token. */
    public OpportunityRule(String name, Duration cooldown, double minNetBps, double minAbsZ, Set<String> tokens) {
        this(name, cooldown, minNetBps, minAbsZ, tokens, Set.of(), null, null);
    }

    /**
     * The rule on {@code pairs} ({@link VenuePair} codes; empty: every pair) passing {@code template} (null: none)
     * priced by {@code model} (null without a template).
     */
    OpportunityRule(String name, Duration cooldown, double minNetBps, double minAbsZ, Set<String> tokens,
            Set<Integer> pairs, Template template, TradeModel model) {
        super(name, cooldown, model);
        this.minNetBps = minNetBps;
        this.minAbsZ = minAbsZ;
        this.tokens = Set.copyOf(tokens);
        this.pairs = Set.copyOf(pairs);
        this.template = template;
    }

    @Override
    public Alert onOutput(OutputRecord r, String symbol, String link) {
        if (!tradable(r, symbol, tokens) || !onPair(r, pairs) || !(r.netBps >= minNetBps)
                || !(Math.abs(r.z) >= minAbsZ)) {
            return null;
        }
        ExecutionEstimate est = null;
        if (template != null) {
            if (r.pair != template.pairCode()) {
                // A template trades its own venue pair (Template.pair): another pair's signal is not its trade.
                return null;
            }
            TradeModel model = model();
            est = model.estimate(r, template.notionalUsd(), template.holdingHours(model.holdingHours()));
            if (est == null || !template.check(est).pass()) {
                return null;
            }
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("net_bps", round(r.netBps, 2));
        n.put("gross_bps", round(r.grossBps, 2));
        n.put("fees_bps", round(r.feesBps, 2));
        n.put("z", round(r.z, 2));
        n.put("basis_bps", round(r.basisBps, 2));
        // The legs by name: on hlspot-jupiter perpPx holds Hyperliquid spot's price, which is no perp's.
        n.put(legB(r.pair) + "_px", FixedPoint.toDouble(r.spotPx, FixedPoint.PRICE_DECIMALS));
        n.put(legA(r.pair) + "_px", FixedPoint.toDouble(r.perpPx, FixedPoint.PRICE_DECIMALS));
        if (est != null) {
            n.put("template", template.name());
            n.put("size_usd", round(template.notionalUsd(), 2));
            n.put("executable_net_bps", round(est.netEdgeBps(), 2));
        }
        n.put(PAIR, VenuePair.name(r.pair));
        String what = "opportunity " + VenuePair.directionName(r.direction, r.pair) + " on " + symbol + " ("
                + VenuePair.name(r.pair) + ")";
        return new Alert(name(), "opportunity", what, symbol, null, n, r.timeNanos, link);
    }

    /** The figure naming the venue pair. */
    static final String PAIR = "pair";

    /**
     * The token, and the pair after it when it is not perp-jupiter: each pair's signal has its own cooldown, and a
     * perp-jupiter key is the token alone, as before there were pairs (so saved cooldowns keep).
     */
    @Override
    String key(Alert a) {
        Object pair = a.numbers().get(PAIR);
        return pair == null || VenuePair.byName(pair.toString()) == VenuePair.PERP_JUPITER ? a.token()
                : a.token() + " " + pair;
    }
}
