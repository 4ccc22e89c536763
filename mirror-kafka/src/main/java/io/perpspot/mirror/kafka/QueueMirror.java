package io.perpspot.mirror.kafka;

import io.perpspot.engine.core.JournalFormatException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;

/**
 * One journal queue mirrored to one topic partition, in journal order: it reads the next records from its tailer and
 * hands them to the producer. A record the producer does not take (no metadata or a full buffer after
 * {@code max.block.ms}: the broker is away) is kept and offered again first, so none is skipped. Used on the
 * mirror's thread only.
 */
final class QueueMirror {
    private final String topic;
    private final int partition;
    private final byte[] key;
    private final byte[] queue;
    private final ChronicleQueue journalQueue;
    private final ExcerptTailer tailer;
    private final AtomicReference<Exception> failure;
    private byte[] pending;
    private long pendingIndex = -1;
    private long sent = -1;
    private volatile long acked = -1;
    /** Written by the producer's I/O thread alone (its callbacks), read by others. */
    private volatile long ackedRecords;
    /** Set by a callback that runs inside send() on this thread: the record was refused before it was taken. */
    private Exception rejected;
    private Exception held;
    private volatile long behind;

    QueueMirror(String queue, String topic, int partition, String engineId, ChronicleQueue journalQueue,
                AtomicReference<Exception> failure) {
        this.topic = topic;
        this.partition = partition;
        this.key = engineId.getBytes(StandardCharsets.UTF_8);
        this.queue = queue.getBytes(StandardCharsets.US_ASCII);
        this.journalQueue = journalQueue;
        this.tailer = journalQueue.createTailer().toStart();
        this.failure = failure;
    }

    /**
     * Measures how far Kafka's copy is behind the journal: the records after the last acknowledged one. Chronicle
     * counts them from its index files, without reading them.
     */
    void measure() {
        long last = journalQueue.lastIndex();
        long a = acked;
        if (last < 0 || a == last) {
            behind = 0;
        } else if (journalQueue instanceof SingleChronicleQueue q) {
            behind = a < 0 ? q.countExcerpts(q.firstIndex(), last) + 1 : q.countExcerpts(a, last);
        }
    }

    /** Journal records Kafka does not hold yet, as of the last {@link #measure()}. */
    long behind() {
        return behind;
    }

    /** Continues after the record {@code index} (what Kafka already holds), or from the start when -1. */
    void resumeAfter(long index) {
        if (index < 0) {
            tailer.toStart();
        } else {
            if (!tailer.moveToIndex(index)) {
                throw new JournalFormatException("kafka mirror: " + topic + " holds index " + index + " of this engine"
                        + " but its journal has no such record: the topic is not this journal's mirror");
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                // consumes the record Kafka already holds
            }
        }
        sent = index;
        acked = index;
    }

    /**
     * Hands up to {@code max} records to the producer.
     *
     * @return how many it took; fewer than {@code max} when the journal has no more yet or the producer is full
     */
    int step(Producer<byte[], byte[]> producer, int max) {
        int n = 0;
        while (n < max) {
            if (pending == null && !read()) {
                return n;
            }
            if (!offer(producer)) {
                return n;
            }
            n++;
        }
        return n;
    }

    private boolean read() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            Bytes<?> b = dc.wire().bytes();
            pending = new byte[(int) b.readRemaining()];
            b.read(pending);
            pendingIndex = dc.index();
            return true;
        }
    }

    private boolean offer(Producer<byte[], byte[]> producer) {
        long index = pendingIndex;
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, partition, key, pending,
                MirrorHeaders.of(key, queue, index, pending));
        Thread caller = Thread.currentThread();
        producer.send(r, (meta, e) -> {
            if (e == null) {
                acked = index;
                ackedRecords++;
            } else if (e instanceof RetriableException && Thread.currentThread() == caller) {
                // Called back inside send(): the record was not taken (no metadata, buffer full while the broker
                // is away, after max.block.ms). It stays pending and is offered again on the next step.
                rejected = e;
            } else {
                failure.compareAndSet(null, e);
            }
        });
        if (rejected != null) {
            held = rejected;
            rejected = null;
            return false;
        }
        held = null;
        sent = index;
        pending = null;
        return true;
    }

    /** Why Kafka did not take the last record offered, or null when it did. */
    Exception held() {
        return held;
    }

    /** True when every record read so far is acknowledged by Kafka and none waits to be sent. */
    boolean settled() {
        return pending == null && acked == sent;
    }

    /** The journal index of the last record Kafka acknowledged (or held at the start); -1 for none. */
    long acked() {
        return acked;
    }

    /** Records Kafka acknowledged since the start. */
    long ackedRecords() {
        return ackedRecords;
    }

    void close() {
        tailer.close();
    }
}
