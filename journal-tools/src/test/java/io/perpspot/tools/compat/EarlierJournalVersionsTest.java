package io.perpspot.tools.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.testing.InProcessCli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Today's readers read journals written by earlier releases: {@code journal-v1-e63f023-sim-3s.zip} is a 3 s
 * {@code run --feed sim} of commit e63f023 (journal format version 1, record versions 2), committed as written, and
 * {@code journal-v1-d9c146e-sim-3s-hlspot.zip} one of d9c146e (Hyperliquid spot journaled, not folded).
 * {@code journal stats}, {@code journal dump} and {@code replay --verify} must read it to the figures that release
 * printed for it; its Spread records (output version 1, before venue pairs) read as {@code perp-jupiter}'s.
 */
class EarlierJournalVersionsTest {
    private static final String V1 = "journal-v1-e63f023-sim-3s.zip";
    /**
     * A 3 s {@code run --feed sim} of commit d9c146e, the release before the third venue: input records version 3 with
     * 57 Hyperliquid spot books (source hl-spot) that release journaled without folding them, output records
     * version 2. Figures below are what that release's {@code journal stats} and {@code replay --verify} printed.
     */
    private static final String HL_SPOT_UNFOLDED = "journal-v1-d9c146e-sim-3s-hlspot.zip";

    @TempDir
    Path tmp;

    @Test
    void statsCountsEveryRecordOfAVersion1Journal() throws IOException {
        Path dir = unzip(V1);
        assertEquals("1", marker(dir).getProperty("version"));
        InProcessCli.Run r = InProcessCli.run("journal", "stats", dir);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("input     5,847 records"), r.out());
        assertTrue(r.out().contains("output    640 records"), r.out());
        assertTrue(r.out().matches("(?s).*PerpBbo\\s+2,786\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*hl-ws-mainnet\\s+4,041\\n.*"), r.out());
    }

    @Test
    void dumpDecodesAVersion1RecordToItsExactValues() throws IOException {
        Path dir = unzip(V1);
        InProcessCli.Run r = InProcessCli.run("journal", "dump", dir, "--type", "PerpBbo", "--token", "SOL",
                "--limit", "1");
        assertEquals(0, r.code(), r.toString());
        assertEquals("{\"queue\":\"input\",\"type\":\"PerpBbo\",\"token\":\"SOL\",\"index\":89309549953453,"
                + "\"time\":\"2026-12-07T20:28:54.138361995Z\",\"source\":\"hl-ws-mainnet\",\"tokenId\":0,"
                + "\"recvNanos\":1796675334138361995,\"exchTime\":\"2026-12-07T20:28:54.124Z\",\"bidPx\":\"120.02\","
                + "\"bidSz\":\"333.79\",\"askPx\":\"120.03\",\"askSz\":\"855\"}", r.outLines().get(0));
    }

    @Test
    void recordsBeforeVersion3AreThePerpJupiterPairs() throws Exception {
        Path dir = unzip(V1);
        InProcessCli.Run dump = InProcessCli.run("journal", "dump", dir, "--type", "Spread", "--token", "SOL",
                "--limit", "1");
        assertEquals(0, dump.code(), dump.toString());
        assertTrue(dump.out().endsWith(",\"pair\":\"perp-jupiter\"}\n"), dump.out());
        InProcessCli.Run stats = InProcessCli.run("journal", "stats", dir, "--format", "json");
        assertEquals(0, stats.code(), stats.toString());
        JsonNode byPair = new ObjectMapper().readTree(stats.out()).at("/output/byPair");
        assertEquals(640, byPair.at("/perp-jupiter/spreads").asLong(), "every output record is a Spread of pair 0");
        assertEquals(0, byPair.at("/perp-hlspot/spreads").asLong());
        assertEquals(0, byPair.at("/hlspot-jupiter/spreads").asLong());
        Path out = tmp.resolve("export");
        InProcessCli.Run export = InProcessCli.run("journal", "export", dir, "--no-progress", "--out", out, "--type",
                "Spread", "--format", "csv", "--partition", "none");
        assertEquals(0, export.code(), export.toString());
        List<String> lines = Files.readAllLines(out.resolve("spread/part-00000.csv"));
        assertEquals(641, lines.size());
        assertTrue(lines.get(0).endsWith(",perp_age_ms,pair"), lines.get(0));
        assertTrue(lines.subList(1, lines.size()).stream().allMatch(l -> l.endsWith(",perp-jupiter")));
    }

    @Test
    void replayVerifiesAVersion1JournalByteForByte() throws IOException {
        Path dir = unzip(V1);
        InProcessCli.Run r = InProcessCli.run("replay", dir, "--verify");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("OK: 5,847 input events replayed, 640 output records compared, identical byte"
                + " for byte"), r.toString());
    }

    @Test
    void theReleaseBeforeTheThirdVenueVerifiesWithItsHyperliquidSpotBooksUnfolded() throws IOException {
        Path dir = unzip(HL_SPOT_UNFOLDED);
        Properties m = marker(dir);
        assertEquals("3", m.getProperty("input.record-version"));
        assertEquals("2", m.getProperty("output.record-version"));
        InProcessCli.Run stats = InProcessCli.run("journal", "stats", dir);
        assertEquals(0, stats.code(), stats.toString());
        assertTrue(stats.out().contains("input     3,200 records"), stats.out());
        assertTrue(stats.out().contains("output    480 records"), stats.out());
        assertTrue(stats.out().matches("(?s).*hl-spot\\s+57\\n.*"), stats.out());
        InProcessCli.Run dump = InProcessCli.run("journal", "dump", dir, "--type", "PerpBbo", "--token", "SOL",
                "--format", "json");
        assertEquals(0, dump.code(), dump.toString());
        assertTrue(dump.outLines().contains("{\"queue\":\"input\",\"type\":\"PerpBbo\",\"token\":\"SOL\","
                + "\"index\":89313844921120,\"time\":\"2026-12-08T01:25:11.723213835Z\",\"source\":\"hl-spot\","
                + "\"tokenId\":0,\"recvNanos\":1796693111723213835,\"exchTime\":\"2026-12-08T01:25:11.842Z\","
                + "\"bidPx\":\"119.98\",\"bidSz\":\"317.491\",\"askPx\":\"119.99\",\"askSz\":\"87.357\"}"),
                "a Hyperliquid spot book of that release decodes to its exact values");
        InProcessCli.Run r = InProcessCli.run("replay", dir, "--verify");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("OK: 3,200 input events replayed, 480 output records compared, identical byte"
                + " for byte"), r.toString());
    }

    private Path unzip(String name) throws IOException {
        Path dir = tmp.resolve("journal");
        try (InputStream raw = EarlierJournalVersionsTest.class.getResourceAsStream(name)) {
            assertNotNull(raw, "no test resource " + name);
            try (ZipInputStream zip = new ZipInputStream(raw)) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    Path to = dir.resolve(e.getName()).normalize();
                    assertTrue(to.startsWith(dir), e.getName());
                    if (e.isDirectory()) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(zip, to);
                    }
                }
            }
        }
        return dir;
    }

    private static Properties marker(Path dir) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("perpspot-journal.properties"))) {
            p.load(in);
        }
        return p;
    }
}
