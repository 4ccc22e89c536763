package io.perpspot.mirror.kafka;

import static io.perpspot.engine.testkit.Await.await;
import static io.perpspot.mirror.kafka.MirrorChecks.assertWholeJournal;
import static io.perpspot.mirror.kafka.MirrorChecks.journal;
import static io.perpspot.mirror.kafka.MirrorChecks.mirrorToTheEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.testkit.SyntheticJournal;
import io.perpspot.mirror.kafka.testing.KafkaProcess;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
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
            MirrorChecks.append(journal, 300, 0);
            List<MirrorChecks.Entry> input = journal(journal, Journal::input);
            assertEquals(EventType.ENGINE_START, input.get(input.size() - 1).bytes()[0]);
            mirrorToTheEnd(kafka, journal);
            assertWholeJournal(kafka, journal, engineId);
        }
    }

    /** The value of a metric's data point with {@code queue=<queue>}, as a scrape reads it. */
    private static double figure(PrometheusRegistry registry, String name, String queue) {
        for (MetricSnapshot m : registry.scrape()) {
            if (m.getMetadata().getName().equals(name)) {
                for (DataPointSnapshot d : m.getDataPoints()) {
                    if (queue.equals(d.getLabels().get("queue"))) {
                        return d instanceof GaugeSnapshot.GaugeDataPointSnapshot g ? g.getValue()
                                : ((CounterSnapshot.CounterDataPointSnapshot) d).getValue();
                    }
                }
            }
        }
        throw new AssertionError("no " + name + "{queue=" + queue + "}");
    }

    @Test
    void aBrokerOutageHoldsTheMirrorWhichCatchesUpAfterwardsWithNoGapNorDuplicate() throws Exception {
        Path journal = dir.resolve("j");
        SyntheticJournal.builder().tokens(4).seconds(30).write(journal);
        String engineId;
        try (Journal j = Journal.openForRead(journal)) {
            engineId = j.engineId();
        }
        // A producer buffer of 1 MiB, so the outage fills it and the journal holds the rest.
        Path props = Files.writeString(dir.resolve("client.properties"), "buffer.memory=1048576\nbatch.size=16384\n");
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            MirrorSettings settings = MirrorSettings.from(ConfigLoader.load(null, List.of(
                    "mirror.kafka.bootstrap=" + kafka.bootstrap(), "mirror.kafka.properties=" + props)));
            KafkaMirror mirror = KafkaMirror.start(settings, journal);
            try {
                long first = journal(journal, Journal::input).size();
                await("the mirror catches up", 120, () -> mirror.recordsMirrored() >= first);
                kafka.stop();
                // Written while the broker is away: more than the producer's buffer holds.
                MirrorChecks.append(journal, 30_000, 0);
                long all = journal(journal, Journal::input).size() + journal(journal, Journal::output).size();
                PrometheusRegistry registry = new PrometheusRegistry();
                mirror.registerMetrics(registry);
                // The newest appended record is 2 minutes of event time after the synthetic journal's start, at least
                // a minute after what Kafka holds (the synthetic journal's 30 s at most): the lag in seconds is event
                // time, not wall time. Measured each second: awaited until a measurement saw the appended records.
                await("the backlog measured and on /metrics", 30, () -> mirror.inputBehind() > 0
                        && mirror.inputLagSeconds() > 60
                        && figure(registry, "perpspot_kafka_mirror_behind_records", "input") == mirror.inputBehind()
                        && figure(registry, "perpspot_kafka_mirror_lag_seconds", "input") == mirror.inputLagSeconds());
                assertTrue(mirror.inputLagSeconds() < 121, "input lag " + mirror.inputLagSeconds() + " s");
                long before = mirror.recordsMirrored();
                kafka.start();
                await("the mirror catches up after the outage", 120, () -> mirror.recordsMirrored() == all);
                assertTrue(before < all, "the outage held records back: " + before + " of " + all);
                await("nothing behind", 30, () -> mirror.inputBehind() == 0
                        && figure(registry, "perpspot_kafka_mirror_behind_records", "input") == 0
                        && figure(registry, "perpspot_kafka_mirror_lag_seconds", "input") == 0);
                assertTrue(mirror.summary().contains("behind: input 0 records (0.0 s), output 0 records (0.0 s)"),
                        mirror.summary());
                assertEquals(all, figure(registry, "perpspot_kafka_mirror_records", "input")
                        + figure(registry, "perpspot_kafka_mirror_records", "output"));
            } finally {
                mirror.close();
            }
            assertWholeJournal(kafka, journal, engineId);
        }
    }
}
