package io.perpspot.mirror.kafka;

import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.OutputCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Rebuilds engines' journals from the mirror's topics: every record of {@code <prefix>.input} and
 * {@code <prefix>.output} of the chosen engine (or of every engine) is written at its origin index into a
 * {@link JournalCopy} ({@code out} for one engine, {@code out/<engine id>/} for all). Without follow it reads to the
 * end offsets Kafka had when it started; with follow it keeps reading until {@link #stop()}.
 *
 * <p>A record that is not the mirror's (without perpspot headers, another queue's, a record version this build does
 * not read) stops the pull with one line naming its topic, partition and offset: a copy must be exact or not be.
 */
final class JournalPuller implements AutoCloseable {
    /** The engine argument that pulls every engine the topics hold. */
    static final String ALL = "all";
    private static final Pattern ENGINE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CONNECT = Duration.ofSeconds(10);

    private final MirrorSettings settings;
    private final String engine;
    private final Path out;
    private final Map<String, JournalCopy> copies = new LinkedHashMap<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private long records;
    private Consumer<JournalCopy> opened = c -> {
    };

    private JournalPuller(MirrorSettings settings, String engine, Path out, List<TopicPartition> partitions) {
        this.settings = settings;
        this.engine = engine;
        this.out = out;
        this.partitions = partitions;
        Map<String, Object> c = settings.consumer("pull-" + (engine == null ? ALL : engine));
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 << 20));
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 << 20));
        this.consumer = new KafkaConsumer<>(c);
    }

    /**
     * A puller of {@code engine} ({@link #ALL}: every engine) into {@code out}, after finding the topics' partitions
     * (within a bounded wait).
     *
     * @throws ConfigException when Kafka cannot be reached, the topics are missing, or {@code out} is another
     *         engine's journal or not empty
     */
    static JournalPuller open(MirrorSettings settings, String engine, Path out) {
        String id = ALL.equals(engine) ? null : engine;
        if (id != null && !ENGINE_ID.matcher(id).matches()) {
            throw new ConfigException("journal pull: --engine '" + engine + "' is not an engine id (letters, digits,"
                    + " '.', '_', '-') nor 'all'");
        }
        List<TopicPartition> tps = new ArrayList<>();
        try (Admin admin = Admin.create(settings.admin("pull"))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(settings.inputTopic(),
                    settings.outputTopic())).allTopicNames().get(CONNECT.toSeconds(), TimeUnit.SECONDS);
            for (String topic : List.of(settings.inputTopic(), settings.outputTopic())) {
                int n = topics.get(topic).partitions().size();
                if (id != null) {
                    tps.add(new TopicPartition(topic, MirrorHeaders.partition(id, n)));
                } else {
                    for (int p = 0; p < n; p++) {
                        tps.add(new TopicPartition(topic, p));
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ConfigException("journal pull: Kafka at " + settings.bootstrap() + " has no topic "
                        + settings.inputTopic() + " or " + settings.outputTopic() + " (--topic-prefix?)");
            }
            throw unreachable(settings, e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw unreachable(settings, "no answer within " + CONNECT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(settings, "interrupted");
        }
        JournalPuller p = new JournalPuller(settings, id, out, tps);
        if (id != null) {
            p.copies.put(id, JournalCopy.at(out, id));
        }
        return p;
    }

    private static ConfigException unreachable(MirrorSettings s, String why) {
        return new ConfigException("journal pull: Kafka at " + s.bootstrap() + " is unreachable: " + why);
    }

    /**
     * Pulls: to the end offsets of now, or for ever with {@code follow} (until {@link #stop()}).
     *
     * @return the records written into the copies
     * @throws JournalFormatException for a record that is not the mirror's, or a gap
     */
    long run(boolean follow) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, CONNECT));
        try {
            while (!stopping && (follow || !reached(end))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    take(r);
                }
                for (TopicPartition tp : partitions) {
                    OptionalLong behind = consumer.currentLag(tp);
                    if (behind.isPresent()) {
                        lag.put(tp, behind.getAsLong());
                    }
                }
            }
        } catch (WakeupException e) {
            // stop(): Ctrl-C while following
        }
        return records;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp, CONNECT) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private void take(ConsumerRecord<byte[], byte[]> r) {
        String where = r.topic() + " partition " + r.partition() + " offset " + r.offset();
        String id = MirrorHeaders.text(r.headers(), MirrorHeaders.ENGINE);
        String queue = MirrorHeaders.text(r.headers(), MirrorHeaders.QUEUE);
        String index = MirrorHeaders.text(r.headers(), MirrorHeaders.INDEX);
        if (id == null || queue == null || index == null || !ENGINE_ID.matcher(id).matches()) {
            throw new JournalFormatException("journal pull: " + where + " is not a perpspot mirror record (no "
                    + MirrorHeaders.ENGINE + ", " + MirrorHeaders.QUEUE + " and " + MirrorHeaders.INDEX + " headers)");
        }
        if (engine != null && !engine.equals(id)) {
            return; // another engine's record in the same partition
        }
        boolean input = r.topic().equals(settings.inputTopic());
        if (!queue.equals(input ? "input" : "output")) {
            throw new JournalFormatException("journal pull: " + where + " is a record of the " + queue
                    + " queue in the " + (input ? "input" : "output") + " topic");
        }
        long at;
        try {
            at = Long.parseLong(index);
        } catch (NumberFormatException e) {
            throw new JournalFormatException("journal pull: " + where + ": " + MirrorHeaders.INDEX + " '" + index
                    + "' is not a number");
        }
        byte[] v = r.value();
        int newest = input ? InputCodec.VERSION : OutputCodec.VERSION;
        int header = input ? InputCodec.HEADER_BYTES : OutputCodec.HEADER_BYTES;
        if (v == null || v.length < header || v[1] < 1 || v[1] > newest) {
            throw new JournalFormatException("journal pull: " + where + ": " + (v == null || v.length < header
                    ? "a value of " + (v == null ? 0 : v.length) + " bytes is no journal record"
                    : "record version " + v[1] + " is not one this perpspot reads (1.." + newest + "); upgrade"));
        }
        JournalCopy copy = copies.get(id);
        boolean first = copy == null;
        if (first) {
            copy = JournalCopy.at(out.resolve(id), id);
            copies.put(id, copy);
        }
        if (copy.append(input, at, v, where)) {
            records++;
        }
        if (first) {
            opened.accept(copy); // its journal exists now: readers may open it
        }
    }

    /**
     * Who is told, on the pulling thread, of each engine's copy once its journal exists (after its first record):
     * set before {@link #run}.
     */
    void onCopy(Consumer<JournalCopy> c) {
        this.opened = c;
    }

    /**
     * Records of this engine's partitions on Kafka not pulled yet, as of the last poll (-1 before one): its own and
     * those of any engine that shares its partitions (an upper bound).
     */
    long kafkaLag(String engineId) {
        long sum = -1;
        for (TopicPartition tp : partitions) {
            Long behind = lag.get(tp);
            int n = partitionsOf(tp.topic());
            if (behind != null && (engine != null || MirrorHeaders.partition(engineId, n) == tp.partition())) {
                sum = Math.max(sum, 0) + behind;
            }
        }
        return sum;
    }

    private int partitionsOf(String topic) {
        int n = 0;
        for (TopicPartition tp : partitions) {
            if (tp.topic().equals(topic)) {
                n++;
            }
        }
        return n;
    }

    /** The copies written so far, by engine id. */
    Map<String, JournalCopy> copies() {
        return copies;
    }

    /** Ends {@link #run} soon (any thread: a shutdown hook on Ctrl-C). */
    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        copies.values().forEach(JournalCopy::close);
    }
}
