package io.perpspot.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.tools.SimBacktestJournal;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --sweep ... --spark local[2]} over the sim backtest journal: Spark tasks give the same sweep.csv and
 * report.html, byte for byte, as {@code --threads 2}; a master that cannot be reached, or {@code --spark} with
 * {@code --threads}, is one line and exit code 2 with nothing written.
 */
class SparkSweepTest {
    /** Six combinations: two notionals by three stop losses. */
    private static final Object[] SWEEP = {"--no-progress", "--sweep", "notional-usd=500,2000", "--sweep",
        "backtest.stop-loss-bps=5:25:10"};

    @TempDir
    static Path tmp;
    static Path journal;
    static Path templates;

    @BeforeAll
    static void simJournal() throws Exception {
        journal = SimBacktestJournal.record(tmp);
        templates = SimBacktestJournal.templates(tmp);
    }

    private static InProcessCli.Run sweep(Path out, Object... extra) {
        Object[] base = {"replay", journal, "--template", "Any Edge", "--templates", templates, "--tokens", "all",
            "--seed", "7", "--report", out};
        Object[] args = new Object[base.length + SWEEP.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(SWEEP, 0, args, base.length, SWEEP.length);
        System.arraycopy(extra, 0, args, base.length + SWEEP.length, extra.length);
        return InProcessCli.run(args);
    }

    @Test
    void sparkLocalTwoAndTwoThreadsWriteTheSameSweepCsvAndReport() throws Exception {
        Path threads = tmp.resolve("threads");
        Path spark = tmp.resolve("spark");
        InProcessCli.Run t = sweep(threads, "--threads", "2");
        InProcessCli.Run s = sweep(spark, "--spark", "local[2]");
        assertEquals(0, t.code(), t::toString);
        assertEquals(0, s.code(), s::toString);
        List<String> rows = Files.readAllLines(threads.resolve("sweep.csv"));
        assertEquals(1 + 6, rows.size(), String.join("\n", rows));
        // The combinations differ in P&L, so equal files are not equal by accident of empty results.
        assertTrue(rows.stream().skip(1).map(l -> l.split(",")[3]).distinct().count() > 1, String.join("\n", rows));
        for (String f : List.of("sweep.csv", "report.html", "trades.csv", "equity.csv", "stats.csv")) {
            assertArrayEquals(Files.readAllBytes(threads.resolve(f)), Files.readAllBytes(spark.resolve(f)), f);
        }
        assertTrue(s.outLines().get(0).startsWith("sweep: 6 combinations on Spark local[2]; best"), s::toString);
    }

    @Test
    void aMasterThatCannotBeReachedIsOneLineNamingItAndNothingIsWritten() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        Path out = tmp.resolve("unreachable");
        String master = "spark://127.0.0.1:" + port;
        InProcessCli.Run r = sweep(out, "--spark", master);
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("perpspot: --spark: cannot reach the Spark master " + master), r::toString);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void sparkWithThreadsIsOneLineAndExitCode2() {
        Path out = tmp.resolve("both");
        InProcessCli.Run r = sweep(out, "--spark", "local[2]", "--threads", "2");
        assertEquals(2, r.code(), r::toString);
        assertEquals(List.of("perpspot: --spark: cannot be combined with --threads (the master sets the "
                + "parallelism, e.g. local[2])"), r.errLines(), r::toString);
        assertFalse(Files.exists(out), "nothing written");
    }
}
