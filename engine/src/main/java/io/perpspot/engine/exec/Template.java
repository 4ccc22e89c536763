package io.perpspot.engine.exec;

import io.perpspot.engine.core.VenuePair;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * An execution template: what to trade and how much risk to take. It drives the detector
 * (its minimum spread is the minimum net edge after all costs; {@link #strategyOverrides()})
 * and the Monte Carlo (notional, max latency as each leg's timeout, holding horizon, risk
 * multiplier on the observed volatility). Serializable: a Spark sweep sends it to its executors.
 *
 * @param name                 unique, case-sensitive
 * @param token                Hyperliquid coin / symbol, e.g. {@code SOL}
 * @param notionalUsd          default trade size
 * @param maxLatency           a leg not filled within this is treated as failed (and unwound)
 * @param minSpreadBps         minimum net edge (after fees, slippage, exit, gas and carry)
 * @param fundingThresholdBps  most adverse funding accepted, bps of notional per hour
 * @param direction            which directions it trades
 * @param riskMultiplier       multiplies the observed volatility in the Monte Carlo (1 = as observed)
 * @param holdingHorizon       how long the position is held; null: {@code execution.holding-horizon}
 * @param pair                 the venue pair it trades ({@code core.VenuePair} name): {@code perp-jupiter} (the
 *                             default), {@code perp-hlspot} or {@code hlspot-jupiter}; its direction's "perp" is the
 *                             pair's leg A (Hyperliquid spot on {@code hlspot-jupiter}) and "spot" its leg B
 */
public record Template(
        String name,
        String token,
        double notionalUsd,
        Duration maxLatency,
        double minSpreadBps,
        double fundingThresholdBps,
        DirectionPolicy direction,
        double riskMultiplier,
        Duration holdingHorizon,
        String pair) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Largest notional a template may name. */
    public static final double MAX_NOTIONAL_USD = 1e9;

    public Template {
        require(name != null && !name.isBlank(), "name", "must not be empty", name);
        require(token != null && !token.isBlank(), "token", "must not be empty", token);
        require(notionalUsd > 0 && notionalUsd <= MAX_NOTIONAL_USD, "notional-usd", "must be in (0, 1e9]", notionalUsd);
        require(maxLatency != null && !maxLatency.isNegative() && !maxLatency.isZero(), "max-latency", "must be > 0",
                maxLatency);
        require(Double.isFinite(minSpreadBps) && Math.abs(minSpreadBps) <= 10_000, "min-spread-bps",
                "must be in [-10000, 10000]", minSpreadBps);
        require(fundingThresholdBps >= 0 && fundingThresholdBps <= 10_000, "funding-threshold-bps",
                "must be in [0, 10000]",
                fundingThresholdBps);
        require(direction != null, "direction", "must be auto, short-perp or long-perp", null);
        require(riskMultiplier > 0 && riskMultiplier <= 100, "risk-multiplier", "must be in (0, 100]", riskMultiplier);
        require(holdingHorizon == null || !holdingHorizon.isNegative(), "holding-horizon", "must be >= 0",
                holdingHorizon);
        pair = pair == null ? VenuePair.name(VenuePair.PERP_JUPITER) : pair.trim().toLowerCase(Locale.ROOT);
        require(VenuePair.byName(pair) >= 0, "pair", "must be perp-jupiter, perp-hlspot or hlspot-jupiter", pair);
    }

    /** A template of {@code perp-jupiter}, the pair every template traded before the third venue. */
    public Template(String name, String token, double notionalUsd, Duration maxLatency, double minSpreadBps,
                    double fundingThresholdBps, DirectionPolicy direction, double riskMultiplier,
                    Duration holdingHorizon) {
        this(name, token, notionalUsd, maxLatency, minSpreadBps, fundingThresholdBps, direction, riskMultiplier,
                holdingHorizon, null);
    }

    /** The {@link VenuePair} code of {@link #pair}. */
    public int pairCode() {
        return VenuePair.byName(pair);
    }

    private static void require(boolean ok, String field, String rule, Object got) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + rule + ", got '" + got + "'");
        }
    }

    /** The holding horizon in hours, or {@code defaultHours} when the template names none. */
    public double holdingHours(double defaultHours) {
        return holdingHorizon == null ? defaultHours : holdingHorizon.toNanos() / 3.6e12;
    }

    /** {@code --set}-style overrides that make the detector use this template's thresholds. */
    public List<String> strategyOverrides() {
        List<String> sets = new ArrayList<>();
        sets.add(String.format(Locale.ROOT, "strategy.entry.min-net-edge-bps=%s", minSpreadBps));
        return sets;
    }

    /**
     * A threshold of the template an estimate can fail. The order is the precedence a report counts a
     * refusal under: what the template never trades (another token, a direction) before what the market
     * did not offer this time (the edge, the funding).
     */
    public enum Rule {
        /** The template names another token. */
        TOKEN("token"),
        /** The template trades another venue pair. */
        PAIR("pair"),
        /** A direction the template's policy does not trade. */
        DIRECTION("direction"),
        /** Net edge after execution (fees, slippage, exit, gas, carry) below {@code min-spread-bps}. */
        MIN_SPREAD("min-spread"),
        /** Funding against the direction above {@code funding-threshold-bps} per hour. */
        FUNDING("funding");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        /** The rule's name in reports and CSV ({@code min-spread}). */
        public String label() {
            return label;
        }
    }

    /**
     * Whether an estimate passes this template, and why not: {@code reasons} in words with the numbers,
     * {@code rules} the thresholds failed in {@link Rule}'s order of precedence (the first is the one a
     * report counts the refusal under).
     */
    public record Check(boolean pass, List<String> reasons, List<Rule> rules) {
    }

    /** Checks an estimate against the thresholds: token, pair, min spread (net edge), adverse funding, direction. */
    public Check check(ExecutionEstimate e) {
        List<String> why = new ArrayList<>();
        EnumSet<Rule> failed = EnumSet.noneOf(Rule.class);
        if (!token.equals(e.symbol())) {
            why.add("template is for " + token + ", not " + e.symbol());
            failed.add(Rule.TOKEN);
        }
        if (e.pair() != pairCode()) {
            why.add("template trades " + pair + ", not " + VenuePair.name(e.pair()));
            failed.add(Rule.PAIR);
        }
        if (e.netEdgeBps() < minSpreadBps) {
            why.add(String.format(Locale.ROOT, "net edge %.2f bps < min spread %.2f bps", e.netEdgeBps(),
                    minSpreadBps));
            failed.add(Rule.MIN_SPREAD);
        }
        // Funding per hour against this direction (positive = paid), in bps of notional.
        double adverse = -e.direction().sign() * e.fundingHourly() * 10_000.0;
        if (adverse > fundingThresholdBps) {
            why.add(String.format(Locale.ROOT, "funding costs %.3f bps/h > threshold %.3f bps/h", adverse,
                    fundingThresholdBps));
            failed.add(Rule.FUNDING);
        }
        if (direction != DirectionPolicy.AUTO && direction.direction(0) != e.direction()) {
            why.add("direction " + e.direction().label() + " not allowed by policy " + direction.text());
            failed.add(Rule.DIRECTION);
        }
        return new Check(why.isEmpty(), List.copyOf(why), List.copyOf(failed));
    }
}
