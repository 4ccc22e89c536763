package io.perpspot.alerts.rule;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.exec.ExecutionEstimate;
import io.perpspot.engine.exec.Template;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: opportunity}: a tradable opportunity (not refused by the detector's gates) with a net edge of at least
 * {@code min-net-bps}, |z| of at least {@code min-abs-z}, on one of {@code tokens} (empty: any token); with
 * {@code template: NAME}, only one that passes that template: the execution model's estimate of the entry at the
 * template's notional and holding horizon passes {@link Template#check} (its token, min spread after every cost,
 * adverse funding, direction), as in the backtester.
 */
public final class OpportunityRule extends Rule {
    private final double minNetBps;
    private final double minAbsZ;
    private final Set<String> tokens;
    private final Template template;

    /** The rule; {@code tokens} empty means every token. */
    public OpportunityRule(String name, Duration cooldown, double minNetBps, double minAbsZ, Set<String> tokens) {
        this(name, cooldown, minNetBps, minAbsZ, tokens, null, null);
    }

    /** The rule passing {@code template} (null: none) priced by {@code model} (null without a template). */
    OpportunityRule(String name, Duration cooldown, double minNetBps, double minAbsZ, Set<String> tokens,
            Template template, TradeModel model) {
        super(name, cooldown, model);
        this.minNetBps = minNetBps;
        this.minAbsZ = minAbsZ;
        this.tokens = Set.copyOf(tokens);
        this.template = template;
    }

    @Override
    public Alert onOutput(OutputRecord r, String symbol, String link) {
        if (!tradable(r, symbol, tokens) || !(r.netBps >= minNetBps) || !(Math.abs(r.z) >= minAbsZ)) {
            return null;
        }
        ExecutionEstimate est = null;
        if (template != null) {
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
        n.put("spot_px", FixedPoint.toDouble(r.spotPx, FixedPoint.PRICE_DECIMALS));
        n.put("perp_px", FixedPoint.toDouble(r.perpPx, FixedPoint.PRICE_DECIMALS));
        if (est != null) {
            n.put("template", template.name());
            n.put("size_usd", round(template.notionalUsd(), 2));
            n.put("executable_net_bps", round(est.netEdgeBps(), 2));
        }
        String what = "opportunity " + OutputRecord.directionName(r.direction) + " on " + symbol;
        return new Alert(name(), "opportunity", what, symbol, null, n, r.timeNanos, link);
    }
}
