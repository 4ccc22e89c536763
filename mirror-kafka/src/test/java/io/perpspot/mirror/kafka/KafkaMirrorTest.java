package io.perpspot.mirror.kafka;

import static io.perpspot.mirror.kafka.MirrorChecks.assertWholeJournal;
import static io.perpspot.mirror.kafka.MirrorChecks.journal;
import static io.perpspot.mirror.kafka.MirrorChecks.mirrorToTheEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalHandler;
import io.perpspot.engine.testkit.SyntheticJournal;
import io.perpspot.mirror.kafka.testing.KafkaProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror on a real broker: Kafka ends up holding every record of both queues exactly once, in journal order,
 * byte for byte, with their headers; a second mirror on the grown journal continues after what Kafka holds.
 */
class KafkaMirrorTest {
    @TempDir
    Path dir;

    @Test
    void kafkaHoldsEveryJournalRecordOnceInOrderAndASecondMirrorContinuesAfterIt() {
        Path journal = dir.resolve("j");
        SyntheticJournal.builder().tokens(4).seconds(30).write(journal);
        String engineId;
        try (Journal j = Journal.openForRead(journal)) {
            engineId = j.engineId();
        }
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            mirrorToTheEnd(kafka, journal);
            assertWholeJournal(kafka, journal, engineId);

            // The journal grows (a later run, in today's roll cycle); a new mirror continues after what Kafka holds.
            try (Journal j = Journal.openForWrite(journal, "daily")) {
                JournalHandler h = new JournalHandler(j.input());
                MarketEvent e = new MarketEvent();
                for (int i = 0; i < 300; i++) {
                    h.onEvent(EngineEvents.engineStart(e, "# more " + i + "\n", SyntheticJournal.START_NANOS + i));
                }
                h.close();
            }
            List<MirrorChecks.Entry> input = journal(journal, Journal::input);
            assertEquals(EventType.ENGINE_START, input.get(input.size() - 1).bytes()[0]);
            mirrorToTheEnd(kafka, journal);
            assertWholeJournal(kafka, journal, engineId);
        }
    }
}
