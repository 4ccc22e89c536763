package io.perpspot.mirror.kafka;

import io.perpspot.engine.app.Sidecar;
import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.journal.JournalReader;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors one journal to Kafka on a thread of its own, reading the journal only (never the ring): every input record
 * to {@code <prefix>.input}, every output record to {@code <prefix>.output}, each queue in journal order, all in the
 * partition of the engine id (the key), the value the record's journal bytes, headers as {@link MirrorHeaders}.
 *
 * <p>No gap, no duplicate: at start it reads back from each topic the index of the last record this engine
 * produced and continues with the next one of the journal; the producer is idempotent with {@code acks=all} and
 * never drops a batch (see {@link MirrorSettings#producer}). An unreachable broker is not fatal: the mirror retries
 * with a growing back-off (one log line per step) and the journal holds what waits. {@link #close()} drains: it waits
 * up to {@code mirror.kafka.drain-timeout} for Kafka to hold the whole journal, then says how far it got.
 */
public final class KafkaMirror implements Sidecar {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaMirror.class);
    private static final int BATCH = 4096;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long BACKOFF_START_MS = 500;
    private static final long BACKOFF_MAX_MS = 30_000;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MirrorSettings settings;
    private final Path journalDir;
    private final Thread thread;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean closing;
    private volatile long drainDeadline;
    private volatile QueueMirror input;
    private volatile QueueMirror output;
    private volatile String engineId;
    private volatile boolean stopped;
    private boolean holding;

    private KafkaMirror(MirrorSettings settings, Path journalDir) {
        this.settings = settings;
        this.journalDir = journalDir;
        this.thread = new Thread(this::run, "perpspot-kafka-mirror");
        thread.setDaemon(true);
    }

    /** Starts mirroring the journal in {@code journalDir} (it must exist); returns at once. */
    public static KafkaMirror start(MirrorSettings settings, Path journalDir) {
        KafkaMirror m = new KafkaMirror(settings, journalDir);
        m.thread.start();
        return m;
    }

    private void run() {
        try (JournalReader reader = JournalReader.open(journalDir)) {
            engineId = reader.journal().engineId();
            if (engineId == null) {
                throw new JournalFormatException("kafka mirror: " + journalDir + " names no engine id; open it once"
                        + " with this perpspot version (perpspot run) to give it one");
            }
            if (!connect(reader)) {
                return;
            }
            Producer<byte[], byte[]> producer = new KafkaProducer<>(settings.producer(engineId));
            try {
                LOG.info("kafka mirror: engine {} to {} and {} at {}, after input index {} and output index {}",
                        engineId, settings.inputTopic(), settings.outputTopic(), settings.bootstrap(), input.acked(),
                        output.acked());
                mirror(producer);
            } finally {
                // Bounded: with the broker away a plain close() would wait for ever (batches never expire). What
                // it leaves unsent is sent again at the next start, after the index read back from Kafka.
                producer.close(Duration.ofNanos(Math.max(0, drainDeadline - System.nanoTime())));
            }
            report();
        } catch (RuntimeException e) {
            LOG.error("kafka mirror stopped: {} (it resumes from what Kafka holds at the next start)", e.toString());
        } finally {
            closeTailers();
            stopped = true;
        }
    }

    private void closeTailers() {
        if (input != null) {
            input.close();
        }
        if (output != null) {
            output.close();
        }
    }

    /** Creates missing topics and reads back where this engine's records end; retries until done or closed. */
    private boolean connect(JournalReader reader) {
        long backoff = BACKOFF_START_MS;
        // A stop while Kafka is not usable yet still tries until the drain deadline: a clean stop drains.
        while (!closing || System.nanoTime() - drainDeadline < 0) {
            try {
                int inPartition;
                int outPartition;
                try (Admin admin = Admin.create(settings.admin(engineId))) {
                    inPartition = partitionOf(admin, settings.inputTopic());
                    outPartition = partitionOf(admin, settings.outputTopic());
                }
                long inAfter;
                long outAfter;
                try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(settings.consumer(engineId))) {
                    inAfter = MirroredTail.lastIndex(c, new TopicPartition(settings.inputTopic(), inPartition),
                            engineId, KAFKA_TIMEOUT);
                    outAfter = MirroredTail.lastIndex(c, new TopicPartition(settings.outputTopic(), outPartition),
                            engineId, KAFKA_TIMEOUT);
                }
                input = new QueueMirror("input", settings.inputTopic(), inPartition, engineId,
                        reader.journal().input(), QueueMirror.INPUT_TIME_AT, failure);
                output = new QueueMirror("output", settings.outputTopic(), outPartition, engineId,
                        reader.journal().output(), QueueMirror.OUTPUT_TIME_AT, failure);
                input.resumeAfter(inAfter);
                output.resumeAfter(outAfter);
                return true;
            } catch (KafkaException | ExecutionException e) {
                LOG.warn("kafka mirror: Kafka at {} not usable yet ({}); retrying in {} ms", settings.bootstrap(),
                        e.getMessage(), backoff);
                long pause = TimeUnit.MILLISECONDS.toNanos(backoff);
                long left = Math.max(0, drainDeadline - System.nanoTime());
                LockSupport.parkNanos(closing ? Math.min(pause, left) : pause);
                backoff = Math.min(BACKOFF_MAX_MS, backoff * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The topic's partition for this engine, after creating the topic (broker defaults) when it is missing. */
    private int partitionOf(Admin admin, String topic) throws ExecutionException, InterruptedException {
        Set<String> names = new HashSet<>(admin.listTopics().names().get());
        if (!names.contains(topic)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
                LOG.info("kafka mirror: created topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        return MirrorHeaders.partition(engineId, partitions);
    }

    private void mirror(Producer<byte[], byte[]> producer) {
        long nextMeasure = 0;
        while (true) {
            long now = System.nanoTime();
            if (now - nextMeasure >= 0) {
                input.measure();
                output.measure();
                nextMeasure = now + MEASURE_NANOS;
            }
            Exception failed = failure.get();
            if (failed != null) {
                throw new KafkaException("a record was refused: " + failed, failed);
            }
            int n = input.step(producer, BATCH) + output.step(producer, BATCH);
            logHold();
            if (closing && (input.settled() && output.settled() && n == 0 || System.nanoTime() - drainDeadline > 0)) {
                return;
            }
            if (n == 0) {
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
    }

    /** One line when Kafka stops taking records, one when it takes them again. */
    private void logHold() {
        Exception why = input.held() != null ? input.held() : output.held();
        if (why != null && !holding) {
            holding = true;
            LOG.warn("kafka mirror: Kafka takes no records ({}); the journal holds them until it does; {}",
                    why.getMessage(), lag());
        } else if (why == null && holding) {
            holding = false;
            LOG.info("kafka mirror: Kafka takes records again; catching up from the journal; {}", lag());
        }
    }

    private void report() {
        input.measure();
        output.measure();
        if (input.settled() && output.settled()) {
            LOG.info("kafka mirror: drained; Kafka holds engine {}'s journal through input index {} and output"
                    + " index {}", engineId, input.acked(), output.acked());
        } else {
            LOG.warn("kafka mirror: stopped before the journal's end after {}: Kafka holds input through index {} and "
                    + "output through {}; {}; the rest follows at the next start",
                    settings.drainTimeout(), input.acked(), output.acked(), lag());
        }
    }

    /** The lag of both queues in records and seconds of event time, as a phrase of the log and the summary. */
    private String lag() {
        return String.format(Locale.ROOT, "behind: input %d records (%.1f s), output %d records (%.1f s)",
                inputBehind(), figure(input, QueueMirror::lagSeconds), outputBehind(),
                figure(output, QueueMirror::lagSeconds));
    }

    /** The mirror's line of the run summary: what Kafka holds and how far behind the journal it is. */
    @Override
    public String summary() {
        if (input == null || output == null) {
            return "kafka mirror      not connected to " + settings.bootstrap()
                    + " (the next start mirrors the journal)";
        }
        return String.format(Locale.ROOT, "kafka mirror      %d records to %s, through input index %d and output index"
                + " %d; %s", recordsMirrored(), settings.bootstrap(), inputAcked(), outputAcked(), lag());
    }

    /** After the journal's last write, so a clean stop drains the whole journal to Kafka. */
    @Override
    public Close closes() {
        return Close.AFTER_JOURNAL;
    }

    /** The journal index of the last input record Kafka acknowledged; -1 for none (or before the mirror connected). */
    public long inputAcked() {
        QueueMirror q = input;
        return q == null ? -1 : q.acked();
    }

    /** The journal index of the last output record Kafka acknowledged; -1 for none. */
    public long outputAcked() {
        QueueMirror q = output;
        return q == null ? -1 : q.acked();
    }

    /** Records Kafka acknowledged since this mirror started (both queues). */
    public long recordsMirrored() {
        return figure(input, QueueMirror::ackedRecords) + figure(output, QueueMirror::ackedRecords);
    }

    /** Input records of the journal that Kafka does not hold yet (measured each second; 0 before connecting). */
    public long inputBehind() {
        QueueMirror q = input;
        return q == null ? 0 : q.behind();
    }

    /** Output records of the journal that Kafka does not hold yet. */
    public long outputBehind() {
        QueueMirror q = output;
        return q == null ? 0 : q.behind();
    }

    /**
     * The mirror's figures on the engine's metrics endpoint: {@code perpspot_kafka_mirror_records_total} (records
     * Kafka acknowledged since the start), {@code perpspot_kafka_mirror_behind_records} (journal records it does
     * not hold yet) and {@code perpspot_kafka_mirror_lag_seconds} (event time from the last record it holds to the
     * journal's newest), each by {@code queue}.
     */
    @Override
    public void registerMetrics(PrometheusRegistry registry) {
        CounterWithCallback.builder().name("perpspot_kafka_mirror_records_total")
                .help("Journal records Kafka acknowledged since the mirror started, by queue").labelNames("queue")
                .callback(cb -> {
                    cb.call(figure(input, QueueMirror::ackedRecords), "input");
                    cb.call(figure(output, QueueMirror::ackedRecords), "output");
                }).register(registry);
        GaugeWithCallback.builder().name("perpspot_kafka_mirror_behind_records")
                .help("Journal records Kafka does not hold yet, by queue").labelNames("queue")
                .callback(cb -> {
                    cb.call(inputBehind(), "input");
                    cb.call(outputBehind(), "output");
                }).register(registry);
        GaugeWithCallback.builder().name("perpspot_kafka_mirror_lag_seconds")
                .help("Event time between the journal's newest record and the last one Kafka holds, by queue")
                .labelNames("queue")
                .callback(cb -> {
                    cb.call(inputLagSeconds(), "input");
                    cb.call(outputLagSeconds(), "output");
                }).register(registry);
    }

    private static long figure(QueueMirror q, ToLongFunction<QueueMirror> f) {
        return q == null ? 0 : f.applyAsLong(q);
    }

    private static double figure(QueueMirror q, ToDoubleFunction<QueueMirror> f) {
        return q == null ? 0 : f.applyAsDouble(q);
    }

    /** Seconds of event time Kafka's copy of the input queue is behind the journal (measured each second). */
    public double inputLagSeconds() {
        return figure(input, QueueMirror::lagSeconds);
    }

    /** Seconds of event time Kafka's copy of the output queue is behind the journal. */
    public double outputLagSeconds() {
        return figure(output, QueueMirror::lagSeconds);
    }

    /** True once the mirror's thread has ended (closed, or stopped by an error it logged). */
    public boolean stopped() {
        return stopped;
    }

    /**
     * Drains and stops: the mirror keeps going until Kafka acknowledges every record the journal holds now, at most
     * {@code mirror.kafka.drain-timeout}, then logs how far it got. Never throws.
     */
    @Override
    public void close() {
        drainDeadline = System.nanoTime() + settings.drainTimeout().toNanos();
        closing = true;
        try {
            thread.join(settings.drainTimeout().plus(KAFKA_TIMEOUT).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
