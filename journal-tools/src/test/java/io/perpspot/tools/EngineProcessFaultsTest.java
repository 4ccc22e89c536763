package io.perpspot.tools;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.app.Engine;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testing.InProcessCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 2: the engine as a child process, writing a sim feed at a high rate, killed with
 * SIGKILL ({@code Process.destroyForcibly} on Linux) or SIGTERM ({@code Process.destroy}).
 */
class EngineProcessFaultsTest {
    @TempDir
    Path tmp;

    /** A high event rate: every sim interval at (or near) its minimum, 40 pairs. */
    private static final List<String> FAST = List.of("sim.tokens=40", "tokens.max=40", "sim.tick-interval=1ms",
            "sim.bbo-interval=1ms", "sim.book-interval=2ms", "sim.mids-interval=2ms", "sim.ctx-interval=20ms",
            "strategy.state.snapshot-interval=1s");

    private Process startChild(Path journal, Path log) throws IOException {
        Path jvmArgs = Paths.get("..", "config", "jvm.args").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jvmArgs), "JVM flags file " + jvmArgs);
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmArgs, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.perpspot.engine.cli.PerpspotCli", "run", "--feed", "sim", "--journal", journal.toString(),
                "--no-dashboard"));
        for (String s : FAST) {
            cmd.add("--set");
            cmd.add(s);
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the child has journaled at least {@code n} input records (read concurrently). */
    private static void awaitInputs(Process p, Path journal, Path log, long n) throws InterruptedException {
        await("the child journals " + n + " input records; log:\n" + tail(log), 90, () -> {
            assertTrue(p.isAlive(), "the child died early:\n" + tail(log));
            if (!read(log).contains("engine started")) {
                return false;
            }
            try (JournalReader r = JournalReader.open(journal)) {
                return r.forEachInput(e -> true) >= n;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    @Test
    void killDashNineWhileWritingLeavesAReadableVerifiablePrefixAndARestartCompletesIt() throws Exception {
        Path journal = tmp.resolve("j");
        Path log = tmp.resolve("run.log");
        Process p = startChild(journal, log);
        try {
            awaitInputs(p, journal, log, 20_000);
            assertTrue(p.isAlive());
            p.destroyForcibly(); // SIGKILL, mid-write
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child is gone");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        assertEquals(137, p.exitValue(), "killed by SIGKILL, not a clean exit");
        assertFalse(read(log).contains("perpspot run stopped after"), "no summary: it was killed");

        // Every complete record reads, without error, to the end of both queues.
        long[] counts = SimEngines.readAll(journal);
        assertTrue(counts[0] >= 20_000 && counts[1] > 0, "records read: " + counts[0] + " in, " + counts[1] + " out");
        InProcessCli.Run prefix = InProcessCli.run("replay", journal, "--verify", "--prefix");
        assertEquals(0, prefix.code(), prefix.toString());

        // A restarted engine recovers, completes the output the kill cut short, and continues.
        Engine again = SimEngines.sim(journal, FAST.toArray(String[]::new));
        try {
            again.start();
            assertFalse(again.assembly().recovery().empty(), again.assembly().recovery().describe());
            assertEquals(0, again.assembly().recovery().divergences(), again.assembly().recovery().describe());
            long at = again.assembly().journaled();
            await("the restarted engine journals", 60, () -> again.assembly().journaled() > at + 500);
        } finally {
            again.close();
        }
        assertEquals(counts[0] + again.assembly().journaled(), SimEngines.readAll(journal)[0],
                "the restart appended to the same input queue");
        assertEquals(2, SimEngines.engineStarts(journal).size());
        InProcessCli.Run verify = InProcessCli.run("replay", journal, "--verify");
        assertEquals(0, verify.code(), "after the restart the whole journal verifies\n" + verify
                + "\nrecovery: " + again.assembly().recovery().describe());
        assertTrue(verify.out().contains("identical"), verify.out());
    }

    @Test
    void sigtermStopsWithinABoundPrintsTheSummaryAndLeavesAJournalThatVerifies() throws Exception {
        Path journal = tmp.resolve("j");
        Path log = tmp.resolve("run.log");
        Process p = startChild(journal, log);
        long stopNanos;
        try {
            awaitInputs(p, journal, log, 10_000);
            long t0 = System.nanoTime();
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exits within 20 s of SIGTERM:\n" + tail(log));
            stopNanos = System.nanoTime() - t0;
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        String text = read(log);
        int exit = p.exitValue();
        assertTrue(exit == 0 || exit == 143, "exit code " + exit + "\n" + tail(log));
        assertTrue(text.contains("perpspot run stopped after"), "summary printed on SIGTERM:\n" + tail(log));
        assertTrue(text.contains("events journaled"), tail(log));
        assertFalse(text.contains("Exception in thread"), tail(log));
        assertTrue(stopNanos < 20_000_000_000L);
        SimEngines.readAll(journal);
        InProcessCli.Run verify = InProcessCli.run("replay", journal, "--verify");
        assertEquals(0, verify.code(), "a SIGTERM leaves a complete journal: plain --verify\n" + verify);
        assertTrue(verify.out().contains("identical"), verify.out());
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path p) {
        String t = read(p);
        return t.length() > 3000 ? t.substring(t.length() - 3000) : t;
    }
}
