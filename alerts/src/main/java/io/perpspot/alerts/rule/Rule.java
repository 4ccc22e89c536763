package io.perpspot.alerts.rule;

import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.VenuePair;
import java.time.Duration;
import java.util.Set;

/**
 * A rule of the alerts file. It looks at one journaled record at a time and answers the alert it would fire (before
 * deduplication), or null; the decision depends on the records only, so a replay decides the same.
 */
public abstract class Rule {
    private final String name;
    private final Duration cooldown;
    private final TradeModel model;

    /** A rule named {@code name} that fires at most once per key within {@code cooldown} of event time. */
    protected Rule(String name, Duration cooldown) {
        this(name, cooldown, null);
    }

    /** A rule that prices trades with {@code model} (null: it does not). */
    Rule(String name, Duration cooldown, TradeModel model) {
        this.name = name;
        this.cooldown = cooldown;
        this.model = model;
    }

    /** The rule's name in the alerts file. */
    public final String name() {
        return name;
    }

    /** Same rule and key within this much event time fire once. */
    public final Duration cooldown() {
        return cooldown;
    }

    /** The alert an input record fires, or null. */
    public Alert onInput(MarketEvent e, String link) {
        return null;
    }

    /** The alert an output record of {@code symbol} fires, or null. */
    public Alert onOutput(OutputRecord r, String symbol, String link) {
        return null;
    }

    /** The alert a look at the journal's disk ({@code freeBytes} usable, wall clock) fires, or null. */
    public Alert onDisk(String journal, long freeBytes, long nowNanos, String link) {
        return null;
    }

    /** The trade model this rule prices with (folded once per input by the {@link Evaluator}), or null. */
    final TradeModel model() {
        return model;
    }

    /** Whether {@code r} is a tradable opportunity (not refused by the gates) on one of {@code tokens} (empty: any). */
    static boolean tradable(OutputRecord r, String symbol, Set<String> tokens) {
        return r.type == OutputType.OPPORTUNITY && r.rejectReason == 0 && symbol != null
                && (tokens.isEmpty() || tokens.contains(symbol));
    }

    /** Whether {@code r}'s {@link VenuePair} is one of {@code pairs} (codes; empty: any). */
    static boolean onPair(OutputRecord r, Set<Integer> pairs) {
        return pairs.isEmpty() || pairs.contains(r.pair);
    }

    /**
     * The name of a pair's leg A in an alert's figures ({@code perp}, or {@code hlspot} on hlspot-jupiter): the legs
     * of {@link VenuePair#directionName}, so {@code perp_px} is never a Hyperliquid spot price.
     */
    static String legA(int pair) {
        return pair == VenuePair.HLSPOT_JUPITER ? "hlspot" : "perp";
    }

    /** The name of a pair's leg B: {@code spot} (Jupiter, on perp-jupiter), {@code hlspot} or {@code jupiter}. */
    static String legB(int pair) {
        return pair == VenuePair.PERP_HLSPOT ? "hlspot" : pair == VenuePair.HLSPOT_JUPITER ? "jupiter" : "spot";
    }

    /** The deduplication key of an alert this rule fired (the token or the source). */
    String key(Alert a) {
        return a.token() != null ? a.token() : a.source();
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
