package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testkit.PairsJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools on a journal whose strategy derived records of all three venue pairs ({@link PairsJournal}, through the
 * engine's pipeline): stats, dump, export, analytics and replay show each pair apart, with the figures the script
 * makes (see its javadoc):
 *
 * <pre>
 * Spread        perp-jupiter 70 (one a second), perp-hlspot 50 and hlspot-jupiter 50 (36 seconds with a Hyperliquid
 *               spot book, then 14 more until its leg is older than 15 s)
 * Opportunity   perp-jupiter 2 short-perp/long-spot (55 s, 60 s), perp-hlspot 2 short-perp/long-hlspot (30 s, 35 s),
 *               hlspot-jupiter 2 long-hlspot/short-jupiter (30 s, 35 s)
 * refused       hlspot-jupiter 2 stale-perp (55 s, 60 s: its leg A, Hyperliquid spot, 19 s and 24 s old)
 * </pre>
 */
class JournalPairsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static PairsJournal journal;

    @BeforeAll
    static void write() {
        journal = PairsJournal.write(tmp.resolve("j"));
    }

    @Test
    void theEngineDerivedRecordsOfEveryPair() {
        assertEquals(179, journal.inputRecords);
        assertEquals(37, journal.hlSpotEvents);
        assertEquals(List.of(70L, 50L, 50L), List.of(journal.spreadsByPair[0], journal.spreadsByPair[1],
                journal.spreadsByPair[2]));
        assertEquals(List.of(2L, 2L, 2L), List.of(journal.opportunitiesByPair[0], journal.opportunitiesByPair[1],
                journal.opportunitiesByPair[2]));
        assertEquals(2, journal.refusals);
        InProcessCli.Run run = InProcessCli.run("replay", journal.dir, "--verify");
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("OK: 179 input events replayed"), run::toString);
    }

    @Test
    void statsJsonCountsEachPairApart() throws Exception {
        InProcessCli.Run run = InProcessCli.run("journal", "stats", journal.dir, "--format", "json");
        assertEquals(0, run.code(), run::toString);
        JsonNode s = JSON.readTree(run.out());
        assertEquals(170, s.at("/output/spreads").asLong());
        assertEquals(6, s.at("/output/opportunities").asLong());
        assertEquals(2, s.at("/output/rejected").asLong());
        // The names are perp-jupiter's, and so are the counts: perp-hlspot's short-perp/long-hlspot are not in them.
        assertEquals(2, s.at("/output/opportunitiesByDirection").get("short-perp/long-spot").asLong());
        assertEquals(0, s.at("/output/opportunitiesByDirection").get("long-perp/short-spot").asLong());
        assertEquals(2, s.at("/output/rejectedByReason/stale-perp").asLong());
        JsonNode byPair = s.at("/output/byPair");
        assertEquals(List.of("perp-jupiter", "perp-hlspot", "hlspot-jupiter"), names(byPair));
        for (int p = 0; p < VenuePair.COUNT; p++) {
            JsonNode n = byPair.get(VenuePair.name(p));
            assertEquals(journal.spreadsByPair[p], n.get("spreads").asLong(), VenuePair.name(p));
            assertEquals(journal.opportunitiesByPair[p], n.get("opportunities").asLong(), VenuePair.name(p));
        }
        // Direction names contain '/': looked up by key.
        assertEquals(2, byPair.get("perp-jupiter").get("opportunitiesByDirection").get("short-perp/long-spot")
                .asLong());
        assertEquals(0, byPair.get("perp-jupiter").get("opportunitiesByDirection").get("long-perp/short-spot")
                .asLong());
        assertEquals(2, byPair.get("perp-hlspot").get("opportunitiesByDirection").get("short-perp/long-hlspot")
                .asLong());
        assertEquals(2, byPair.get("hlspot-jupiter").get("opportunitiesByDirection").get("long-hlspot/short-jupiter")
                .asLong());
        assertEquals(0, byPair.get("hlspot-jupiter").get("opportunitiesByDirection").get("short-hlspot/long-jupiter")
                .asLong());
        assertEquals(0, byPair.get("perp-jupiter").get("rejected").asLong());
        assertEquals(2, byPair.get("hlspot-jupiter").get("rejected").asLong());
        assertEquals(2, byPair.get("hlspot-jupiter").at("/rejectedByReason/stale-perp").asLong());
        assertEquals(0, byPair.get("hlspot-jupiter").at("/rejectedByReason/stale-spot").asLong());

        JsonNode sol = s.at("/tokens/bySymbol/SOL");
        assertEquals(70, sol.get("perp").asLong());
        assertEquals(37, sol.get("hlSpot").asLong());
        assertEquals(70, sol.get("spot").asLong());
        assertEquals(6, sol.get("opportunities").asLong());
        assertEquals(50, sol.at("/spreadsByPair/perp-hlspot").asLong());
        assertEquals(2, sol.at("/opportunitiesByPair/hlspot-jupiter").asLong());
        assertEquals(37, s.at("/input/bySource/hl-spot").asLong());
    }

    @Test
    void statsTextShowsThePairsSideBySide() {
        InProcessCli.Run run = InProcessCli.run("journal", "stats", journal.dir);
        assertEquals(0, run.code(), run::toString);
        String out = run.out();
        assertTrue(out.contains("\noutput by venue pair         perp-jupiter    perp-hlspot hlspot-jupiter\n"), out);
        assertTrue(out.contains(row("Spread", 70, 50, 50)), out);
        assertTrue(out.contains(row("Opportunity", 2, 2, 2)), out);
        assertTrue(out.contains(row("  short A/long B", 2, 2, 0)), out);
        assertTrue(out.contains(row("  long A/short B", 0, 0, 2)), out);
        assertTrue(out.contains(row("Opportunity rejected", 0, 0, 2)), out);
        assertTrue(out.contains(row("  stale-perp", 0, 0, 2)), out);
        assertTrue(out.contains(row("  stale-spot", 0, 0, 0)), out);
        String byType = out.substring(out.indexOf("output by type"), out.indexOf("output by venue pair"));
        assertTrue(!byType.contains("short-perp/long-spot"), "no direction across pairs under one pair's name: "
                + byType);
        // The token table: events by venue, then tradable opportunities in all and per pair.
        assertTrue(out.matches("(?s).*\\n  symbol\\s+records\\s+perp\\s+hlspot\\s+spot\\s+spreads\\s+opportunities"
                + "\\s+perp-jupiter\\s+perp-hlspot\\s+hlspot-jupiter\\n  SOL\\s+178\\s+70\\s+37\\s+70\\s+170\\s+6"
                + "\\s+2\\s+2\\s+2\\n.*"), out);
    }

    private static String row(String name, long a, long b, long c) {
        return String.format("  %-24s %,14d %,14d %,14d%n", name, a, b, c);
    }

    @Test
    void dumpNamesThePairAndItsLegsInTheDirection() throws Exception {
        InProcessCli.Run run = InProcessCli.run("journal", "dump", journal.dir, "--type", "Opportunity");
        assertEquals(0, run.code(), run::toString);
        List<String> seen = new ArrayList<>();
        for (String line : run.outLines()) {
            JsonNode n = JSON.readTree(line);
            seen.add(n.get("pair").asText() + " " + n.get("direction").asText() + " " + n.get("rejectReason").asText());
        }
        assertEquals(List.of(
                "perp-hlspot short-perp/long-hlspot none", "hlspot-jupiter long-hlspot/short-jupiter none",
                "perp-hlspot short-perp/long-hlspot none", "hlspot-jupiter long-hlspot/short-jupiter none",
                "perp-jupiter short-perp/long-spot none", "hlspot-jupiter short-hlspot/long-jupiter stale-perp",
                "perp-jupiter short-perp/long-spot none", "hlspot-jupiter short-hlspot/long-jupiter stale-perp"),
                seen);
        InProcessCli.Run first = InProcessCli.run("journal", "dump", journal.dir, "--type", "Opportunity", "--limit",
                "1");
        JsonNode o = JSON.readTree(first.out());
        // 30 s: Hyperliquid spot 80 bps under the perp; leg B's price is its ask, leg A's the perp's bid.
        assertEquals("99.205", o.get("spotPx").asText());
        assertEquals("99.995", o.get("perpPx").asText());
        assertEquals(23, o.get("feesBps").asDouble(), 0, "2 x (4.5 perp + 7 hl spot taker)");
        InProcessCli.Run text = InProcessCli.run("journal", "dump", journal.dir, "--type", "Spread", "--format",
                "text", "--limit", "3");
        assertEquals(0, text.code(), text::toString);
        assertEquals(3, text.outLines().size(), text::toString);
        assertTrue(text.outLines().get(0).endsWith(" pair=perp-jupiter"), text::toString);
        assertTrue(text.outLines().get(1).endsWith(" pair=perp-hlspot"), text::toString);
        assertTrue(text.outLines().get(2).endsWith(" pair=hlspot-jupiter"), text::toString);
    }

    @Test
    void dumpPairNarrowsSpreadsAndOpportunitiesOnly() throws Exception {
        InProcessCli.Run run = InProcessCli.run("journal", "dump", journal.dir, "--type", "Spread,Opportunity",
                "--pair", "HLSPOT-jupiter");
        assertEquals(0, run.code(), run::toString);
        assertEquals(54, run.outLines().size(), "50 spreads, 2 opportunities, 2 refused");
        for (String line : run.outLines()) {
            assertEquals("hlspot-jupiter", JSON.readTree(line).get("pair").asText(), line);
        }
        InProcessCli.Run withInput = InProcessCli.run("journal", "dump", journal.dir, "--type",
                "TokenDef,Opportunity", "--pair", "perp-jupiter,perp-hlspot");
        assertEquals(5, withInput.outLines().size(), "the TokenDef has no pair: it stays; " + withInput);
        InProcessCli.Run bad = InProcessCli.run("journal", "dump", journal.dir, "--pair", "perp-cex");
        assertEquals(2, bad.code(), bad::toString);
        assertEquals(List.of("perpspot: journal dump: unknown --pair 'perp-cex'; one of perp-jupiter, perp-hlspot, "
                + "hlspot-jupiter"), bad.errLines());
    }

    @Test
    void exportHasAPairColumnThatDuckDbGroupsBy() throws Exception {
        Path out = tmp.resolve("export");
        InProcessCli.Run run = InProcessCli.run("journal", "export", journal.dir, "--no-progress", "--out", out,
                "--type", "Spread,Opportunity", "--partition", "none");
        assertEquals(0, run.code(), run::toString);
        Path csv = tmp.resolve("export-csv");
        assertEquals(0, InProcessCli.run("journal", "export", journal.dir, "--no-progress", "--out", csv,
                "--format", "csv", "--type", "Opportunity").code());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            assertEquals(List.of("perp-hlspot 50", "hlspot-jupiter 50", "perp-jupiter 70"),
                    rows(st, "SELECT pair, count(*) FROM read_parquet('" + out + "/spread/*.parquet') GROUP BY pair"
                            + " ORDER BY count(*), pair DESC"));
            assertEquals(List.of("hlspot-jupiter long-hlspot/short-jupiter none 2",
                    "hlspot-jupiter short-hlspot/long-jupiter stale-perp 2",
                    "perp-hlspot short-perp/long-hlspot none 2", "perp-jupiter short-perp/long-spot none 2"),
                    rows(st, "SELECT pair, direction, reject_reason, count(*) FROM read_parquet('" + out
                            + "/opportunity/*.parquet') GROUP BY ALL ORDER BY ALL"));
            assertEquals(List.of("REQUIRED"), rows(st, "SELECT repetition_type FROM parquet_schema('" + out
                    + "/spread/*.parquet') WHERE name = 'pair'"));
            assertEquals(rows(st, "SELECT pair, direction, count(*) FROM read_parquet('" + out
                    + "/opportunity/*.parquet') GROUP BY ALL ORDER BY ALL"),
                    rows(st, "SELECT pair, direction, count(*) FROM read_csv('" + csv
                            + "/opportunity/**/*.csv') GROUP BY ALL ORDER BY ALL"));
        }
        Path one = tmp.resolve("export-one-pair");
        assertEquals(0, InProcessCli.run("journal", "export", journal.dir, "--no-progress", "--out", one,
                "--type", "Spread,Opportunity", "--pair", "perp-hlspot", "--partition", "none").code());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            assertEquals(List.of("perp-hlspot 50"), rows(st, "SELECT pair, count(*) FROM read_parquet('" + one
                    + "/spread/*.parquet') GROUP BY pair"));
            assertEquals(List.of("perp-hlspot 2"), rows(st, "SELECT pair, count(*) FROM read_parquet('" + one
                    + "/opportunity/*.parquet') GROUP BY pair"));
        }
        try (var files = Files.walk(csv.resolve("opportunity"))) {
            Path part = files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
            assertTrue(Files.readAllLines(part).get(0).endsWith(",reject_reason,pair"), "pair is the last column");
        }
    }

    private static List<String> rows(Statement st, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }

    @Test
    void analyticsGivesEachPairItsOwnRow() throws Exception {
        Path csv = tmp.resolve("analytics.csv");
        InProcessCli.Run run = InProcessCli.run("journal", "analytics", journal.dir, "--csv", csv);
        assertEquals(0, run.code(), run::toString);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size(), String.join("\n", lines));
        List<String> header = List.of(lines.get(0).split(","));
        List<String> got = new ArrayList<>();
        for (String line : lines.subList(1, 4)) {
            String[] f = line.split(",", -1);
            got.add(f[header.indexOf("pair")] + " " + f[header.indexOf("opportunities")] + " "
                    + f[header.indexOf("spreads")] + " " + f[header.indexOf("hl_spot")]);
        }
        assertEquals(List.of("perp-jupiter 2 70 37", "perp-hlspot 2 50 37", "hlspot-jupiter 2 50 37"), got);
    }

    @Test
    void replaySummaryCountsByTokenPairAndDirection() {
        InProcessCli.Run run = InProcessCli.run("replay", journal.dir);
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("derived 170 spread snapshots and 6 opportunities (and 2 refused by the gates)"),
                run::toString);
        assertTrue(run.out().matches("(?s).*\\n  SOL\\s+perp-jupiter\\s+70\\s+2\\s+0  short-perp/long-spot 2, "
                + "long-perp/short-spot 0\\n  SOL\\s+perp-hlspot\\s+50\\s+2\\s+0  short-perp/long-hlspot 2, "
                + "long-perp/short-hlspot 0\\n  SOL\\s+hlspot-jupiter\\s+50\\s+2\\s+2  short-hlspot/long-jupiter 0, "
                + "long-hlspot/short-jupiter 2\\n.*"), run::toString);
    }

    private static List<String> names(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
