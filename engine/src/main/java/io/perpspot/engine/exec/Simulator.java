package io.perpspot.engine.exec;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.core.VenuePair;
import java.util.Arrays;

/**
 * The programmatic entry to the execution model, for the CLI and the dashboard: one call
 * gives the executable basis and costs of a template's trade on a token's market state and the
 * Monte Carlo of executing it, with its risk statistics. No I/O, no printing; thread-safe
 * (each call has its own state).
 *
 * <pre>
 *  Templates templates = Templates.loadDefault();
 *  Simulator sim = Simulator.fromConfig(config);
 *  MarketSnapshot sol = MarketSnapshot.of("SOL", strategy.book(id), ladder, solUsd);
 *  SimulationResult r = sim.run(templates.get("SOL Scalping"), sol, 1000, 100_000, 42);
 * </pre>
 */
public final class Simulator {
    private final ExecutionParams params;
    private final ExecutionModel model;

    public Simulator(ExecutionParams params) {
        this.params = params;
        this.model = new ExecutionModel(params);
    }

    /** A simulator with the parameters of {@link ExecutionParams#from}, which may throw a ConfigException. */
    public static Simulator fromConfig(Config c) {
        return new Simulator(ExecutionParams.from(c));
    }

    /** The parameters of every run; {@link #run(Template, MarketSnapshot)} also takes its paths and seed from them. */
    public ExecutionParams params() {
        return params;
    }

    /** The execution model runs price with, for callers that want an estimate without the Monte Carlo. */
    public ExecutionModel model() {
        return model;
    }

    /** With the template's notional and the configured paths and seed. */
    public SimulationResult run(Template t, MarketSnapshot m) {
        return run(t, m, t.notionalUsd(), params.paths(), params.seed());
    }

    /**
     * Simulates executing {@code t} on {@code m} for {@code sizeUsd}: the deterministic estimate, then {@code paths}
     * Monte Carlo paths drawn from {@code seed}. The result depends on the arguments and the parameters alone, not
     * on the thread count. Blocks the caller while the paths run on up to {@code execution.monte-carlo.threads}
     * threads of its own (started and stopped by this call); allocates a few arrays of {@code paths} doubles.
     *
     * @throws ExecutionException naming the parameter at fault: {@code template} (for another
     *         token), {@code size} (not positive, beyond depth), {@code paths}, {@code token} (no prices)
     */
    public SimulationResult run(Template t, MarketSnapshot m, double sizeUsd, int paths, long seed) {
        if (!t.token().equals(m.symbol())) {
            throw new ExecutionException("template", "'" + t.name() + "' is for " + t.token() + ", not " + m.symbol());
        }
        if (t.pairCode() != m.pair()) {
            throw new ExecutionException("template", "'" + t.name() + "' trades " + t.pair() + ", not "
                    + VenuePair.name(m.pair()) + " (take the market state of the template's pair)");
        }
        if (paths < 1 || paths > MonteCarlo.MAX_PATHS) {
            throw new ExecutionException("paths", "must be in [1, " + MonteCarlo.MAX_PATHS + "], got " + paths);
        }
        double midBasis = m.midBasisBps();
        Direction d = t.direction().direction(Double.isNaN(midBasis) ? 0 : midBasis);
        double hours = t.holdingHours(params.holdingHours());
        ExecutionEstimate e = model.estimate(m, d, sizeUsd, hours);

        boolean observed = m.volReturns() >= params.volMinReturns() && Double.isFinite(m.volPerSqrtSecond());
        double vol = (observed ? m.volPerSqrtSecond() : params.volFallbackPerSqrtSecond()) * t.riskMultiplier();
        MonteCarlo mc = new MonteCarlo(e, params, vol, t.maxLatency().toNanos());
        MonteCarlo.Outcome o = mc.run(paths, seed, params.threads());
        return summarize(t, m, e, o, paths, seed, vol, observed);
    }

    private SimulationResult summarize(Template t, MarketSnapshot m, ExecutionEstimate e, MonteCarlo.Outcome o,
            int paths,
            long seed, double vol, boolean observed) {
        double[] pnl = o.pnlUsd();
        double[] sorted = RiskStats.sorted(pnl);
        double mean = RiskStats.mean(pnl);
        double sd = RiskStats.sd(pnl);
        SimulationResult.PnlSummary summary = new SimulationResult.PnlSummary(mean, sd, sorted[0],
                RiskStats.quantile(sorted, 0.01), RiskStats.quantile(sorted, 0.05), RiskStats.quantile(sorted, 0.25),
                RiskStats.quantile(sorted, 0.50), RiskStats.quantile(sorted, 0.75), RiskStats.quantile(sorted, 0.95),
                RiskStats.quantile(sorted, 0.99), sorted[sorted.length - 1]);

        double[] hist = historicalScenarios(m, e);
        SimulationResult.Risk r95 = risk(0.95, sorted, mean, sd, hist);
        SimulationResult.Risk r99 = risk(0.99, sorted, mean, sd, hist);

        double[] time = RiskStats.sorted(o.executionSeconds());
        double meanExecHours = RiskStats.mean(o.executionSeconds()) / 3600.0;
        double periodHours = Math.max(e.holdingHours(), meanExecHours);
        double[] returns = new double[pnl.length];
        for (int i = 0; i < pnl.length; i++) {
            returns[i] = pnl[i] / e.notionalUsd();
        }
        double perYear = periodHours > 0 ? 8760.0 / periodHours : Double.NaN;
        double sharpe = periodHours > 0 ? RiskStats.sharpe(returns, params.riskFreeRate(), perYear) : Double.NaN;
        double sortino = periodHours > 0 ? RiskStats.sortino(returns, params.riskFreeRate(), perYear) : Double.NaN;
        double dd = RiskStats.maxDrawdown(Arrays.copyOf(pnl, Math.min(pnl.length, SimulationResult.DRAWDOWN_TRADES)));

        SimulationResult.Fills fills = new SimulationResult.Fills(o.both(), o.perpOnly(), o.spotOnly(), o.none(),
                RiskStats.quantile(time, 0.5), RiskStats.quantile(time, 0.99));
        return new SimulationResult(t, e, t.check(e), paths, seed, vol, observed, summary,
                histogram(sorted, params.histogramBins()), r95, r99, sharpe, sortino,
                RiskStats.probabilityOfProfit(pnl), dd,
                fills);
    }

    /**
     * Historical scenarios: the trade's net edge if it were closed at each basis the token
     * showed in its window instead of the window's mean; ascending; empty without history.
     */
    static double[] historicalScenarios(MarketSnapshot m, ExecutionEstimate e) {
        double[] b = m.basisHistoryBps();
        if (b.length < 2) {
            return new double[0];
        }
        double[] out = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = e.netEdgeUsd() - e.direction().sign() * e.notionalUsd() * (b[i] - e.exitBasisBps()) / 10_000.0;
        }
        Arrays.sort(out);
        return out;
    }

    private static SimulationResult.Risk risk(double level, double[] sorted, double mean, double sd, double[] hist) {
        double hv = hist.length == 0 ? Double.NaN : RiskStats.historicalVar(hist, level);
        double hc = hist.length == 0 ? Double.NaN : RiskStats.historicalCvar(hist, level);
        return new SimulationResult.Risk(level, hv, hc, RiskStats.parametricVar(mean, sd, level),
                RiskStats.parametricCvar(mean, sd, level), RiskStats.historicalVar(sorted, level),
                RiskStats.historicalCvar(sorted, level));
    }

    static SimulationResult.Histogram histogram(double[] sorted, int bins) {
        double lo = sorted[0];
        double hi = sorted[sorted.length - 1];
        if (!(hi > lo)) {
            // One value: one bin around it.
            double w = Math.max(1e-9, Math.abs(lo) * 1e-9);
            return new SimulationResult.Histogram(new double[] {lo - w, lo + w}, new long[] {sorted.length});
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + (hi - lo) * i / bins;
        }
        long[] counts = new long[bins];
        double width = (hi - lo) / bins;
        for (double v : sorted) {
            int i = (int) ((v - lo) / width);
            counts[Math.min(bins - 1, Math.max(0, i))]++;
        }
        return new SimulationResult.Histogram(edges, counts);
    }
}
