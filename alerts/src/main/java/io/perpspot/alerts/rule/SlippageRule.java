package io.perpspot.alerts.rule;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.MarketSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: slippage} (the seed app's tolerance alert): a tradable opportunity whose executable entry at
 * {@code size-usd} slips more than {@code tolerance-bps} on its worse leg, priced by the engine's execution model on
 * the journaled L2 book (Hyperliquid: the book walk) and quote ladder (Jupiter), each falling back to the impact
 * model where the journal holds no depth: the dashboard's slippage-by-size figures. A size beyond the known depth
 * exceeds every tolerance. Only {@code perp-jupiter} opportunities: the execution model prices the perp and Jupiter
 * legs, not a Hyperliquid spot book (an opportunity of another pair would be priced on legs it does not trade).
 */
public final class SlippageRule extends Rule {
    private final double sizeUsd;
    private final double toleranceBps;
    private final Set<String> tokens;

    SlippageRule(String name, Duration cooldown, double sizeUsd, double toleranceBps, Set<String> tokens,
            TradeModel model) {
        super(name, cooldown, model);
        this.sizeUsd = sizeUsd;
        this.toleranceBps = toleranceBps;
        this.tokens = Set.copyOf(tokens);
    }

    @Override
    public Alert onOutput(OutputRecord r, String symbol, String link) {
        if (!tradable(r, symbol, tokens) || r.pair != VenuePair.PERP_JUPITER) {
            return null;
        }
        TradeModel model = model();
        MarketSnapshot s = model.snapshot(r.tokenId);
        boolean buyPerp = TradeModel.direction(r).sign() < 0;
        double perp = model.legSlippageBps(s, true, buyPerp, sizeUsd);
        double spot = model.legSlippageBps(s, false, !buyPerp, sizeUsd);
        // The worse leg decides; a leg without a price (NaN) does not.
        double worst = Double.isNaN(perp) ? spot : Double.isNaN(spot) ? perp : Math.max(perp, spot);
        if (!(worst > toleranceBps)) {
            return null;
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("slippage_bps", bps(worst));
        n.put("tolerance_bps", round(toleranceBps, 2));
        n.put("size_usd", round(sizeUsd, 2));
        n.put("perp_slippage_bps", bps(perp));
        n.put("spot_slippage_bps", bps(spot));
        n.put("net_bps", round(r.netBps, 2));
        String what = "slippage over tolerance on " + symbol + " " + VenuePair.directionName(r.direction, r.pair)
                + " (" + VenuePair.name(r.pair) + ")";
        return new Alert(name(), "slippage", what, symbol, null, n, r.timeNanos, link);
    }

    /** A figure for the alert: rounded bps, or what stands for a missing price or a size beyond the depth. */
    private static Object bps(double v) {
        if (Double.isNaN(v)) {
            return "no-price";
        }
        return v == Double.POSITIVE_INFINITY ? "beyond-depth" : round(v, 2);
    }
}
