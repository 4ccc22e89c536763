package io.perpspot.alerts.rule;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: opportunity}: a tradable opportunity (not refused by the detector's gates) with a net edge of at least
 * {@code min-net-bps}, |z| of at least {@code min-abs-z}, on one of {@code tokens} (empty: any token).
 */
public final class OpportunityRule extends Rule {
    private final double minNetBps;
    private final double minAbsZ;
    private final Set<String> tokens;

    /** The rule; {@code tokens} empty means every token. */
    public OpportunityRule(String name, Duration cooldown, double minNetBps, double minAbsZ, Set<String> tokens) {
        super(name, cooldown);
        this.minNetBps = minNetBps;
        this.minAbsZ = minAbsZ;
        this.tokens = Set.copyOf(tokens);
    }

    @Override
    public Alert onOutput(OutputRecord r, String symbol, String link) {
        if (r.type != OutputType.OPPORTUNITY || r.rejectReason != 0 || symbol == null) {
            return null;
        }
        if (!(r.netBps >= minNetBps) || !(Math.abs(r.z) >= minAbsZ)) {
            return null;
        }
        if (!tokens.isEmpty() && !tokens.contains(symbol)) {
            return null;
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("net_bps", round(r.netBps, 2));
        n.put("gross_bps", round(r.grossBps, 2));
        n.put("fees_bps", round(r.feesBps, 2));
        n.put("z", round(r.z, 2));
        n.put("basis_bps", round(r.basisBps, 2));
        n.put("spot_px", FixedPoint.toDouble(r.spotPx, FixedPoint.PRICE_DECIMALS));
        n.put("perp_px", FixedPoint.toDouble(r.perpPx, FixedPoint.PRICE_DECIMALS));
        String what = "opportunity " + OutputRecord.directionName(r.direction) + " on " + symbol;
        return new Alert(name(), "opportunity", what, symbol, null, n, r.timeNanos, link);
    }
}
