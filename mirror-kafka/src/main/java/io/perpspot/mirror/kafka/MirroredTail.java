package io.perpspot.mirror.kafka;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads back from Kafka the journal index of the last record an engine produced to a partition: the point a
 * restarted mirror continues after. Several engines may share the partition, so it reads backwards from the end, a
 * chunk of offsets at a time, until a chunk holds one of this engine's records.
 */
final class MirroredTail {
    private static final int CHUNK = 2000;
    private static final Duration POLL = Duration.ofMillis(500);

    private MirroredTail() {
    }

    /**
     * The index header of the engine's last record in {@code tp}, or -1 when the partition holds none.
     *
     * @throws org.apache.kafka.common.KafkaException when Kafka cannot be read (the caller retries later)
     */
    static long lastIndex(Consumer<byte[], byte[]> consumer, TopicPartition tp, String engineId, Duration timeout) {
        consumer.assign(List.of(tp));
        long begin = consumer.beginningOffsets(List.of(tp), timeout).get(tp);
        long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
        while (end > begin) {
            long from = Math.max(begin, end - CHUNK);
            long found = lastIn(consumer, tp, from, end, engineId, timeout);
            if (found >= 0) {
                return found;
            }
            end = from;
        }
        return -1;
    }

    private static long lastIn(Consumer<byte[], byte[]> consumer, TopicPartition tp, long from, long to,
                               String engineId, Duration timeout) {
        consumer.seek(tp, from);
        long last = -1;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(tp, timeout) < to) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (r.offset() < to && engineId.equals(MirrorHeaders.text(r.headers(), MirrorHeaders.ENGINE))) {
                    last = Long.parseLong(MirrorHeaders.text(r.headers(), MirrorHeaders.INDEX));
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("reading " + tp + " back from offset " + from
                        + " took longer than " + timeout.toSeconds() + " s");
            }
        }
        return last;
    }
}
