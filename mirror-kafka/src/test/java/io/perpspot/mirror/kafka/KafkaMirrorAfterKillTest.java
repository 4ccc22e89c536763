package io.perpspot.mirror.kafka;

import static io.perpspot.engine.testkit.Await.await;
import static io.perpspot.mirror.kafka.MirrorChecks.assertPrefix;
import static io.perpspot.mirror.kafka.MirrorChecks.assertWholeJournal;
import static io.perpspot.mirror.kafka.MirrorChecks.journal;
import static io.perpspot.mirror.kafka.MirrorChecks.mirrorToTheEnd;
import static io.perpspot.mirror.kafka.MirrorChecks.topic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.journal.Journal;
import io.perpspot.mirror.kafka.testing.KafkaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine mirroring to Kafka is killed with SIGKILL; an engine restarted on the same journal mirrors on after the
 * last record Kafka holds, so Kafka ends up holding the final journal exactly: no gap, no duplicate.
 */
class KafkaMirrorAfterKillTest {
    private static final String ENGINE = "kill-1";

    @TempDir
    Path dir;

    private static List<String> sets(KafkaProcess kafka) {
        return List.of("sim.tokens=20", "tokens.max=20", "metrics.port=0", "dashboard.port=0", "engine.id=" + ENGINE,
                "mirror.kafka.bootstrap=" + kafka.bootstrap());
    }

    /** {@code perpspot run} in a JVM of its own, with the sidecars on (the mirror is the only one on this path). */
    private static Process child(KafkaProcess kafka, Path journal, Path log) throws IOException {
        Path jvmArgs = Path.of("..", "config", "jvm.args").toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmArgs, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.perpspot.engine.cli.PerpspotCli", "run", "--feed", "sim", "--journal", journal.toString()));
        for (String s : sets(kafka)) {
            cmd.add("--set");
            cmd.add(s);
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aRestartAfterSigkillMirrorsOnWithNoGapNorDuplicate() throws Exception {
        Path journal = dir.resolve("j");
        Path log = dir.resolve("run.log");
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            MirrorSettings s = MirrorChecks.settings(kafka);
            Process p = child(kafka, journal, log);
            try {
                await("the child's records on Kafka", 120, () -> {
                    assertTrue(p.isAlive(), "the child died early:\n" + read(log));
                    return read(log).contains("kafka mirror: engine " + ENGINE)
                            && topic(kafka, s.inputTopic()).size() >= 1000;
                });
                p.destroyForcibly(); // SIGKILL, mid-mirror
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child is gone");
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
            assertPrefix(journal(journal, Journal::input), topic(kafka, s.inputTopic()), ENGINE, "input");

            int before = topic(kafka, s.inputTopic()).size();
            try (Engine again = new Engine(EngineOptions.of(ConfigLoader.load(null, sets(kafka)), journal).feed("sim")
                    .dashboard(true))) {
                again.start();
                await("the restarted engine's records on Kafka", 120,
                        () -> topic(kafka, s.inputTopic()).size() > before + 300);
                again.requestStop();
            }
            // What the engine wrote after its sidecars stopped follows with the next mirror.
            mirrorToTheEnd(kafka, journal);
            assertWholeJournal(kafka, journal, ENGINE);
        }
    }
}
