package io.perpspot.tools.backtest;

import io.perpspot.engine.exec.Template;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why signals were not traded, one count per signal under the first reason that turned it down:
 * a template rule (token, min spread after execution, funding, direction), no depth for the size,
 * or both legs failing (over the template's max latency, or a leg failure drawn from the execution
 * model). Signals = trades (one-leg fills included) + {@link #total()}.
 *
 * <p>Serializable: a Spark sweep's executors send it back to the driver ({@link SweepRunner}).
 *
 * @param byRule      refusals by template rule, indexed by {@link Template.Rule#ordinal()}
 * @param depth       the book or the quote ladder could not fill the size
 * @param maxLatency  both legs failed and at least one was slower than the template's max latency
 * @param legFailures both legs failed within the max latency (the model's failure probabilities)
 */
public record Refusals(long[] byRule, long depth, long maxLatency, long legFailures) implements Serializable {
    public Refusals {
        byRule = byRule.clone();
    }

    /** Refusals under one template rule. */
    public long of(Template.Rule rule) {
        return byRule[rule.ordinal()];
    }

    /** Refusals by the template's thresholds, all rules. */
    public long template() {
        long n = 0;
        for (long r : byRule) {
            n += r;
        }
        return n;
    }

    /** Both legs failed, for either reason. */
    public long bothLegsFailed() {
        return maxLatency + legFailures;
    }

    /** Every signal not traded. */
    public long total() {
        return template() + depth + bothLegsFailed();
    }

    /**
     * Each reason's label and count in report order: the template rules ({@code token}, {@code direction},
     * {@code min-spread}, {@code funding}), then {@code depth}, {@code max-latency}, {@code leg-failures}.
     */
    public Map<String, Long> byReason() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Template.Rule r : Template.Rule.values()) {
            if (r != Template.Rule.PAIR) { // a backtest folds only its template's pair's signals: never refused so
                m.put(r.label(), of(r));
            }
        }
        m.put("depth", depth);
        m.put("max-latency", maxLatency);
        m.put("leg-failures", legFailures);
        return m;
    }

    /** Counts refusals while a backtest runs (one thread). */
    static final class Counter {
        private final long[] byRule = new long[Template.Rule.values().length];
        private long depth;
        private long maxLatency;
        private long legFailures;

        void rule(Template.Rule r) {
            byRule[r.ordinal()]++;
        }

        void depth() {
            depth++;
        }

        void bothLegsFailed(boolean overMaxLatency) {
            if (overMaxLatency) {
                maxLatency++;
            } else {
                legFailures++;
            }
        }

        Refusals snapshot() {
            return new Refusals(byRule, depth, maxLatency, legFailures);
        }
    }
}
