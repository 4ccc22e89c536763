package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.testkit.PairsJournal;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code perpspot simulate} on a journal written through the live topology, and its bad-input errors. */
class SimulateCommandTest {
    @TempDir
    static Path tmp;
    static Path journal;
    static Path empty;

    @BeforeAll
    static void journals() {
        journal = SyntheticJournal.builder().tokens(3).write(tmp.resolve("j")).dir();
        empty = definitionsOnly(tmp.resolve("empty"));
    }

    /** A journal holding an EngineStart and SOL's TokenDef, and no market data: empty books. */
    private static Path definitionsOnly(Path dir) {
        Journal journal = Journal.openForWrite(dir, "daily");
        try (ExcerptAppender appender = journal.input().createAppender()) {
            MarketEvent e = new MarketEvent();
            EngineEvents.engineStart(e, StrategySettings.from(ConfigLoader.defaults()).text(),
                    SyntheticJournal.START_NANOS);
            write(appender, e);
            EngineEvents.tokenDef(e, Fixtures.shippedTokens().get(0), SyntheticJournal.START_NANOS);
            write(appender, e);
        } finally {
            journal.close();
        }
        return dir;
    }

    @Test
    void aTemplateOfTheSameVenueCarryPricesHyperliquidSpotAndNamesItsLegs() {
        Path three = PairsJournal.write(tmp.resolve("three")).dir;
        InProcessCli.Run r = InProcessCli.run("simulate", "--journal", three, "--token", "SOL", "--template",
                "SOL Carry", "--paths", "1000");
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        for (String s : new String[] {"simulate SOL with \"SOL Carry\" (perp-hlspot)",
            "long-perp/short-hlspot (mid basis -1.50 bps",
            "  hlspot entry          99.9775         99.985           0.75   green    book, 2 levels",
            "  hlspot exit  ", "  perp entry  ",
            "Hyperliquid fees (2 x 4.50 bps)", "Hyperliquid spot fees (2 x 7.00 bps)     -14.00",
            "Solana base + priority fees (2 tx)        -0.00"}) {
            assertTrue(out.contains(s), "missing '" + s + "' in\n" + out);
        }
        InProcessCli.Run none = InProcessCli.run("simulate", "--journal", journal, "--token", "SOL", "--template",
                "SOL Carry");
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.err().startsWith("perpspot: --token: SOL has no perp-hlspot prices in "), none::toString);
    }

    private static void write(ExcerptAppender appender, MarketEvent e) {
        try (DocumentContext dc = appender.writingDocument()) {
            InputCodec.write(e, dc.wire().bytes());
        }
    }

    private static InProcessCli.Run simulate(Object... extra) {
        Object[] args = new Object[extra.length + 3];
        args[0] = "simulate";
        args[1] = "--journal";
        args[2] = journal;
        System.arraycopy(extra, 0, args, 3, extra.length);
        return InProcessCli.run(args);
    }

    @Test
    void printsBasisCostsAndThePnlDistributionFromTheLatestState() {
        InProcessCli.Run r = simulate("--token", "SOL", "--template", "SOL Scalping", "--paths", "20000", "--seed",
                "7");
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        for (String s : new String[] {"simulate SOL with \"SOL Scalping\"", "perp entry", "spot entry",
                "executable basis",
            "Hyperliquid fees (2 x 4.50 bps)", "Solana base + priority fees", "funding carry", "net edge",
            "Monte Carlo: 20,000 paths, seed 7", "P&L USD        mean", "p5", "p50", "p95", "historical", "parametric",
            "Monte Carlo", "Sharpe", "probability of profit", "template check:"}) {
            assertTrue(out.contains(s), "missing '" + s + "' in\n" + out);
        }
        assertTrue(out.contains("book, "), "the perp leg walks the journaled L2 book:\n" + out);
        assertFalse(out.contains("NaN") || out.contains("Infinity"), out);
        // Same seed, same report; another seed, another distribution.
        assertEquals(out, simulate("--token", "SOL", "--template", "SOL Scalping", "--paths", "20000", "--seed", "7")
                .out());
        assertNotEquals(out, simulate("--token", "SOL", "--template", "SOL Scalping", "--paths", "20000", "--seed",
                "8").out());
    }

    @Test
    void sizeChangesTheExecutablePrices() {
        InProcessCli.Run small = simulate("--token", "SOL", "--template", "SOL Scalping", "--paths", "1000", "--size",
                "100");
        InProcessCli.Run large = simulate("--token", "SOL", "--template", "SOL Scalping", "--paths", "1000", "--size",
                "20000");
        assertEquals(0, small.code(), small::toString);
        assertEquals(0, large.code(), large::toString);
        assertTrue(small.out().contains("$100.00 = "), small.out());
        assertTrue(large.out().contains("$20,000.00 = "), large.out());
        assertNotEquals(line(small.out(), "spot entry"), line(large.out(), "spot entry"));
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.trim().startsWith(start)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--size|0|--size: must be a number of USD",
        "--size|-5|--size: must be a number of USD",
        "--size|1e12|--size: must be a number of USD",
        "--size|900000000|--size: ",
        "--paths|0|--paths: must be in [1, 10000000], got 0",
        "--paths|10000001|--paths: must be in [1, 10000000], got 10000001",
        "--token|XYZ|--token: unknown token 'XYZ'",
        "--template|SOL Scalp|--template: unknown template 'SOL Scalp'",
        "--template|ETH Conservative|--template: 'ETH Conservative' is for ETH, not SOL",
    })
    void badInputStopsWithOneLineNamingTheOption(String option, String value, String message) {
        String token = "SOL";
        String template = "SOL Scalping";
        String size = null;
        String paths = "100";
        switch (option) {
            case "--token" -> token = value;
            case "--template" -> template = value;
            case "--size" -> size = value;
            default -> paths = value;
        }
        InProcessCli.Run r = size == null ? simulate("--token", token, "--template", template, "--paths", paths)
                : simulate("--token", token, "--template", template, "--paths", paths, "--size", size);
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("perpspot: " + message), r::toString);
        assertEquals("", r.out(), r::toString);
    }

    @Test
    void emptyBooksAndMissingJournalsAreUsageErrors() {
        InProcessCli.Run r = InProcessCli.run("simulate", "--journal", empty, "--token", "SOL", "--template",
                "SOL Scalping");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("perpspot: --token: SOL has empty books"), r::toString);
        InProcessCli.Run missing =
                InProcessCli.run("simulate", "--journal", tmp.resolve("nope"), "--token", "SOL", "--template",
                "SOL Scalping");
        assertEquals(2, missing.code(), missing::toString);
        assertEquals(1, missing.errLines().size(), missing::toString);
    }

    @Test
    void anInvalidTemplatesFileIsOneLineAndExitTwo() throws Exception {
        Path f = tmp.resolve("bad-templates.yaml");
        Files.writeString(f, "templates:\n  - name: X\n    token: SOL\n");
        InProcessCli.Run r = simulate("--token", "SOL", "--template", "X", "--templates", f);
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("template 1 ('X'): ") && r.err().contains("missing"), r::toString);
    }
}
