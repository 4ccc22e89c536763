package io.perpspot.tools.backtest;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.Template;
import java.util.List;
import java.util.Set;

/**
 * Everything a backtest depends on, so that the same spec over the same journal gives the same
 * result in any thread.
 *
 * @param template      entries: its token, notional, min spread (net edge), funding threshold,
 *                      direction policy and max latency (a slower leg is a one-leg fill)
 * @param tokens        Hyperliquid coins traded (by default the template's token)
 * @param strategySets  {@code strategy.*} overrides appended to every EngineStart the fold reads
 *                      (the template's {@link Template#strategyOverrides()} and swept keys)
 * @param exec          fees, latency samplers, impact model, ladder extrapolation
 * @param stopBps       stop: mark-to-market loss at mids, bps of notional
 * @param exitBandBps   convergence: |basis − mean| within this band (or past the mean)
 * @param timeLimitNanos a position is closed after this long
 * @param seed          seeds the one-leg-fill draws
 * @param fromNanos     first event time that may open a position (inclusive)
 * @param toNanos       event time where the backtest ends (exclusive); open positions close there
 */
public record BacktestSpec(
        Template template,
        Set<String> tokens,
        List<String> strategySets,
        ExecutionParams exec,
        double stopBps,
        double exitBandBps,
        long timeLimitNanos,
        long seed,
        long fromNanos,
        long toNanos) {

    /** The spec a configuration and a template give, over the whole journal. */
    public static BacktestSpec of(Config c, Template t, Set<String> tokens, List<String> strategySets, long seed) {
        long limit = c.get(Settings.BT_TIME_LIMIT).toNanos();
        ExecutionParams exec = ExecutionParams.from(c);
        if (limit == 0) {
            limit = (long) (t.holdingHours(exec.holdingHours()) * 3.6e12);
        }
        if (limit <= 0) {
            limit = Long.MAX_VALUE;
        }
        return new BacktestSpec(t, tokens, strategySets, exec, c.get(Settings.BT_STOP_BPS),
                c.get(Settings.BT_EXIT_BAND_BPS),
                limit, seed, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * A copy that opens positions from event time {@code from} (inclusive) and ends at {@code to} (exclusive), epoch
     * nanoseconds.
     */
    public BacktestSpec withRange(long from, long to) {
        return new BacktestSpec(template, tokens, strategySets, exec, stopBps, exitBandBps, timeLimitNanos, seed, from,
                to);
    }
}
