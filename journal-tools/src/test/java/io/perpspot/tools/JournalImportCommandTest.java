package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testing.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal import}: CSV and JSON lines into a journal; malformed rows with --on-error fail and skip. */
class JournalImportCommandTest {
    @TempDir
    Path tmp;

    static final String CSV = """
            time,token,type,bid,ask,bid_size,ask_size,price,funding,premium,mark,oracle
            2025-01-15T12:00:01Z,SOL,spot,,,,,200.10,,,,
            2025-01-15T12:00:00Z,SOL,perp_bbo,200.00,200.05,12.5,8,,,,,
            2025-01-15T12:00:02Z,kBONK,perp_mid,,,,,0.0000216,,,,
            1736942403000,SOL,perp_ctx,,,,,,0.0000125,-0.0003,200.02,200.01
            """;

    private static List<long[]> records(Path dir) {
        List<long[]> out = new ArrayList<>();
        try (JournalReader r = JournalReader.open(dir)) {
            r.forEachInput(e -> {
                out.add(new long[] {e.type, e.source, e.tokenId, e.recvNanos, e.spotPx, e.bidPx, e.midPx, e.funding});
                return true;
            });
        }
        return out;
    }

    @Test
    void importsCsvRowsInTimeOrderWithSourceImport() throws Exception {
        Path f = tmp.resolve("ticks.csv");
        Files.writeString(f, CSV);
        Path out = tmp.resolve("j");
        InProcessCli.Run r = InProcessCli.run("journal", "import", "--format", "csv", f, "--out", out);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("4 rows imported, 0 malformed rows skipped, 2 tokens"), r.out());
        List<long[]> recs = records(out);
        assertEquals(EventType.ENGINE_START, recs.get(0)[0]);
        assertEquals(EventType.TOKEN_DEF, recs.get(1)[0]);
        assertEquals(EventType.TOKEN_DEF, recs.get(2)[0]);
        List<long[]> data = recs.subList(3, recs.size());
        assertEquals(List.of((long) EventType.PERP_BBO, (long) EventType.SPOT_PRICE, (long) EventType.PERP_MID,
                (long) EventType.PERP_CTX), data.stream().map(x -> x[0]).toList(), "sorted by time");
        assertTrue(data.stream().allMatch(x -> x[1] == Source.IMPORT));
        assertEquals(200_000_000_000_000L, data.get(0)[5]);
        assertEquals(200_100_000_000_000L, data.get(1)[4]);
        assertEquals(21_600_000L, data.get(2)[6], "BONK 0.0000216 exact");
        assertEquals(12_500_000L, data.get(3)[7]);
        assertEquals(1_736_942_403_000_000_000L, data.get(3)[3], "epoch ms accepted");
    }

    @Test
    void importsJsonLines() throws Exception {
        Path f = tmp.resolve("ticks.jsonl");
        Files.writeString(f, """
                {"time":"2025-01-15T12:00:00Z","token":"SOL","type":"spot","price":"200.1"}
                {"time":1736942401000,"token":"SOL","type":"perp_bbo","bid":200.0,"ask":"200.05"}
                """);
        Path out = tmp.resolve("j");
        InProcessCli.Run r = InProcessCli.run("journal", "import", "--format", "jsonl", f, "--out", out);
        assertEquals(0, r.code(), r::toString);
        List<long[]> recs = records(out);
        assertEquals(4, recs.size());
        assertEquals(200_100_000_000_000L, recs.get(2)[4]);
        assertEquals(200_000_000_000_000L, recs.get(3)[5]);
    }

    static final String BAD = """
            time,token,type,bid,ask,bid_size,ask_size,price,funding,premium,mark,oracle
            2025-01-15T12:00:00Z,SOL,spot,,,,,200.10,,,,
            2025-01-15T12:00:01Z,SOL,spot,,,,,abc,,,,
            yesterday,SOL,spot,,,,,200.2,,,,
            2025-01-15T12:00:03Z,SOL,perp_bbo,200.10,200.00,,,,,,,
            2025-01-15T12:00:04Z,SOL,spot,,,,,200.3,,,
            2025-01-15T12:00:05Z,SOL,swap,,,,,200.3,,,,
            2025-01-15T12:00:06Z,SOL,spot,,,,,200.4,,,,
            """;

    @Test
    void aMalformedRowRefusesTheImportByDefaultNamingFileAndLine() throws Exception {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, BAD);
        Path out = tmp.resolve("j");
        InProcessCli.Run r = InProcessCli.run("journal", "import", "--format", "csv", f, "--out", out, "--on-error",
                "fail");
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("perpspot: " + f + ":3: price: not a number: 'abc'"), r::toString);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void skipReportsEachMalformedRowAndImportsTheRest() throws Exception {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, BAD);
        Path out = tmp.resolve("j");
        InProcessCli.Run r = InProcessCli.run("journal", "import", "--format", "csv", f, "--out", out, "--on-error",
                "skip");
        assertEquals(0, r.code(), r::toString);
        List<String> err = r.errLines();
        assertEquals(5, err.size(), r::toString);
        assertTrue(err.get(0).startsWith("perpspot: skipped " + f + ":3: price: not a number"), r::toString);
        assertTrue(err.get(1).startsWith("perpspot: skipped " + f + ":4: time:"), r::toString);
        assertTrue(err.get(2).startsWith("perpspot: skipped " + f + ":5: crossed book"), r::toString);
        assertTrue(err.get(3).startsWith("perpspot: skipped " + f + ":6: expected 12 fields, got 11"), r::toString);
        assertTrue(err.get(4).startsWith("perpspot: skipped " + f + ":7: type: expected perp_bbo"), r::toString);
        assertTrue(r.out().contains("2 rows imported, 5 malformed rows skipped"), r.out());
        assertEquals(2, records(out).stream().filter(x -> x[0] == EventType.SPOT_PRICE).count());
        assertTrue(records(out).stream().noneMatch(x -> x[0] == EventType.SPOT_PRICE && x[4] == FixedPoint.NULL));
    }

    @Test
    void quotedFieldsAsPandasWritesThemAreOneFieldEachAndMalformedQuotingIsOneLine() throws Exception {
        Path f = tmp.resolve("quoted.csv");
        // to_csv(quoting=csv.QUOTE_ALL) quotes everything; the default quotes a field with a comma.
        Files.writeString(f, """
                "time","token","type","price"
                "2025-01-15T12:00:00Z","SOL","spot","200.10"
                2025-01-15T12:00:01Z,SOL,spot,"1,000.5"
                2025-01-15T12:00:02Z,SOL,spot,"200.2
                """);
        Path out = tmp.resolve("j");
        InProcessCli.Run r = InProcessCli.run("journal", "import", "--format", "csv", f, "--out", out, "--on-error",
                "skip");
        assertEquals(0, r.code(), r::toString);
        assertEquals(List.of("perpspot: skipped " + f + ":3: price: not a number: '1,000.5'",
                "perpspot: skipped " + f + ":4: column 4 (price): malformed CSV: Missing closing quote for value"
                        + " (at line 5)"),
                r.errLines(), "the quoted comma is inside one field; the open quote is named with its line and column");
        assertTrue(r.out().contains("1 rows imported, 2 malformed rows skipped"), r.out());
        assertEquals(200_100_000_000_000L, records(out).get(2)[4]);
    }

    @Test
    void aBadHeaderOrAnExistingJournalIsRefused() throws Exception {
        Path f = tmp.resolve("h.csv");
        Files.writeString(f, "time,token,kind\n2025-01-15T12:00:00Z,SOL,spot\n");
        InProcessCli.Run r = InProcessCli.run("journal", "import", "--format", "csv", f, "--out", tmp.resolve("j"),
                "--on-error", "skip");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("perpspot: " + f + ":1: unknown column 'kind'"), r::toString);
        Files.createDirectories(tmp.resolve("full"));
        Files.writeString(tmp.resolve("full/x"), "x");
        Path ok = tmp.resolve("ok.csv");
        Files.writeString(ok, CSV);
        InProcessCli.Run full = InProcessCli.run("journal", "import", "--format", "csv", ok, "--out",
                tmp.resolve("full"));
        assertEquals(2, full.code(), full::toString);
        assertTrue(full.err().contains("exists and is not an empty directory"), full::toString);
    }
}
