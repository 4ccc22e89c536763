package io.perpspot.mirror.kafka;

import static io.perpspot.mirror.kafka.MirrorChecks.assertPrefix;
import static io.perpspot.mirror.kafka.MirrorChecks.assertWholeJournal;
import static io.perpspot.mirror.kafka.MirrorChecks.journal;
import static io.perpspot.mirror.kafka.MirrorChecks.topic;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.testkit.Await;
import io.perpspot.mirror.kafka.testing.KafkaProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror as a sidecar of the real sim engine (found through the engine's Sidecar seam): while the engine runs,
 * Kafka holds an exact prefix of its journal; the engine closes the mirror after the journal's last write (the
 * cache's stop status, the final latency snapshot), so after a clean stop Kafka holds exactly the final journal, and
 * the run's summary says so.
 */
class KafkaMirrorInTheEngineTest {
    @TempDir
    Path dir;

    @Test
    void aCleanStopDrainsTheWholeJournalToKafkaAndTheSummarySaysSo() {
        Path journal = dir.resolve("j");
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            MirrorSettings s = MirrorChecks.settings(kafka);
            var config = ConfigLoader.load(null, List.of("dashboard.port=0", "sim.tokens=10", "tokens.max=10",
                    "engine.id=sim-1", "mirror.kafka.bootstrap=" + kafka.bootstrap()));
            ByteArrayOutputStream summary = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            try (Engine engine = new Engine(EngineOptions.of(config, journal).feed("sim").dashboard(true))) {
                engine.start();
                Await.await("the live engine's records on Kafka", 90, () -> topic(kafka, s.inputTopic()).size() > 500
                        && !topic(kafka, s.outputTopic()).isEmpty());
                assertPrefix(journal(journal, Journal::input), topic(kafka, s.inputTopic()), "sim-1", "input");
                engine.requestStop();
                System.setOut(new PrintStream(summary, true, StandardCharsets.UTF_8));
            } finally {
                System.setOut(stdout);
            }
            List<MirrorChecks.Entry> input = journal(journal, Journal::input);
            int last = input.get(input.size() - 1).bytes()[0];
            assertTrue(last == EventType.SOURCE_STATUS || last == EventType.LATENCY_SNAPSHOT,
                    "the journal ends with what the engine writes after its feeds stop, not type " + last);
            assertWholeJournal(kafka, journal, "sim-1");
            String text = summary.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("kafka mirror      " + (topic(kafka, s.inputTopic()).size()
                    + topic(kafka, s.outputTopic()).size()) + " records to " + kafka.bootstrap()), text);
            assertTrue(text.contains("behind: input 0 records (0.0 s), output 0 records (0.0 s)"), text);
        }
    }
}
