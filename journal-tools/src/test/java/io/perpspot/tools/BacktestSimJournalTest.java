package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.format.ChartJs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
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
 * run moved to a fixed time instead ({@link #atFixedTime}): the same records, every time shifted
 * by one whole number of seconds so that the first lies in {@code 2025-01-15T12:00:00Z}'s second.
 */
class BacktestSimJournalTest {
    /** Where the copy starts: 2025-01-15T12:00:00Z, an hour's first second (the run is seconds long). */
    static final long T0 = Instant.parse("2025-01-15T12:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    static Path tmp;
    static Path journal;
    static Path templates;

    @BeforeAll
    static void simJournal() throws Exception {
        Path recorded = tmp.resolve("engine");
        // Fast statistics and frequent dislocations, so a short run has signals (as EngineSimRunTest).
        var config = ConfigLoader.load(null, List.of("strategy.zscore.sample-interval=200ms",
                "strategy.zscore.min-samples=20", "strategy.zscore.window=60", "sim.dislocation-rate=0.02"));
        EngineOptions options = EngineOptions.of(config, recorded).feed("sim").duration(Duration.ofSeconds(6));
        try (Engine engine = new Engine(options)) {
            engine.start();
            engine.awaitStop(Duration.ofSeconds(30));
        }
        journal = atFixedTime(recorded, tmp.resolve("j"));
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
                  - name: Picky
                    token: SOL
                    notional-usd: 1000
                    max-latency: 2s
                    min-spread-bps: 20
                    funding-threshold-bps: 10
                    direction: long-perp
                    risk-multiplier: 1.0
                    holding-horizon: 5s
                """);
    }

    /**
     * Copies the input queue of {@code from} into a new journal with every receive and exchange
     * time moved by the same whole number of seconds, the first record into T0's second. Whole
     * seconds keep each time's place within its second, so the strategy's sub-second sampling
     * grid (200 ms here) sees the same events in the same samples.
     */
    static Path atFixedTime(Path from, Path to) {
        Journal copy = Journal.openForWrite(to, "daily");
        try (JournalReader reader = JournalReader.open(from); ExcerptAppender a = copy.input().createAppender()) {
            long[] shift = {Long.MIN_VALUE};
            reader.forEachInput(e -> {
                if (shift[0] == Long.MIN_VALUE) {
                    shift[0] = T0 - Math.floorDiv(e.recvNanos, SECOND) * SECOND;
                }
                e.recvNanos += shift[0];
                if (e.exchTimeMs > 0) {
                    e.exchTimeMs += shift[0] / 1_000_000;
                }
                try (DocumentContext dc = a.writingDocument()) {
                    InputCodec.write(e, dc.wire().bytes());
                }
                return true;
            });
        } finally {
            copy.close();
        }
        return to;
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

    @Test
    void everySignalNotTradedIsCountedOnceUnderTheRuleThatRefusedIt() throws Exception {
        Path out = tmp.resolve("picky");
        Cli.Run r = Cli.run("replay", journal, "--template", "Picky", "--templates", templates, "--tokens", "all",
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
        Cli.Run r = option.equals("--template")
                ? Cli.run("replay", journal, "--template", value, "--templates", templates)
                : Cli.run("replay", journal, "--template", "Any Edge", "--templates", templates, option, value);
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("perpspot: " + message), r::toString);
    }
}
