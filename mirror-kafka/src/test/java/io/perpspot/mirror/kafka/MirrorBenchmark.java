package io.perpspot.mirror.kafka;

import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.testkit.SyntheticJournal;
import io.perpspot.mirror.kafka.testing.KafkaProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The figures of docs/scale-out.md, measured on a real one-node broker on loopback ({@link KafkaProcess}): the
 * mirror's throughput from a synthetic journal with several compression and batch settings (records/s, MB/s of
 * journal records, bytes per record on Kafka's disk vs in the journal), its lag while an engine-like writer appends
 * at a fixed rate (the age of the oldest record Kafka does not hold yet, sampled every 10 ms), and its catch-up speed
 * after a broker outage. A test-scope main (it needs the test broker); run it from {@code mirror-kafka/} as
 * docs/scale-out.md says, optionally with the records of the throughput journal as the argument.
 */
public final class MirrorBenchmark {
    /**
     * The sim engine's journal rate (about 1,300 events/s), the latency harness's highest rate with p99 under 1 ms
     * and its acceptance rate (25,000 and 100,000 events/s, docs/benchmarks.md).
     */
    private static final int[] RATES = {1_300, 25_000, 100_000};
    private static final int LAG_SECONDS = 20;
    /** Several times what the producer's 32 MiB buffer holds, so most of the backlog waits in the journal. */
    private static final int OUTAGE_RECORDS = 1_000_000;
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private record Setting(String compression, int batchBytes, int lingerMs) {
        Map<String, Object> client() {
            return Map.of("compression.type", compression, "batch.size", Integer.toString(batchBytes),
                    "linger.ms", Integer.toString(lingerMs));
        }

        String label() {
            return compression + ", batch " + (batchBytes >> 10) + " KiB, linger " + lingerMs + " ms";
        }
    }

    /** The shipped defaults (MirrorSettings#producer) first, then the alternatives tried. */
    private static final List<Setting> SETTINGS = List.of(new Setting("lz4", 256 << 10, 20),
            new Setting("none", 256 << 10, 20), new Setting("zstd", 256 << 10, 20), new Setting("lz4", 16 << 10, 20),
            new Setting("lz4", 1 << 20, 20), new Setting("zstd", 1 << 20, 20), new Setting("none", 1 << 20, 20));

    private final Path work;
    private final KafkaProcess kafka;
    private final PrintStream out;
    private int prefixes;

    private MirrorBenchmark(Path work, KafkaProcess kafka, PrintStream out) {
        this.work = work;
        this.kafka = kafka;
        this.out = out;
    }

    /**
     * Runs every measurement and writes them as markdown to {@code args[1]} (default
     * {@code target/mirror-benchmark.md}); {@code args[0]}: records of the throughput journal (default 1,000,000).
     */
    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path file = Path.of(args.length > 1 ? args[1] : "target/mirror-benchmark.md");
        Path work = Files.createTempDirectory("perpspot-mirror-bench");
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
             KafkaProcess kafka = KafkaProcess.start(work.resolve("kafka"))) {
            MirrorBenchmark b = new MirrorBenchmark(work, kafka, out);
            b.machine();
            List<byte[]> sample = b.throughput(records);
            b.lag(sample);
            b.outage(sample);
        }
        System.out.println("mirror benchmark: figures in " + file.toAbsolutePath());
    }

    private void machine() throws IOException {
        String cpu;
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", ""))
                    .orElse("unknown");
        }
        out.printf("Measured %s on %s, %d vCPU, Java %s (flags: config/jvm.args), one-node KRaft broker on loopback"
                        + " (Kafka 4.4.0, its JVM -Xmx512m, SerialGC), machine shared with other work.%n%n",
                Instant.now().toString().substring(0, 10), cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
    }

    /** The mirror of a synthetic journal of about {@code records} records, once per setting; returns its records. */
    private List<byte[]> throughput(int records) {
        Path journal = work.resolve("synthetic");
        int tokens = 10;
        // The synthetic journal writes about 7.7 input records per token and second of event time.
        SyntheticJournal.builder().tokens(tokens).seconds((int) Math.ceil(records / (7.7 * tokens))).write(journal);
        List<MirrorChecks.Entry> in = MirrorChecks.journal(journal, Journal::input);
        List<MirrorChecks.Entry> outq = MirrorChecks.journal(journal, Journal::output);
        long total = in.size() + outq.size();
        long bytes = Stream.concat(in.stream(), outq.stream()).mapToLong(e -> e.bytes().length).sum();
        out.printf("Throughput: a synthetic journal of %,d records (%,d input, %,d output), %.1f MB of records (%.1f"
                + " bytes a record, %.1f with Chronicle's 4-byte header)%n%n", total, in.size(), outq.size(),
                bytes / 1e6, (double) bytes / total, (double) bytes / total + 4);
        out.println("| producer setting | records/s | MB/s (journal bytes) | bytes/record on Kafka |");
        out.println("|---|---|---|---|");
        mirror(journal, total, SETTINGS.get(0)); // warm-up: the JIT, the broker's first segments
        for (Setting s : SETTINGS) {
            String prefix = "tp" + prefixes;
            double rate = mirror(journal, total, s);
            double perRecord = (double) bytes / total;
            out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f |%n", s.label(), rate, rate * perRecord / 1e6,
                    (double) kafkaBytes(prefix) / total);
        }
        out.println();
        List<byte[]> sample = new ArrayList<>(in.size());
        in.forEach(e -> sample.add(e.bytes()));
        return sample;
    }

    /** Mirrors the whole journal to new topics; returns records/s from the first acknowledgement to the last. */
    private double mirror(Path journal, long total, Setting s) {
        String prefix = "tp" + prefixes++;
        KafkaMirror mirror = KafkaMirror.start(settings(prefix, s), journal);
        try {
            waitFor(() -> mirror.recordsMirrored() > 0);
            long t0 = System.nanoTime();
            long n0 = mirror.recordsMirrored();
            waitFor(() -> mirror.recordsMirrored() == total);
            return (total - n0) / ((System.nanoTime() - t0) / 1e9);
        } finally {
            mirror.close();
        }
    }

    /** The mirror of a journal an engine-like writer appends to at each of {@link #RATES}. */
    private void lag(List<byte[]> sample) {
        out.printf("Lag: a writer appends the synthetic input records at a fixed rate for %d s; sampled every 10 ms,"
                + " the age of the oldest record Kafka does not hold yet (0 when it holds all); producer setting: the"
                + " shipped one (%s).%n%n", LAG_SECONDS, SETTINGS.get(0).label());
        out.println("| rate (records/s) | lag p50 | lag p99 | lag max | records behind max |");
        out.println("|---|---|---|---|---|");
        for (int rate : RATES) {
            live("lag" + prefixes++, (appender, mirror) -> lagAt(rate, sample, appender, mirror));
        }
        out.println();
    }

    /** One row of the lag table: the writer appends at {@code rate} while the mirror runs. */
    private void lagAt(int rate, List<byte[]> sample, ExcerptAppender appender, KafkaMirror mirror) {
        append(appender, sample, 0, 1); // the mirror connects and creates its topics first
        waitFor(() -> mirror.recordsMirrored() == 1);
        int count = rate * LAG_SECONDS;
        long[] written = new long[count];
        Histogram ages = new Histogram(3_600_000_000_000L, 3);
        long behindMax = 0;
        long start = System.nanoTime();
        long nextSample = start;
        for (int i = 0; i < count; ) {
            long now = System.nanoTime();
            long due = start + (long) i * 1_000_000_000L / rate;
            while (i < count && due <= now) {
                append(appender, sample, i + 1, 1);
                written[i++] = System.nanoTime();
                due = start + (long) i * 1_000_000_000L / rate;
            }
            if (now >= nextSample) {
                long held = mirror.recordsMirrored() - 1;
                long age = held < i ? now - written[(int) held] : 0;
                ages.recordValue(Math.max(0, age));
                behindMax = Math.max(behindMax, i - held);
                nextSample = now + SAMPLE_NANOS;
            }
            LockSupport.parkNanos(Math.min(SAMPLE_NANOS, Math.max(1000, due - System.nanoTime())));
        }
        out.printf(Locale.ROOT, "| %,d | %.1f ms | %.1f ms | %.1f ms | %,d |%n", rate,
                ages.getValueAtPercentile(50) / 1e6, ages.getValueAtPercentile(99) / 1e6, ages.getMaxValue() / 1e6,
                behindMax);
    }

    /** The broker stopped, {@link #OUTAGE_RECORDS} records appended meanwhile, the broker back: the catch-up. */
    private void outage(List<byte[]> sample) {
        live("outage" + prefixes++, (appender, mirror) -> {
            append(appender, sample, 0, 1000);
            waitFor(() -> mirror.recordsMirrored() == 1000);
            kafka.stop();
            append(appender, sample, 1000, OUTAGE_RECORDS);
            long t0 = System.nanoTime();
            kafka.start();
            long up = System.nanoTime();
            long atUp = mirror.recordsMirrored();
            waitFor(() -> mirror.recordsMirrored() == 1000 + OUTAGE_RECORDS);
            long done = System.nanoTime();
            long rest = 1000 + OUTAGE_RECORDS - atUp;
            out.printf(Locale.ROOT, "Catch-up after an outage: %,d records appended while the broker was down; the"
                            + " broker restarted in %.1f s (%,d records were on Kafka when its restart was seen: the"
                            + " producer's buffer), then the mirror sent the other %,d from the journal in %.1f s"
                            + " (%,.0f records/s).%n%n", OUTAGE_RECORDS, (up - t0) / 1e9, atUp - 1000, rest,
                    (done - up) / 1e9, rest / ((done - up) / 1e9));
        });
    }

    /** What runs on a live journal (its input appender) with the mirror on it (the shipped producer setting). */
    private interface LiveRun {
        void run(ExcerptAppender appender, KafkaMirror mirror);
    }

    /** A new live journal named {@code prefix}, mirrored to the topics of that prefix while {@code body} runs. */
    private void live(String prefix, LiveRun body) {
        Path dir = work.resolve(prefix);
        try (Journal j = Journal.openForWrite(dir, "daily", Journal.DEFAULT_BLOCK_SIZE, 0, prefix);
             ExcerptAppender appender = j.input().createAppender()) {
            KafkaMirror mirror = KafkaMirror.start(settings(prefix, SETTINGS.get(0)), dir);
            try {
                body.run(appender, mirror);
            } finally {
                mirror.close();
            }
        }
    }

    private static void append(ExcerptAppender appender, List<byte[]> sample, int from, int n) {
        Bytes<?> b = Bytes.allocateElasticOnHeap(256);
        for (int i = from; i < from + n; i++) {
            b.clear();
            b.write(sample.get(i % sample.size()));
            appender.writeBytes(b);
        }
    }

    private MirrorSettings settings(String prefix, Setting s) {
        return new MirrorSettings(kafka.bootstrap(), prefix, s.client(), Duration.ofSeconds(60));
    }

    /** The bytes of the prefix's topics in the broker's log directory. */
    private long kafkaBytes(String prefix) {
        try (Admin admin = kafka.admin(Map.of())) {
            long sum = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(List.of(1)).allDescriptions().get()
                    .values()) {
                for (LogDirDescription d : dirs.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> r : d.replicaInfos().entrySet()) {
                        if (r.getKey().topic().startsWith(prefix + ".")) {
                            sum += r.getValue().size();
                        }
                    }
                }
            }
            return sum;
        } catch (Exception e) {
            throw new IllegalStateException("describeLogDirs: " + e, e);
        }
    }

    private static void waitFor(BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the mirror did not get there within 5 minutes");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
