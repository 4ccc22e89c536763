package io.perpspot.tools.backtest;

import io.perpspot.tools.format.ChartJs;
import io.perpspot.tools.format.CsvRows;
import io.perpspot.tools.format.Times;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a backtest's files: {@code trades.csv}, {@code equity.csv}, {@code stats.csv},
 * {@code sweep.csv} (when a sweep ran) and a self-contained {@code report.html} (Chart.js
 * inlined from its webjar), and the terminal summary. Numbers are plain decimals with a fixed
 * number of places (byte-identical for identical results); an undefined number is empty in
 * CSV and {@code n/a} in text.
 */
public final class Reports {
    private Reports() {
    }

    /** A number rounded half-even to {@code places}, trailing zeros removed; empty for NaN or infinite. */
    static String num(double v, int places) {
        if (!Double.isFinite(v)) {
            return "";
        }
        BigDecimal b = new BigDecimal(v).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (b.signum() == 0) {
            return "0";
        }
        return b.toPlainString();
    }

    static String text(double v, int places) {
        String s = num(v, places);
        return s.isEmpty() ? "n/a" : s;
    }

    static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", v * 100) : "n/a";
    }

    static String money(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        String s = String.format(Locale.ROOT, "%,.2f", v);
        return s.equals("-0.00") ? "0.00" : s;
    }

    public static final String TRADES_HEADER = "entry_time,exit_time,token,direction,exit_reason,quantity,notional_usd,"
            + "perp_entry_px,spot_entry_px,perp_exit_px,spot_exit_px,"
            + "perp_entry_slip_bps,perp_entry_band,spot_entry_slip_bps,spot_entry_band,"
            + "perp_exit_slip_bps,perp_exit_band,spot_exit_slip_bps,spot_exit_band,"
            + "fees_usd,funding_usd,perp_pnl_usd,spot_pnl_usd,pnl_usd";

    static String tradesCsv(BacktestResult r) {
        return CsvRows.text(csv -> {
            csv.row(TRADES_HEADER.split(","));
            for (Trade t : r.trades()) {
                csv.row(Times.isoNanos(t.entryNanos()), Times.isoNanos(t.exitNanos()), t.token(), t.direction().label(),
                        t.exitReason(), num(t.quantity(), 9), num(t.notionalUsd(), 2),
                        num(t.perpEntryPx(), 12), num(t.spotEntryPx(), 12),
                        num(t.perpExitPx(), 12), num(t.spotExitPx(), 12),
                        num(t.perpEntrySlipBps(), 4), Trade.band(t.perpEntrySlipBps()),
                        num(t.spotEntrySlipBps(), 4), Trade.band(t.spotEntrySlipBps()),
                        num(t.perpExitSlipBps(), 4), Trade.band(t.perpExitSlipBps()),
                        num(t.spotExitSlipBps(), 4), Trade.band(t.spotExitSlipBps()),
                        num(t.feesUsd(), 8), num(t.fundingUsd(), 8), num(t.perpPnlUsd(), 8), num(t.spotPnlUsd(), 8),
                        num(t.pnlUsd(), 8));
            }
        });
    }

    static String equityCsv(BacktestResult r) {
        double[] dd = r.drawdown();
        return CsvRows.text(csv -> {
            csv.row("time", "equity_usd", "drawdown_usd");
            for (int i = 0; i < r.equity().length; i++) {
                csv.row(Times.isoNanos(r.equityTimes()[i]), num(r.equity()[i], 8), num(dd[i], 8));
            }
        });
    }

    static String statsCsv(BacktestResult r) {
        BacktestResult.Stats s = r.stats();
        return CsvRows.text(csv -> {
            csv.row("metric", "value");
            csv.row("trades", Integer.toString(s.trades()));
            csv.row("total_pnl_usd", num(s.totalPnl(), 8));
            for (Map.Entry<String, Double> e : s.pnlByToken().entrySet()) {
                csv.row("pnl_usd." + e.getKey(), num(e.getValue(), 8));
            }
            csv.row("win_rate", num(s.winRate(), 6));
            csv.row("sharpe", num(s.sharpe(), 6));
            csv.row("sortino", num(s.sortino(), 6));
            csv.row("max_drawdown_usd", num(s.maxDrawdown(), 8));
            csv.row("turnover_usd", num(s.turnoverUsd(), 2));
            csv.row("exposure", num(s.exposure(), 6));
            csv.row("days", Integer.toString(s.days()));
            csv.row("var95_daily_usd", num(s.var95(), 8));
            csv.row("cvar95_daily_usd", num(s.cvar95(), 8));
            csv.row("fees_usd", num(s.feesUsd(), 8));
            csv.row("funding_usd", num(s.fundingUsd(), 8));
            csv.row("events", Long.toString(r.events()));
            csv.row("signals", Long.toString(r.signals()));
            csv.row("rejected_by_template", Long.toString(r.refused().template()));
            csv.row("rejected_by_depth", Long.toString(r.refused().depth()));
            csv.row("one_leg_fills", Long.toString(r.oneLegFills()));
            csv.row("both_legs_failed", Long.toString(r.refused().bothLegsFailed()));
            for (Map.Entry<String, Long> e : r.refused().byReason().entrySet()) {
                csv.row("refused_" + e.getKey().replace('-', '_'), Long.toString(e.getValue()));
            }
        });
    }

    /** {@code min-spread 100, funding 5} ... : the reasons that turned signals down, those that did. */
    static String reasons(Refusals refused) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : refused.byReason().entrySet()) {
            if (e.getValue() > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%,d", e.getValue()));
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** The summary printed on the terminal. */
    static void summary(BacktestResult r, PrintWriter out) {
        BacktestResult.Stats s = r.stats();
        out.printf(Locale.ROOT, "backtest \"%s\" on %s: %,d events, %s to %s%n", r.spec().template().name(),
                String.join(",", r.spec().tokens()), r.events(), Times.isoNanos(r.firstNanos()),
                Times.isoNanos(r.lastNanos()));
        out.printf(Locale.ROOT, "  signals %,d, trades %,d (one-leg fills %,d), not traded %,d%n", r.signals(),
                s.trades(), r.oneLegFills(), r.refused().total());
        if (r.refused().total() > 0) {
            out.printf(Locale.ROOT, "    not traded by reason: %s%n", reasons(r.refused()));
        }
        out.printf(Locale.ROOT, "  total P&L       $%s (fees $%s, funding $%s)%n", money(s.totalPnl()),
                money(s.feesUsd()),
                money(s.fundingUsd()));
        for (Map.Entry<String, Double> e : s.pnlByToken().entrySet()) {
            out.printf(Locale.ROOT, "    %-12s $%s%n", e.getKey(), money(e.getValue()));
        }
        out.printf(Locale.ROOT, "  win rate        %s%n", pct(s.winRate()));
        out.printf(Locale.ROOT, "  Sharpe %s  Sortino %s (daily, annualised; %d day%s)%n", text(s.sharpe(), 3),
                text(s.sortino(), 3), s.days(), s.days() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "  max drawdown    $%s%n", money(s.maxDrawdown()));
        out.printf(Locale.ROOT, "  turnover        $%s   exposure %s%n", money(s.turnoverUsd()), pct(s.exposure()));
        out.printf(Locale.ROOT, "  daily P&L VaR95 $%s  CVaR95 $%s%n", money(s.var95()), money(s.cvar95()));
        out.flush();
    }

    /** Writes trades.csv, equity.csv, stats.csv, sweep.csv (if any) and report.html into {@code dir}. */
    static void write(Path dir, BacktestResult r, Sweep.Outcome sweep) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("trades.csv"), tradesCsv(r));
            Files.writeString(dir.resolve("equity.csv"), equityCsv(r));
            Files.writeString(dir.resolve("stats.csv"), statsCsv(r));
            if (sweep != null) {
                Files.writeString(dir.resolve("sweep.csv"), sweep.csv());
            }
            Files.writeString(dir.resolve("report.html"), html(r, sweep));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    // ---- report.html -------------------------------------------------------------------------

    static String html(BacktestResult r, Sweep.Outcome sweep) {
        String chartJs = ChartJs.script();
        String template = resource("/backtest-report/report.html");
        String title = "perpspot backtest: " + r.spec().template().name();
        return template.replace("/*CHART_JS*/", chartJs).replace("/*DATA*/", data(r, sweep))
                .replace("<!--TITLE-->", escape(title));
    }

    private static String resource(String name) {
        try (InputStream in = Reports.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String js(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String jn(double v, int places) {
        String s = num(v, places);
        return s.isEmpty() ? "null" : s;
    }

    private static String data(BacktestResult r, Sweep.Outcome sweep) {
        BacktestResult.Stats s = r.stats();
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\"title\":").append(js(r.spec().template().name()));
        sb.append(",\"tokens\":").append(js(String.join(", ", r.spec().tokens())));
        sb.append(",\"from\":").append(js(Times.isoNanos(r.firstNanos()))).append(",\"to\":")
                .append(js(Times.isoNanos(r.lastNanos())));
        sb.append(",\"stats\":[");
        String[][] rows = {
            {"Trades", Integer.toString(s.trades())},
            {"Total P&L (USD)", money(s.totalPnl())},
            {"Fees (USD)", money(s.feesUsd())},
            {"Funding (USD)", money(s.fundingUsd())},
            {"Win rate", pct(s.winRate())},
            {"Sharpe (daily, annualised)", text(s.sharpe(), 3)},
            {"Sortino (daily, annualised)", text(s.sortino(), 3)},
            {"Max drawdown (USD)", money(s.maxDrawdown())},
            {"Turnover (USD)", money(s.turnoverUsd())},
            {"Exposure", pct(s.exposure())},
            {"Days", Integer.toString(s.days())},
            {"VaR 95% of daily P&L (USD)", money(s.var95())},
            {"CVaR 95% of daily P&L (USD)", money(s.cvar95())},
            {"Signals / one-leg fills", r.signals() + " / " + r.oneLegFills()},
            {"Not traded: " + r.refused().total(), reasons(r.refused())},
            {"Events", String.format(Locale.ROOT, "%,d", r.events())},
        };
        for (int i = 0; i < rows.length; i++) {
            sb.append(i == 0 ? "" : ",").append('[').append(js(rows[i][0])).append(',').append(js(rows[i][1]))
                    .append(']');
        }
        for (Map.Entry<String, Double> e : s.pnlByToken().entrySet()) {
            sb.append(",[").append(js("P&L " + e.getKey() + " (USD)")).append(',').append(js(money(e.getValue())))
                    .append(']');
        }
        sb.append("],\"equity\":[");
        double[] dd = r.drawdown();
        for (int i = 0; i < r.equity().length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"t\":").append(r.equityTimes()[i] / 1_000_000).append(",\"e\":")
                    .append(jn(r.equity()[i], 6)).append(",\"d\":").append(jn(dd[i], 6)).append('}');
        }
        sb.append("],\"histogram\":").append(histogram(r.trades()));
        sb.append(",\"trades\":[");
        List<Trade> ts = r.trades();
        for (int i = 0; i < ts.size(); i++) {
            Trade t = ts.get(i);
            sb.append(i == 0 ? "" : ",").append('[')
                    .append(js(shortTime(t.entryNanos()))).append(',').append(js(shortTime(t.exitNanos()))).append(',')
                    .append(js(t.token())).append(',').append(js(t.direction().label())).append(',')
                    .append(js(t.exitReason())).append(',')
                    .append(js(sig(t.perpEntryPx()))).append(',').append(js(sig(t.spotEntryPx()))).append(',')
                    .append(js(sig(t.perpExitPx()))).append(',').append(js(sig(t.spotExitPx()))).append(',')
                    .append(js(slip(t.perpEntrySlipBps()))).append(',').append(js(slip(t.spotEntrySlipBps())))
                    .append(',')
                    .append(js(slip(t.perpExitSlipBps()))).append(',').append(js(slip(t.spotExitSlipBps()))).append(',')
                    .append(js(money(t.feesUsd()))).append(',').append(js(money(t.fundingUsd()))).append(',')
                    .append(js(money(t.pnlUsd()))).append(']');
        }
        sb.append("],\"sweep\":").append(sweep == null ? "null" : sweep.heatmapJson());
        sb.append(",\"shown\":").append(sweep == null ? "null" : js(sweep.combos().get(sweep.best()).toString()));
        return sb.append('}').toString();
    }

    /** Event time to the millisecond, for the report's table: {@code 2025-01-15 12:00:01.250}. */
    static String shortTime(long nanos) {
        return Instant.ofEpochMilli(Math.floorDiv(nanos, 1_000_000L)).toString().replace('T', ' ').replace("Z", "");
    }

    /** Seven significant figures (BONK's 0.0000216 stays readable); empty for NaN. */
    static String sig(double v) {
        return Double.isFinite(v)
                ? new BigDecimal(v).round(new MathContext(7)).stripTrailingZeros().toPlainString() : "";
    }

    /** "12.3 green": slippage and its band; empty when the leg did not trade. */
    private static String slip(double bps) {
        return Double.isNaN(bps) ? "" : num(bps, 2) + " " + Trade.band(bps);
    }

    /** Trade P&amp;L histogram: up to 20 equal bins between the smallest and largest P&amp;L. */
    static String histogram(List<Trade> trades) {
        if (trades.isEmpty()) {
            return "{\"labels\":[],\"counts\":[]}";
        }
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Trade t : trades) {
            lo = Math.min(lo, t.pnlUsd());
            hi = Math.max(hi, t.pnlUsd());
        }
        int bins = hi > lo ? Math.min(20, Math.max(1, trades.size())) : 1;
        double w = hi > lo ? (hi - lo) / bins : 1;
        int[] counts = new int[bins];
        for (Trade t : trades) {
            counts[Math.min(bins - 1, (int) ((t.pnlUsd() - lo) / w))]++;
        }
        StringBuilder sb = new StringBuilder("{\"labels\":[");
        for (int i = 0; i < bins; i++) {
            double a = lo + i * w;
            String label = hi > lo ? money(a) + " to " + money(a + w) : money(lo);
            sb.append(i == 0 ? "" : ",").append(js(label));
        }
        sb.append("],\"counts\":[");
        for (int i = 0; i < bins; i++) {
            sb.append(i == 0 ? "" : ",").append(counts[i]);
        }
        return sb.append("]}").toString();
    }
}
