package io.perpspot.mirror.kafka;

import static io.perpspot.mirror.kafka.MirrorChecks.assertPrefix;
import static io.perpspot.mirror.kafka.MirrorChecks.assertWholeJournal;
import static io.perpspot.mirror.kafka.MirrorChecks.journal;
import static io.perpspot.mirror.kafka.MirrorChecks.mirrorToTheEnd;
import static io.perpspot.mirror.kafka.MirrorChecks.topic;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.testkit.Await;
import io.perpspot.mirror.kafka.testing.KafkaProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror as a sidecar of the real sim engine (found through the engine's Sidecar seam): while the engine runs,
 * Kafka holds an exact prefix of its journal; the records the engine writes after its sidecars stop follow at the
 * next start, after what Kafka holds, so in the end Kafka holds the whole journal once.
 */
class KafkaMirrorInTheEngineTest {
    @TempDir
    Path dir;

    @Test
    void theEnginesSidecarMirrorsTheLiveJournalAndTheNextStartCompletesIt() {
        Path journal = dir.resolve("j");
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            MirrorSettings s = MirrorChecks.settings(kafka);
            var config = ConfigLoader.load(null, List.of("dashboard.port=0", "sim.tokens=10", "tokens.max=10",
                    "engine.id=sim-1", "mirror.kafka.bootstrap=" + kafka.bootstrap()));
            try (Engine engine = new Engine(EngineOptions.of(config, journal).feed("sim").dashboard(true))) {
                engine.start();
                Await.await("the live engine's records on Kafka", 90, () -> topic(kafka, s.inputTopic()).size() > 500
                        && !topic(kafka, s.outputTopic()).isEmpty());
                engine.requestStop();
            }
            assertPrefix(journal(journal, Journal::input), topic(kafka, s.inputTopic()), "sim-1", "input");
            assertPrefix(journal(journal, Journal::output), topic(kafka, s.outputTopic()), "sim-1", "output");
            mirrorToTheEnd(kafka, journal);
            assertWholeJournal(kafka, journal, "sim-1");
            assertTrue(topic(kafka, s.inputTopic()).size() > 500);
        }
    }
}
