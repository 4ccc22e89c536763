package io.perpspot.mirror.kafka.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test broker is a real one: it takes a topic, keeps exactly what was produced, and keeps it over a restart. */
class KafkaProcessTest {
    private static final String TOPIC = "perpspot.test";
    private static final int RECORDS = 1000;

    @TempDir
    Path dir;

    @Test
    void brokerKeepsExactlyTheProducedRecordsOverARestart() throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            try (Admin admin = kafka.admin(Map.of())) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, key(i), value(i)));
                }
                producer.flush();
            }
            assertRecords(kafka, "before the restart");

            kafka.stop();
            assertFalse(kafka.running());
            kafka.start();
            assertRecords(kafka, "after the restart");
            assertTrue(Files.readString(kafka.dir().resolve("broker.log")).contains("Kafka Server started"),
                    "the broker logs to its file");
        }
    }

    @Test
    void aBrokerThatCannotStartFailsWithItsLogsTail() throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
            kafka.stop();
            // Unformatted storage: the broker refuses to start and says why in its log.
            Files.delete(kafka.dir().resolve("data").resolve("meta.properties"));
            IllegalStateException e = assertThrows(IllegalStateException.class, kafka::start);
            assertTrue(e.getMessage().startsWith("the Kafka broker exited with "), e.getMessage());
            assertTrue(e.getMessage().contains("meta.properties"), e.getMessage());
            assertFalse(kafka.running());
        }
    }

    private static byte[] key(int i) {
        return ("k" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        return ("record " + i).getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaProcess kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads the partition from its start to its end offset: exactly the produced records, in order. */
    private static void assertRecords(KafkaProcess kafka, String when) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            assertEquals(RECORDS, end, when + ": the end offset");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (c.position(tp, Duration.ofSeconds(30)) < end && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(read::add);
            }
        }
        assertEquals(RECORDS, read.size(), when);
        for (int i = 0; i < RECORDS; i++) {
            ConsumerRecord<byte[], byte[]> r = read.get(i);
            assertEquals(i, r.offset(), when);
            assertEquals("k" + i, new String(r.key(), StandardCharsets.UTF_8), when);
            assertEquals("record " + i, new String(r.value(), StandardCharsets.UTF_8), when);
        }
    }
}
