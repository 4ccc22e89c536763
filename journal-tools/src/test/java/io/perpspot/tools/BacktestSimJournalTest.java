package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code replay --template} over a journal the engine wrote from the sim venues on loopback:
 * trades, statistics and the report; byte-identical CSVs run after run; a sweep gives the same
 * rows on one thread and on two; bad input is one line and exit code 2.
 */
class BacktestSimJournalTest {
    @TempDir
    static Path tmp;
    static Path journal;
    static Path templates;

    @BeforeAll
    static void simJournal() throws Exception {
        journal = tmp.resolve("j");
        // Fast statistics and frequent dislocations, so a short run has signals (as EngineSimRunTest).
        var config = ConfigLoader.load(null, List.of("strategy.zscore.sample-interval=200ms",
                "strategy.zscore.min-samples=20", "strategy.zscore.window=60", "sim.dislocation-rate=0.02"));
        try (Engine engine = new Engine(EngineOptions.of(config, journal).feed("sim").duration(Duration.ofSeconds(6)))) {
            engine.start();
            engine.awaitStop(Duration.ofSeconds(30));
        }
        templates = tmp.resolve("templates.yaml");
        Files.writeString(templates, """
                templates:
                  - name: Any Edge
                    token: SOL
                    notional-usd: 1000
                    max-latency: 2s
                    min-spread-bps: -100
                    funding-threshold-bps: 10
                    direction: auto
                    risk-multiplier: 1.0
                    holding-horizon: 5s
                """);
    }

    private static Cli.Run backtest(Path out, Object... extra) {
        Object[] base = {"replay", journal, "--template", "Any Edge", "--templates", templates, "--tokens", "all",
            "--seed", "7", "--report", out};
        Object[] args = new Object[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    @Test
    void producesTradesStatisticsAndTheReportAndTheSameCsvsTwice() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Cli.Run r = backtest(a);
        assertEquals(0, r.code(), r::toString);
        Cli.Run r2 = backtest(b, "--no-progress");
        assertEquals(0, r2.code(), r2::toString);
        List<String> trades = Files.readAllLines(a.resolve("trades.csv"));
        assertTrue(trades.size() > 1, "trades: " + trades);
        for (String f : new String[] {"trades.csv", "equity.csv", "stats.csv"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
            String text = Files.readString(a.resolve(f));
            assertFalse(text.contains("NaN") || text.contains("Infinity"), f + ":\n" + text);
        }
        String stats = Files.readString(a.resolve("stats.csv"));
        for (String k : new String[] {"total_pnl_usd,", "win_rate,", "sharpe,", "sortino,", "max_drawdown_usd,", "turnover_usd,",
            "exposure,", "var95_daily_usd,", "cvar95_daily_usd,"}) {
            assertTrue(stats.contains("\n" + k), k + " in\n" + stats);
        }
        assertTrue(stats.contains("\nsharpe,\n"), "one day of data: Sharpe is undefined and left empty\n" + stats);
        String html = Files.readString(a.resolve("report.html"));
        assertTrue(html.contains("Chart.js v4") || html.contains("Chart"), "Chart.js inlined");
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
        Object[] sweep = {"--no-progress", "--sweep", "notional-usd=500,2000", "--sweep", "backtest.stop-loss-bps=5:25:10"};
        Cli.Run r1 = backtest(one, concat(sweep, "--threads", "1"));
        Cli.Run r2 = backtest(two, concat(sweep, "--threads", "2"));
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
        Cli.Run r = option.equals("--template")
                ? Cli.run("replay", journal, "--template", value, "--templates", templates)
                : Cli.run("replay", journal, "--template", "Any Edge", "--templates", templates, option, value);
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("perpspot: " + message), r::toString);
    }
}
