package io.perpspot.tools.simulate;

import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.ExecutionEstimate;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.LegQuote;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.exec.PriceSource;
import io.perpspot.engine.exec.SimulationResult;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** Prints a {@link SimulationResult} as text. Undefined figures print as {@code n/a}, never NaN. */
final class SimulationReport {
    private final SimulationResult r;
    private final MarketSnapshot m;
    private final Path journal;
    private final ExecutionParams p;

    SimulationReport(SimulationResult r, MarketSnapshot m, Path journal, ExecutionParams p) {
        this.r = r;
        this.m = m;
        this.journal = journal;
        this.p = p;
    }

    void print(PrintWriter out) {
        ExecutionEstimate e = r.estimate();
        String sym = e.symbol();
        int pair = e.pair();
        // perp-jupiter reads as it always did; another pair names itself and its legs.
        String on = pair == VenuePair.PERP_JUPITER ? "" : " (" + VenuePair.name(pair) + ")";
        out.printf(Locale.ROOT, "simulate %s with \"%s\"%s on %s (market state at %s)%n", sym, r.template().name(), on,
                journal,
                Instant.ofEpochSecond(0, m.timeNanos()));
        out.printf(Locale.ROOT, "  direction      %s (mid basis %s bps, exit assumed at the window mean %s bps)%n",
                VenuePair.directionName(e.direction().code(), pair), signed(e.midBasisBps(), 2),
                signed(e.exitBasisBps(), 2));
        out.printf(Locale.ROOT, "  size           $%,.2f = %s %s on each leg, held %s h%n", e.notionalUsd(),
                num(e.quantity(), 6), sym, num(e.holdingHours(), 2));
        out.println();
        out.println("executable prices          price            mid   slippage bps   band     source");
        String a = pair == VenuePair.HLSPOT_JUPITER ? "hlspot" : "perp";
        String b = pair == VenuePair.PERP_HLSPOT ? "hlspot" : pair == VenuePair.HLSPOT_JUPITER ? "jupiter" : "spot";
        leg(out, a + " entry", e.perpEntry());
        leg(out, b + " entry", e.spotEntry());
        leg(out, a + " exit", e.perpExit());
        leg(out, b + " exit", e.spotExit());
        out.printf(Locale.ROOT, "  executable basis %s bps (%s entry - %s entry) / %s entry%n",
                signed(e.executableBasisBps(), 2), a, b, b);
        out.println();
        out.println("edge and costs                              bps          USD");
        row(out, "entry edge (basis captured)", e.grossEdgeBps(), e);
        row(out, "exit (convergence + slippage)", -e.exitCostBps(), e);
        ExecutionParams legs = p.forPair(pair);
        row(out, String.format(Locale.ROOT, "%s fees (2 x %s bps)", pair == VenuePair.HLSPOT_JUPITER
                ? "Hyperliquid spot" : "Hyperliquid", num(legs.perpFeeBps(), 2)), -e.perpFeesBps(), e);
        row(out, String.format(Locale.ROOT, "%s fees (2 x %s bps)", pair == VenuePair.PERP_HLSPOT ? "Hyperliquid spot"
                : "Jupiter platform", num(legs.spotFeeBps(), 2)), -e.spotFeesBps(), e);
        row(out, "Solana base + priority fees (2 tx)", -e.gasBps(), e);
        if (pair == VenuePair.HLSPOT_JUPITER) {
            row(out, String.format(Locale.ROOT, "Unit transfer (fee + %s min delay)",
                    num(e.transferDelayNanos() / 60e9, 1)), -e.transferCostBps(), e);
        }
        row(out, String.format(Locale.ROOT, "funding carry (%s %%/h)", signed(e.fundingHourly() * 100, 5)),
                e.fundingCarryBps(), e);
        out.printf(Locale.ROOT, "  %-36s %10s %12s%n", "net edge", signed(e.netEdgeBps(), 2), usd(e.netEdgeUsd()));
        out.println();
        out.printf(Locale.ROOT, "Monte Carlo: %,d paths, seed %d, volatility %s %%/sqrt(s) (%s x %s), max latency %s "
                + "s%n",
                r.paths(), r.seed(), num(r.volPerSqrtSecond() * 100, 5), r.volObserved() ? "observed" : "fallback",
                num(r.template().riskMultiplier(), 2), num(r.template().maxLatency().toNanos() / 1e9, 3));
        SimulationResult.Fills f = r.fills();
        double n = r.paths();
        out.printf(Locale.ROOT, "  legs           both filled %s %%, perp only %s %%, spot only %s %%, none %s %% "
                + "(one leg unwound: %s %%)%n",
                num(100 * f.both() / n, 2), num(100 * f.perpOnly() / n, 2), num(100 * f.spotOnly() / n, 2),
                num(100 * f.none() / n, 2), num(100 * f.oneLegFraction(), 2));
        out.printf(Locale.ROOT, "  execution time p50 %s s, p99 %s s%n", num(f.executionP50Seconds(), 3),
                num(f.executionP99Seconds(), 3));
        SimulationResult.PnlSummary s = r.pnl();
        out.printf(Locale.ROOT, "  P&L USD        mean %s  sd %s  p5 %s  p50 %s  p95 %s  (min %s, max %s)%n",
                usd(s.mean()),
                num(s.sd(), 2), usd(s.p5()), usd(s.p50()), usd(s.p95()), usd(s.min()), usd(s.max()));
        out.println("  VaR / CVaR USD                 95 %                  99 %");
        risk(out, "historical", r.risk95().historicalVar(), r.risk95().historicalCvar(), r.risk99().historicalVar(),
                r.risk99().historicalCvar());
        risk(out, "parametric", r.risk95().parametricVar(), r.risk95().parametricCvar(), r.risk99().parametricVar(),
                r.risk99().parametricCvar());
        risk(out, "Monte Carlo", r.risk95().monteCarloVar(), r.risk95().monteCarloCvar(), r.risk99().monteCarloVar(),
                r.risk99().monteCarloCvar());
        out.printf(Locale.ROOT, "  Sharpe %s, Sortino %s (annualised, one trade per %s h, risk-free %s %%)%n",
                num(r.sharpe(), 2), num(r.sortino(), 2), num(Math.max(e.holdingHours(), 0), 2),
                num(p.riskFreeRate() * 100, 2));
        out.printf(Locale.ROOT, "  probability of profit %s %%, max drawdown over %,d consecutive trades %s%n",
                num(100 * r.probabilityOfProfit(), 2), Math.min(r.paths(), SimulationResult.DRAWDOWN_TRADES),
                usd(r.maxDrawdownUsd()));
        out.println();
        out.println(r.check().pass() ? "template check: PASS" : "template check: FAIL: "
                + String.join("; ", r.check().reasons()));
    }

    private static void leg(PrintWriter out, String name, LegQuote q) {
        String src = q.source() == PriceSource.BOOK ? "book, " + q.levels() + (q.levels() == 1 ? " level" : " levels")
                : q.source().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        out.printf(Locale.ROOT, "  %-14s %14s %14s %14s   %-7s  %s%n", name, price(q.price()), price(q.refPrice()),
                num(q.slippageBps(), 2), q.band().label(), src);
    }

    private static void row(PrintWriter out, String name, double bps, ExecutionEstimate e) {
        out.printf(Locale.ROOT, "  %-36s %10s %12s%n", name, signed(bps, 2), usd(e.usd(bps)));
    }

    private static void risk(PrintWriter out, String name, double v95, double c95, double v99, double c99) {
        out.printf(Locale.ROOT, "    %-14s %10s / %-10s %10s / %-10s%n", name, num(v95, 2), num(c95, 2), num(v99, 2),
                num(c99, 2));
    }

    /** Enough significant digits for BONK and BTC alike. */
    private static String price(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return new BigDecimal(v).round(new MathContext(8)).stripTrailingZeros().toPlainString();
    }

    private static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + decimals + "f", v) : "n/a";
    }

    private static String signed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+,." + decimals + "f", v) : "n/a";
    }

    private static String usd(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return (v < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,.2f", Math.abs(v));
    }
}
