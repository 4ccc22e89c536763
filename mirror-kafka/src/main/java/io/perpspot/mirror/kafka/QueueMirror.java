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
    /** Where a record's event time (epoch ns, LE) sits: an input record's recvNanos, an output record's timeNanos. */
    static final int INPUT_TIME_AT = 8;
    static final int OUTPUT_TIME_AT = 16;

    private final String topic;
    private final int timeAt;
    private final int partition;
    private final byte[] key;
    private final byte[] queue;
    private final ChronicleQueue journalQueue;
    private final ExcerptTailer tailer;
    /** Reads the journal's newest record (and first, before anything is acknowledged) for the lag in seconds. */
    private final ExcerptTailer newest;
    private final AtomicReference<Exception> failure;
    private byte[] pending;
    private long pendingIndex = -1;
    private long sent = -1;
    private volatile long acked = -1;
    /** The event time of the record {@link #acked}; written with it. */
    private volatile long ackedTime = Long.MIN_VALUE;
    /** Written by the producer's I/O thread alone (its callbacks), read by others. */
    private volatile long ackedRecords;
    /** Set by a callback that runs inside send() on this thread: the record was refused before it was taken. */
    private Exception rejected;
    private Exception held;
    private volatile long behind;
    private volatile double lagSeconds;

    QueueMirror(String queue, String topic, int partition, String engineId, ChronicleQueue journalQueue, int timeAt,
                AtomicReference<Exception> failure) {
        this.topic = topic;
        this.timeAt = timeAt;
        this.partition = partition;
        this.key = engineId.getBytes(StandardCharsets.UTF_8);
        this.queue = queue.getBytes(StandardCharsets.US_ASCII);
        this.journalQueue = journalQueue;
        this.tailer = journalQueue.createTailer().toStart();
        this.newest = journalQueue.createTailer();
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
            lagSeconds = 0;
            return;
        }
        if (journalQueue instanceof SingleChronicleQueue q) {
            behind = a < 0 ? q.countExcerpts(q.firstIndex(), last) + 1 : q.countExcerpts(a, last);
        }
        long newestTime = timeAt(last);
        long mirroredTime = a < 0 ? timeAt(journalQueue.firstIndex()) : ackedTime;
        if (newestTime != Long.MIN_VALUE && mirroredTime != Long.MIN_VALUE) {
            lagSeconds = Math.max(0, newestTime - mirroredTime) / 1e9;
        }
    }

    /** The event time of the record at {@code index}, or {@code Long.MIN_VALUE} when it cannot be read. */
    private long timeAt(long index) {
        if (!newest.moveToIndex(index)) {
            return Long.MIN_VALUE;
        }
        try (DocumentContext dc = newest.readingDocument()) {
            return dc.isPresent() ? time(dc.wire().bytes()) : Long.MIN_VALUE;
        }
    }

    private long time(Bytes<?> record) {
        return record.readRemaining() >= timeAt + Long.BYTES
                ? record.readLong(record.readPosition() + timeAt) : Long.MIN_VALUE;
    }

    private long time(byte[] record) {
        if (record.length < timeAt + Long.BYTES) {
            return Long.MIN_VALUE;
        }
        long t = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            t = t << 8 | record[timeAt + i] & 0xFF;
        }
        return t;
    }

    /**
     * How many seconds of event time Kafka's copy is behind: the journal's newest record's event time minus that of
     * the last record Kafka acknowledged, as of the last {@link #measure()}.
     */
    double lagSeconds() {
        return lagSeconds;
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
                ackedTime = dc.isPresent() ? time(dc.wire().bytes()) : Long.MIN_VALUE;
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
        long time = time(pending);
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, partition, key, pending,
                MirrorHeaders.of(key, queue, index, pending));
        Thread caller = Thread.currentThread();
        producer.send(r, (meta, e) -> {
            if (e == null) {
                ackedTime = time;
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
        newest.close();
        tailer.close();
    }
}
