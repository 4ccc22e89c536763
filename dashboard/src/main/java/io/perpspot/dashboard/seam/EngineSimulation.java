package io.perpspot.dashboard.seam;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.DirectionPolicy;
import io.perpspot.engine.exec.ExecutionEstimate;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.LegQuote;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.exec.MonteCarlo;
import io.perpspot.engine.exec.RiskStats;
import io.perpspot.engine.exec.SimulationResult;
import io.perpspot.engine.exec.Simulator;
import io.perpspot.engine.exec.Template;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.tokens.Token;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's simulations on the engine's execution model. For a request (template, token,
 * size, paths, seed, journal time range [from, to]) it replays the journal's input through the
 * engine's {@link Strategy} up to {@code to} (the state at the end of the range: L2 book, Jupiter
 * quote ladder, basis window, volatility) and
 * <ul>
 *   <li>runs {@link Simulator#run} there: P&amp;L histogram, VaR/CVaR (historical, parametric,
 *       Monte Carlo), Sharpe, Sortino, probability of profit, drawdown, fill statistics;</li>
 *   <li>over the range, trades every tradable opportunity the journal holds for the token
 *       (the strategy's own, replay-verified) at the state of its input record: the execution
 *       model's estimate for the size, then one seeded Monte Carlo path of its execution
 *       (latency, price moves, one-leg fills): the equity curve, its Sharpe and the fills.</li>
 * </ul>
 * A template for another token is applied to the requested token (its thresholds, latency and
 * risk multiplier) and the result says so. Reads the journal only.
 */
public final class EngineSimulation implements SimulationService {
    /** Opportunities traded over a range at most; later ones are counted, not traded. */
    public static final int MAX_TRADES = 5_000;

    private final Simulator sim;
    private final EngineTemplates templates;

    public EngineSimulation(Simulator sim, EngineTemplates templates) {
        this.sim = sim;
        this.templates = templates;
    }

    @Override
    public List<Map<String, Object>> templates() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Template t : templates.current().all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("source", templates.isShipped(t.name()) ? "shipped" : "user");
            m.put("token", t.token());
            m.put("notionalUsd", t.notionalUsd());
            m.put("maxLatencyMs", t.maxLatency().toMillis());
            m.put("minSpreadBps", t.minSpreadBps());
            m.put("fundingThresholdBps", t.fundingThresholdBps());
            m.put("direction", t.direction().text());
            m.put("riskMultiplier", t.riskMultiplier());
            m.put("holdingHours", t.holdingHours(sim.params().holdingHours()));
            m.put("pair", t.pair());
            out.add(m);
        }
        return out;
    }

    @Override
    public Template template(String name) {
        try {
            return templates.current().get(name);
        } catch (ExecutionException unknown) {
            return null;
        }
    }

    private record Opp(long inputIndex, int tokenId, int direction, long timeNanos, long seq) {
    }

    @Override
    public Map<String, Object> simulate(SimulationRequest q) {
        Template base;
        try {
            base = templates.current().get(q.template());
        } catch (ExecutionException unknown) {
            return null;
        }
        boolean retargeted = !base.token().equalsIgnoreCase(q.symbol());
        Template t = retargeted ? new Template(base.name(), q.symbol(), base.notionalUsd(), base.maxLatency(),
                base.minSpreadBps(), base.fundingThresholdBps(), base.direction(), base.riskMultiplier(),
                base.holdingHorizon(), base.pair()) : base;
        int pair = t.pairCode();
        long fromNanos = q.fromMs() * 1_000_000L;
        long toNanos = q.toMs() >= Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : q.toMs() * 1_000_000L + 999_999L;
        ExecutionParams p = sim.params();
        double hours = t.holdingHours(p.holdingHours());

        try (JournalReader reader = JournalReader.open(q.journal())) {
            List<Opp> opps = new ArrayList<>();
            reader.forEachOutput((r, index) -> {
                if (r.timeNanos > toNanos) {
                    return false;
                }
                // The template's venue pair only: its legs are the ones the execution model prices.
                if (r.type == OutputType.OPPORTUNITY && r.rejectReason == 0 && r.timeNanos >= fromNanos
                        && r.pair == pair) {
                    opps.add(new Opp(r.inputIndex, r.tokenId, r.direction, r.timeNanos, index));
                }
                return true;
            });
            Strategy strategy = new Strategy(r -> {
            });
            int[] ids = {-1, -1}; // the token's and SOL's id in the current run
            long[] folded = {0, 0, 0}; // events folded, first and last event time
            int[] next = {0};
            List<Map<String, Object>> trades = new ArrayList<>();
            Map<String, Long> skipped = new LinkedHashMap<>();
            reader.forEachInput(e -> {
                if (e.recvNanos > toNanos) {
                    return false;
                }
                strategy.onEvent(e);
                folded[0]++;
                if (e.recvNanos > 0) {
                    folded[1] = folded[1] == 0 ? e.recvNanos : folded[1];
                    folded[2] = Math.max(folded[2], e.recvNanos);
                }
                if (e.type == EventType.ENGINE_START) {
                    ids[0] = -1;
                    ids[1] = -1;
                } else if (e.type == EventType.TOKEN_DEF) {
                    Token k = reader.token(e.tokenId);
                    if (k != null && (k.symbol().equalsIgnoreCase(q.symbol())
                            || k.hlCoin().equalsIgnoreCase(q.symbol()))) {
                        ids[0] = e.tokenId;
                    }
                    if (k != null && k.symbol().equals("SOL")) {
                        ids[1] = e.tokenId;
                    }
                }
                while (next[0] < opps.size() && opps.get(next[0]).inputIndex() <= e.journalIndex) {
                    Opp o = opps.get(next[0]++);
                    if (o.tokenId() != ids[0] || o.inputIndex() < e.journalIndex) {
                        continue;
                    }
                    if (trades.size() >= MAX_TRADES) {
                        skipped.merge("beyond " + MAX_TRADES + " trades", 1L, Long::sum);
                        continue;
                    }
                    trade(t, pair, strategy, ids, q, o, hours, trades, skipped);
                }
                return true;
            });
            MarketSnapshot end = snapshot(strategy, ids, q.symbol(), pair);
            if (end == null) {
                throw new ExecutionException("token", q.symbol() + " has no "
                        + (pair == VenuePair.PERP_JUPITER ? "" : t.pair() + " ") + "market state in the journal up to "
                        + (toNanos == Long.MAX_VALUE ? "its end" : Instant.ofEpochMilli(q.toMs())) + " yet");
            }
            SimulationResult r = sim.run(t, end, q.sizeUsd(), q.paths(), q.seed());
            Map<String, Object> m = result(r, end);
            m.put("template", t.name());
            m.put("pair", t.pair());
            m.put("templateToken", base.token());
            m.put("retargeted", retargeted);
            m.put("token", q.symbol());
            m.put("sizeUsd", q.sizeUsd());
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("fromMs", q.fromMs());
            range.put("toMs", q.toMs() >= 253_402_300_799_999L ? null : q.toMs());
            range.put("inputEventsFolded", folded[0]);
            range.put("firstEventMs", folded[1] == 0 ? null : folded[1] / 1_000_000);
            range.put("lastEventMs", folded[2] == 0 ? null : folded[2] / 1_000_000);
            range.put("stateTimeMs", end.timeNanos() / 1_000_000);
            m.put("range", range);
            m.put("backtest", backtest(trades, skipped, q, p));
            return m;
        }
    }

    /** The token's state as the legs of {@code pair}, or null while a leg has no price. */
    private static MarketSnapshot snapshot(Strategy strategy, int[] ids, String symbol, int pair) {
        SpreadBook b = ids[0] < 0 ? null : strategy.book(ids[0]);
        if (b == null || !b.executable(pair)) {
            return null;
        }
        SpreadBook sol = ids[1] < 0 ? null : strategy.book(ids[1]);
        double solUsd = sol == null || sol.spotPx == FixedPoint.NULL ? Double.NaN
                : FixedPoint.toDouble(sol.spotPx, FixedPoint.PRICE_DECIMALS);
        return MarketSnapshot.of(symbol, b, b.ladder, solUsd, pair);
    }

    private void trade(Template t, int pair, Strategy strategy, int[] ids, SimulationRequest q, Opp o, double hours,
                       List<Map<String, Object>> trades, Map<String, Long> skipped) {
        Direction d = o.direction() == OutputRecord.LONG_PERP_SHORT_SPOT ? Direction.LONG_PERP_SHORT_SPOT
                : Direction.SHORT_PERP_LONG_SPOT;
        if (t.direction() != DirectionPolicy.AUTO && t.direction().direction(0) != d) {
            skipped.merge("direction not allowed by the template", 1L, Long::sum);
            return;
        }
        MarketSnapshot m = snapshot(strategy, ids, q.symbol(), pair);
        if (m == null) {
            skipped.merge("no market state", 1L, Long::sum);
            return;
        }
        ExecutionEstimate e;
        try {
            e = sim.model().estimate(m, d, q.sizeUsd(), hours);
        } catch (ExecutionException x) {
            skipped.merge(x.parameter().equals("size") ? "size beyond depth" : x.parameter(), 1L, Long::sum);
            return;
        }
        ExecutionParams p = sim.params();
        boolean observed = m.volReturns() >= p.volMinReturns() && Double.isFinite(m.volPerSqrtSecond());
        double vol = (observed ? m.volPerSqrtSecond() : p.volFallbackPerSqrtSecond()) * t.riskMultiplier();
        // One execution of this trade: its own seeded path (seed + trade number), one thread.
        MonteCarlo.Outcome out = new MonteCarlo(e, p, vol, t.maxLatency().toNanos())
                .run(1, q.seed() + trades.size(), 1);
        String fill = out.both() == 1 ? "both" : out.perpOnly() == 1 ? "perp-only"
                : out.spotOnly() == 1 ? "spot-only" : "none";
        Map<String, Object> tr = new LinkedHashMap<>();
        tr.put("seq", o.seq());
        tr.put("timeMs", o.timeNanos() / 1_000_000);
        tr.put("direction", VenuePair.directionName(d.code(), pair));
        tr.put("expectedUsd", num(e.netEdgeUsd()));
        tr.put("pnlUsd", num(out.pnlUsd()[0]));
        tr.put("fill", fill);
        tr.put("executionSeconds", num(out.executionSeconds()[0]));
        tr.put("passesTemplate", t.check(e).pass());
        tr.put("perpSlippageBps", num(e.perpEntry().slippageBps()));
        tr.put("spotSlippageBps", num(e.spotEntry().slippageBps()));
        tr.put("band", e.worstEntryBand().label());
        trades.add(tr);
    }

    private static Map<String, Object> backtest(List<Map<String, Object>> trades, Map<String, Long> skipped,
                                                SimulationRequest q, ExecutionParams p) {
        Map<String, Object> b = new LinkedHashMap<>();
        int n = trades.size();
        double[] pnl = new double[n];
        double[] returns = new double[n];
        double cum = 0;
        double cumExpected = 0;
        List<Map<String, Object>> equity = new ArrayList<>(n);
        Map<String, Long> fills = new LinkedHashMap<>();
        for (String f : new String[] {"both", "perp-only", "spot-only", "none"}) {
            fills.put(f, 0L);
        }
        int wins = 0;
        for (int i = 0; i < n; i++) {
            Map<String, Object> tr = trades.get(i);
            pnl[i] = value(tr.get("pnlUsd"));
            returns[i] = pnl[i] / q.sizeUsd();
            cum += pnl[i];
            cumExpected += value(tr.get("expectedUsd"));
            wins += pnl[i] > 0 ? 1 : 0;
            fills.merge((String) tr.get("fill"), 1L, Long::sum);
            Map<String, Object> pt = new LinkedHashMap<>();
            pt.put("timeMs", tr.get("timeMs"));
            pt.put("pnl", num(cum));
            pt.put("expected", num(cumExpected));
            equity.add(pt);
        }
        b.put("trades", n);
        b.put("skipped", skipped);
        b.put("totalPnlUsd", num(cum));
        b.put("expectedPnlUsd", num(cumExpected));
        b.put("winRate", n == 0 ? null : num((double) wins / n));
        long spanMs = n < 2 ? 0 : (Long) trades.get(n - 1).get("timeMs") - (Long) trades.get(0).get("timeMs");
        double perYear = spanMs > 0 ? (n - 1) * (365.0 * 24 * 3600 * 1000) / spanMs : Double.NaN;
        b.put("sharpe", n < 2 || Double.isNaN(perYear) ? null
                : num(RiskStats.sharpe(returns, p.riskFreeRate(), perYear)));
        b.put("sharpeNote", "annualised at the range's trade frequency; null with fewer than two trades");
        b.put("maxDrawdownUsd", n == 0 ? null : num(RiskStats.maxDrawdown(pnl)));
        b.put("fills", fills);
        b.put("equity", equity);
        b.put("tradeList", trades);
        return b;
    }

    private static Map<String, Object> result(SimulationResult r, MarketSnapshot m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("paths", r.paths());
        out.put("seed", r.seed());
        SimulationResult.PnlSummary s = r.pnl();
        Map<String, Object> pnl = new LinkedHashMap<>();
        pnl.put("mean", num(s.mean()));
        pnl.put("sd", num(s.sd()));
        pnl.put("min", num(s.min()));
        pnl.put("p1", num(s.p1()));
        pnl.put("p5", num(s.p5()));
        pnl.put("p25", num(s.p25()));
        pnl.put("p50", num(s.p50()));
        pnl.put("p75", num(s.p75()));
        pnl.put("p95", num(s.p95()));
        pnl.put("p99", num(s.p99()));
        pnl.put("max", num(s.max()));
        out.put("pnl", pnl);
        List<Map<String, Object>> bins = new ArrayList<>();
        double[] edges = r.histogram().edges();
        long[] counts = r.histogram().counts();
        for (int i = 0; i < counts.length; i++) {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("lo", edges[i]);
            bin.put("hi", edges[i + 1]);
            bin.put("count", counts[i]);
            bins.add(bin);
        }
        out.put("histogram", bins);
        out.put("risk", List.of(risk(r.risk95()), risk(r.risk99())));
        // The lines the histogram draws: losses as P&L values (VaR 5 % -> P&L of -VaR).
        out.put("var95", num(r.risk95().monteCarloVar()));
        out.put("cvar95", num(r.risk95().monteCarloCvar()));
        out.put("var99", num(r.risk99().monteCarloVar()));
        out.put("cvar99", num(r.risk99().monteCarloCvar()));
        out.put("sharpe", num(r.sharpe()));
        out.put("sortino", num(r.sortino()));
        out.put("probabilityOfProfit", num(r.probabilityOfProfit()));
        out.put("maxDrawdownUsd", num(r.maxDrawdownUsd()));
        SimulationResult.Fills f = r.fills();
        Map<String, Object> fills = new LinkedHashMap<>();
        fills.put("both", f.both());
        fills.put("perpOnly", f.perpOnly());
        fills.put("spotOnly", f.spotOnly());
        fills.put("none", f.none());
        fills.put("bothFraction", num(f.bothFraction()));
        fills.put("oneLegFraction", num(f.oneLegFraction()));
        fills.put("executionP50Seconds", num(f.executionP50Seconds()));
        fills.put("executionP99Seconds", num(f.executionP99Seconds()));
        out.put("fills", fills);
        ExecutionEstimate e = r.estimate();
        Map<String, Object> est = new LinkedHashMap<>();
        est.put("direction", e.direction().label());
        est.put("quantity", num(e.quantity()));
        est.put("perpEntry", leg(e.perpEntry()));
        est.put("spotEntry", leg(e.spotEntry()));
        est.put("perpExit", leg(e.perpExit()));
        est.put("spotExit", leg(e.spotExit()));
        est.put("midBasisBps", num(e.midBasisBps()));
        est.put("executableBasisBps", num(e.executableBasisBps()));
        est.put("grossEdgeBps", num(e.grossEdgeBps()));
        est.put("exitCostBps", num(e.exitCostBps()));
        est.put("feesBps", num(e.perpFeesBps() + e.spotFeesBps()));
        est.put("gasUsd", num(e.gasUsd()));
        est.put("fundingCarryBps", num(e.fundingCarryBps()));
        est.put("netEdgeBps", num(e.netEdgeBps()));
        est.put("netEdgeUsd", num(e.netEdgeUsd()));
        est.put("band", e.worstEntryBand().label());
        out.put("estimate", est);
        out.put("passesTemplate", r.check().pass());
        out.put("checkReasons", r.check().reasons());
        out.put("volPerSqrtSecond", num(r.volPerSqrtSecond()));
        out.put("volObserved", r.volObserved());
        out.put("ladderRungs", m.ladder().size(0) + m.ladder().size(1));
        out.put("bookLevels", m.depth().levels(0) + m.depth().levels(1));
        return out;
    }

    private static Map<String, Object> risk(SimulationResult.Risk k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", k.level());
        m.put("historicalVar", num(k.historicalVar()));
        m.put("historicalCvar", num(k.historicalCvar()));
        m.put("parametricVar", num(k.parametricVar()));
        m.put("parametricCvar", num(k.parametricCvar()));
        m.put("monteCarloVar", num(k.monteCarloVar()));
        m.put("monteCarloCvar", num(k.monteCarloCvar()));
        return m;
    }

    private static Map<String, Object> leg(LegQuote l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("price", num(l.price()));
        m.put("refPrice", num(l.refPrice()));
        m.put("slippageBps", num(l.slippageBps()));
        m.put("band", l.band().label());
        m.put("source", l.source().name().toLowerCase(Locale.ROOT));
        m.put("levels", l.levels());
        return m;
    }

    private static double value(Object o) {
        return o == null ? 0 : (Double) o;
    }

    /** NaN (undefined for this input) and infinities become JSON null. */
    static Double num(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
