package io.perpspot.tools;

import static io.perpspot.engine.testing.LatencyJournal.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testing.LatencyJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal latency} on a journal with known feed latencies: the table, the .hgrm files
 * (parsed back), replay --verify with latency snapshots, and bad input.
 */
class JournalLatencyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void hgrmExportParsesBackAndItsPercentilesMatchTheRecordedData() throws Exception {
        Path j = tmp.resolve("j");
        LatencyJournal.write(j);
        Path out = tmp.resolve("hgrm");
        InProcessCli.Run run = InProcessCli.run("journal", "latency", j, "--out", out);
        assertEquals(0, run.code(), run.toString());
        Path file = out.resolve("feed.hl-ws-mainnet.hgrm");
        assertTrue(Files.isRegularFile(file), run.out());
        assertTrue(Files.isRegularFile(out.resolve("feed.jupiter-price.hgrm")), run.out());

        // HdrHistogram's percentile format: a header, rows of Value Percentile TotalCount 1/(1-Percentile),
        // then #[Mean ...], #[Max ...], #[Buckets ...] footers. Values are milliseconds here.
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).trim().matches("Value\\s+Percentile\\s+TotalCount\\s+1/\\(1-Percentile\\)"),
                lines.get(0));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+");
            assertTrue(f.length == 3 || f.length == 4, "row: " + l);
            rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        assertTrue(rows.size() > 10, "percentile rows: " + rows.size());
        // 1..100 ms merged with 3 × 7 ms: 103 values; the value at the first row with percentile >= 0.5 is 49 ms.
        double[] last = rows.get(rows.size() - 1);
        assertEquals(1.0, last[1], 1e-12);
        assertEquals(103, (long) last[2]);
        assertEquals(100.0, last[0], 0.1, "max, ms");
        double p50 = rows.stream().filter(r -> r[1] >= 0.5).findFirst().orElseThrow()[0];
        assertEquals(49.0, p50, 0.05, "p50, ms");
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i)[0] >= rows.get(i - 1)[0] && rows.get(i)[2] >= rows.get(i - 1)[2], "monotone at row "
                    + i);
        }
        String footer = String.join("\n", lines);
        assertTrue(footer.contains("#[Mean") && footer.contains("#[Max")
                && footer.contains("Total count    =          103"),
                footer);

        // The table: p50 49 ms, max 100 ms for hl; one negative for jupiter.
        String table = run.out();
        assertTrue(table.matches("(?s).*feed\\s+hl-ws-mainnet\\s+2\\s+103\\s+49\\.\\d+\\s+.*"), table);
        assertTrue(table.matches("(?s).*feed\\s+jupiter-price\\s+1\\s+10\\s+500\\.\\d+.*\\s1\\s+0\\n.*"), table);
    }

    @Test
    void latestShowsOnlyTheLastIntervalAndStatsShowsPercentiles() {
        Path j = tmp.resolve("j");
        LatencyJournal.write(j);
        InProcessCli.Run latest = InProcessCli.run("journal", "latency", j, "--latest");
        assertEquals(0, latest.code(), latest.toString());
        assertTrue(latest.out().matches("(?s).*feed\\s+hl-ws-mainnet\\s+1\\s+3\\s+7\\.\\d+\\s+.*"), latest.out());

        InProcessCli.Run stats = InProcessCli.run("journal", "stats", j);
        assertEquals(0, stats.code(), stats.toString());
        assertTrue(stats.out().contains("latency (all intervals merged)"), stats.out());
        assertTrue(stats.out().matches("(?s).*feed\\s+hl-ws-mainnet\\s+2\\s+103\\s+49\\.\\d+.*"), stats.out());
        assertTrue(stats.out().matches("(?s).*Latency\\s+3\\n.*"), stats.out());

        InProcessCli.Run dump = InProcessCli.run("journal", "dump", j, "--type", "Latency", "--format", "json");
        assertEquals(0, dump.code(), dump.toString());
        assertEquals(3, dump.outLines().size(), dump.out());
        assertTrue(dump.outLines().get(0).contains("\"kind\":\"feed\"")
                && dump.outLines().get(0).contains("\"count\":100"),
                dump.outLines().get(0));
        assertTrue(LatencyJournal.T0 > 0 && MS == 1_000_000L);
    }

    @Test
    void replayVerifyReproducesTheLatencySnapshots() {
        Path j = tmp.resolve("j");
        LatencyJournal.write(j);
        InProcessCli.Run verify = InProcessCli.run("replay", j, "--verify");
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(verify.out().contains("identical"), verify.out());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        InProcessCli.Run missing = InProcessCli.run("journal", "latency", tmp.resolve("nope"));
        assertEquals(2, missing.code(), missing.toString());
        assertEquals(1, missing.errLines().size(), missing.err());

        Path notJournal = Files.createDirectories(tmp.resolve("plain"));
        InProcessCli.Run plain = InProcessCli.run("journal", "latency", notJournal);
        assertEquals(2, plain.code(), plain.toString());
        assertTrue(plain.err().contains("not a perpspot journal"), plain.err());

        Path j = tmp.resolve("j");
        LatencyJournal.write(j);
        Path file = Files.writeString(tmp.resolve("file"), "x");
        InProcessCli.Run outIsFile = InProcessCli.run("journal", "latency", j, "--out", file);
        assertEquals(2, outIsFile.code(), outIsFile.toString());
        assertTrue(outIsFile.err().contains("not a directory"), outIsFile.err());

        InProcessCli.Run unknown = InProcessCli.run("journal", "latency", j, "--bogus");
        assertEquals(2, unknown.code(), unknown.toString());
    }
}
