package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.tools.format.ChartJs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code replay --template} over a journal the engine wrote from the sim venues on loopback:
 * trades, statistics and the report; byte-identical CSVs run after run; a sweep gives the same
 * rows on one thread and on two; bad input is one line and exit code 2.
 *
 * <p>The engine stamps its records with the wall clock, so a run could straddle a UTC midnight
 * (two days of P&amp;L) or a whole hour (a funding settlement). The backtest reads a copy of the
 * run moved to a fixed time instead ({@link SimBacktestJournal#atFixedTime}): the same records, every time
 * shifted by one whole number of seconds so that the first lies in {@code 2025-01-15T12:00:00Z}'s second.
 */
class BacktestSimJournalTest {
    @TempDir
    static Path tmp;
    static Path journal;
    static Path templates;

    @BeforeAll
    static void simJournal() throws Exception {
        journal = SimBacktestJournal.record(tmp);
        templates = SimBacktestJournal.templates(tmp);
    }

    /** The rows of a two-column CSV (stats.csv) by their first field. */
    private static Map<String, String> metrics(Path csv) throws Exception {
        Map<String, String> m = new HashMap<>();
        for (String line : Files.readAllLines(csv)) {
            int comma = line.indexOf(',');
            m.put(line.substring(0, comma), line.substring(comma + 1));
        }
        return m;
    }

    private static InProcessCli.Run backtest(Path out, Object... extra) {
        Object[] base = {"replay", journal, "--template", "Any Edge", "--templates", templates, "--tokens", "all",
            "--seed", "7", "--report", out};
        Object[] args = new Object[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return InProcessCli.run(args);
    }

    @Test
    void producesTradesStatisticsAndTheReportAndTheSameCsvsTwice() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        InProcessCli.Run r = backtest(a);
        assertEquals(0, r.code(), r::toString);
        InProcessCli.Run r2 = backtest(b, "--no-progress");
        assertEquals(0, r2.code(), r2::toString);
        List<String> trades = Files.readAllLines(a.resolve("trades.csv"));
        assertTrue(trades.size() > 1, "trades: " + trades);
        for (String f : new String[] {"trades.csv", "equity.csv", "stats.csv"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
            String text = Files.readString(a.resolve(f));
            assertFalse(text.contains("NaN") || text.contains("Infinity"), f + ":\n" + text);
        }
        String stats = Files.readString(a.resolve("stats.csv"));
        for (String k : new String[] {"total_pnl_usd,", "win_rate,", "sharpe,", "sortino,", "max_drawdown_usd,",
                "turnover_usd,",
            "exposure,", "var95_daily_usd,", "cvar95_daily_usd,"}) {
            assertTrue(stats.contains("\n" + k), k + " in\n" + stats);
        }
        assertTrue(stats.contains("\nsharpe,\n"), "one day of data: Sharpe is undefined and left empty\n" + stats);
        // One UTC day (the copy's fixed time): its P&L is the whole run's, each position closed by the end, so
        // the historical VaR and CVaR of the one daily P&L are both its loss, -total P&L.
        Map<String, String> m = metrics(a.resolve("stats.csv"));
        assertEquals("1", m.get("days"), stats);
        double total = Double.parseDouble(m.get("total_pnl_usd"));
        assertEquals(-total, Double.parseDouble(m.get("var95_daily_usd")), 1e-7, stats);
        assertEquals(-total, Double.parseDouble(m.get("cvar95_daily_usd")), 1e-7, stats);
        double tradesPnl = 0;
        for (String row : trades.subList(1, trades.size())) {
            String[] f = row.split(",", -1);
            tradesPnl += Double.parseDouble(f[f.length - 1]);
        }
        assertEquals(total, tradesPnl, 1e-6, "total P&L is the trades' P&L");
        // The maximum drawdown is the deepest point of equity.csv's drawdown column; the curve starts at T0's second.
        List<String> equity = Files.readAllLines(a.resolve("equity.csv"));
        double deepest = 0;
        for (String row : equity.subList(1, equity.size())) {
            deepest = Math.max(deepest, -Double.parseDouble(row.split(",")[2]));
        }
        assertEquals(deepest, Double.parseDouble(m.get("max_drawdown_usd")), 1e-8, stats);
        assertTrue(equity.get(1).startsWith("2025-01-15T12:00:00."), equity.get(1));
        String html = Files.readString(a.resolve("report.html"));
        assertTrue(html.contains("Chart.js v" + ChartJs.version()), "Chart.js inlined");
        assertFalse(html.contains("<script src"), "self-contained");
        assertTrue(html.contains("\"trades\":[[\""), "trades table data");
        assertTrue(r.out().contains("total P&L"), r.out());
        assertTrue(r.err().contains("backtest [###"), "progress bar on stderr: " + r.err());
        assertEquals("", r2.err(), "--no-progress");
    }

    @Test
    void aSweepGivesIdenticalRowsOnOneAndOnTwoThreads() throws Exception {
        Path one = tmp.resolve("s1");
        Path two = tmp.resolve("s2");
        Object[] sweep = {"--no-progress", "--sweep", "notional-usd=500,2000", "--sweep",
                "backtest.stop-loss-bps=5:25:10"};
        InProcessCli.Run r1 = backtest(one, concat(sweep, "--threads", "1"));
        InProcessCli.Run r2 = backtest(two, concat(sweep, "--threads", "2"));
        assertEquals(0, r1.code(), r1::toString);
        assertEquals(0, r2.code(), r2::toString);
        List<String> rows = Files.readAllLines(one.resolve("sweep.csv"));
        assertEquals(1 + 2 * 3, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).startsWith("notional-usd,backtest.stop-loss-bps,trades,total_pnl_usd"), rows.get(0));
        assertEquals("500,5", rows.get(1).substring(0, 5));
        assertEquals(rows, Files.readAllLines(two.resolve("sweep.csv")));
        assertTrue(Files.readString(one.resolve("report.html")).contains("\"sweep\":{\"x\":\"notional-usd\""));
        // The notional changes the P&L: the rows are not all the same.
        assertTrue(rows.stream().skip(1).map(l -> l.split(",")[3]).distinct().count() > 1, String.join("\n", rows));
    }

    @Test
    void everySignalNotTradedIsCountedOnceUnderTheRuleThatRefusedIt() throws Exception {
        Path out = tmp.resolve("picky");
        InProcessCli.Run r = InProcessCli.run("replay", journal, "--template", "Picky", "--templates", templates,
                "--tokens", "all",
                "--seed", "7", "--no-progress", "--report", out);
        assertEquals(0, r.code(), r::toString);
        Map<String, String> m = metrics(out.resolve("stats.csv"));
        long refused = 0;
        for (String reason : new String[] {"token", "direction", "min_spread", "funding", "depth", "max_latency",
            "leg_failures"}) {
            refused += Long.parseLong(m.get("refused_" + reason));
        }
        long signals = Long.parseLong(m.get("signals"));
        long trades = Long.parseLong(m.get("trades"));
        assertEquals(signals - trades, refused, "the reasons add up to the signals not traded: " + m);
        // A long-perp-only template refuses every short-perp signal under 'direction', whatever its edge.
        assertTrue(Long.parseLong(m.get("refused_direction")) > 0, m::toString);
        assertTrue(Long.parseLong(m.get("refused_min_spread")) > 0, m::toString);
        assertEquals("0", m.get("refused_token"), "the template is applied to every token: " + m);
        assertTrue(r.out().contains("not traded " + String.format(Locale.ROOT, "%,d", refused)), r.out());
        assertTrue(r.out().contains("direction " + m.get("refused_direction")), r.out());
    }

    private static Object[] concat(Object[] a, Object... b) {
        Object[] out = new Object[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--template|Nope|--template: unknown template 'Nope'",
        "--sweep|colour=1,2|--sweep: unknown key 'colour'",
        "--from|2001-01-01|--from: 2001-01-01 is outside the journal",
        "--to|2001-01-01|--to: 2001-01-01 is outside the journal",
        "--tokens|NOPE|--tokens: unknown token 'NOPE'",
        "--speed|fast|--speed: expected max or a positive number",
    })
    void badInputIsOneLineNamingItAndExitCode2(String option, String value, String message) {
        InProcessCli.Run r = option.equals("--template")
                ? InProcessCli.run("replay", journal, "--template", value, "--templates", templates)
                : InProcessCli.run("replay", journal, "--template", "Any Edge", "--templates", templates, option,
                        value);
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("perpspot: " + message), r::toString);
    }
}
