package io.perpspot.mirror.kafka;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalHandler;
import io.perpspot.engine.testkit.SyntheticJournal;
import io.perpspot.mirror.kafka.testing.KafkaProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** What the mirror tests compare: a journal queue's records, raw, and a topic's records, read independently. */
final class MirrorChecks {
    /** Event time of the appended records: 90 s after the 30 s synthetic journal starts. */
    private static final long LATER_NANOS = SyntheticJournal.START_NANOS + 90_000_000_000L;

    private MirrorChecks() {
    }

    /** Appends EngineStart records stamped one millisecond apart from a minute after the synthetic journal ends. */
    static void append(Path journal, int records, int from) {
        try (Journal j = Journal.openForWrite(journal, "daily")) {
            JournalHandler h = new JournalHandler(j.input());
            MarketEvent e = new MarketEvent();
            for (int i = from; i < from + records; i++) {
                h.onEvent(EngineEvents.engineStart(e, "# more " + i + "\n", LATER_NANOS + i * 1_000_000L));
            }
            h.close();
        }
    }

    /** The mirror's settings for the test broker. */
    static MirrorSettings settings(KafkaProcess kafka) {
        return MirrorSettings.from(ConfigLoader.load(null, List.of("mirror.kafka.bootstrap=" + kafka.bootstrap(),
                "mirror.kafka.drain-timeout=60s")));
    }

    /** Runs a mirror on the journal until Kafka acknowledges its last record of each queue, then closes it. */
    static void mirrorToTheEnd(KafkaProcess kafka, Path journal) {
        List<Entry> in = journal(journal, Journal::input);
        List<Entry> out = journal(journal, Journal::output);
        long lastIn = in.get(in.size() - 1).index();
        long lastOut = out.get(out.size() - 1).index();
        KafkaMirror mirror = KafkaMirror.start(settings(kafka), journal);
        try {
            await("the mirror reaches the journal's end", 120,
                    () -> mirror.inputAcked() == lastIn && mirror.outputAcked() == lastOut);
            await("nothing behind", 30, () -> mirror.inputBehind() == 0 && mirror.outputBehind() == 0);
        } finally {
            mirror.close();
        }
        assertTrue(mirror.stopped(), "close() drains and ends the mirror's thread");
    }

    /** Kafka holds both queues of the journal, whole and exact. */
    static void assertWholeJournal(KafkaProcess kafka, Path journal, String engineId) {
        MirrorSettings s = settings(kafka);
        assertMirrored(journal(journal, Journal::input), topic(kafka, s.inputTopic()), engineId, "input");
        assertMirrored(journal(journal, Journal::output), topic(kafka, s.outputTopic()), engineId, "output");
    }

    /** One journal record: its queue index and bytes. */
    record Entry(long index, byte[] bytes) {
    }

    static List<Entry> journal(Path dir, Function<Journal, ChronicleQueue> queue) {
        List<Entry> all = new ArrayList<>();
        try (Journal j = Journal.openForRead(dir); ExcerptTailer t = queue.apply(j).createTailer().toStart()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return all;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    byte[] bytes = new byte[(int) b.readRemaining()];
                    b.read(bytes);
                    all.add(new Entry(dc.index(), bytes));
                }
            }
        }
    }

    /** Every record of the topic's only partition (the test broker makes topics of one). */
    static List<ConsumerRecord<byte[], byte[]>> topic(KafkaProcess kafka, String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrap(),
                "enable.auto.commit", "false", "key.deserializer", BYTES, "value.deserializer", BYTES))) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            await("reading " + topic + " to offset " + end, 120, () -> {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
                return c.position(tp, Duration.ofSeconds(30)) >= end;
            });
        }
        return all;
    }

    private static final String BYTES = "org.apache.kafka.common.serialization.ByteArrayDeserializer";

    /** Kafka holds the whole journal queue: one record per journal record, in order, exactly. */
    static void assertMirrored(List<Entry> journal, List<ConsumerRecord<byte[], byte[]>> topic,
                               String engineId, String queue) {
        assertEquals(journal.size(), topic.size(), queue + ": one Kafka record per journal record");
        assertPrefix(journal, topic, engineId, queue);
    }

    /** Kafka holds the journal queue's first records, in order, exactly: no gap, no duplicate, nothing else. */
    static void assertPrefix(List<Entry> journal, List<ConsumerRecord<byte[], byte[]>> topic,
                             String engineId, String queue) {
        assertTrue(topic.size() <= journal.size(), queue + ": " + topic.size() + " Kafka records for a journal of "
                + journal.size());
        for (int i = 0; i < topic.size(); i++) {
            Entry e = journal.get(i);
            ConsumerRecord<byte[], byte[]> r = topic.get(i);
            String at = queue + " record " + i;
            assertEquals(Long.toString(e.index()), MirrorHeaders.text(r.headers(), MirrorHeaders.INDEX), at);
            assertArrayEquals(e.bytes(), r.value(), at);
            assertEquals(engineId, new String(r.key(), StandardCharsets.UTF_8), at);
            assertEquals(engineId, MirrorHeaders.text(r.headers(), MirrorHeaders.ENGINE), at);
            assertEquals(queue, MirrorHeaders.text(r.headers(), MirrorHeaders.QUEUE), at);
            assertEquals(Integer.toString(e.bytes()[0] & 0xFF), MirrorHeaders.text(r.headers(), MirrorHeaders.TYPE),
                    at);
        }
    }
}
