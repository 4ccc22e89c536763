package io.perpspot.mirror.kafka;

import static io.perpspot.engine.testing.InProcessCli.run;
import static io.perpspot.mirror.kafka.MirrorChecks.journal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.cli.PerpspotCli;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Shard;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.testing.InProcessCli.Run;
import io.perpspot.engine.testing.MainClassPath;
import io.perpspot.engine.testing.Ports;
import io.perpspot.engine.testkit.Await;
import io.perpspot.engine.testkit.SyntheticJournal;
import io.perpspot.mirror.kafka.testing.KafkaProcess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal pull} on a real broker (one for the class): a mirrored sim run pulled into an empty directory is an
 * exact journal ({@code replay --verify} passes, {@code journal dump} equals the origin's, the same indexes and bytes);
 * a second pull continues the copy without a duplicate, {@code --engine all} makes {@code DIR/<engine id>/}; records
 * that are not the mirror's, a directory that is not the engine's copy and an unreachable broker are one line and
 * exit code 2.
 */
class JournalPullTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static final List<Function<Journal, ChronicleQueue>> QUEUES = List.of(Journal::input, Journal::output);
    /** The pairs the sim venues list with {@code sim.tokens=10}. */
    private static final int SIM_PAIRS = 10;
    private static KafkaProcess kafka;
    private static Path origin;

    @BeforeAll
    static void mirroredSimRun() {
        kafka = KafkaProcess.start(shared.resolve("kafka"));
        origin = shared.resolve("origin");
        simRun(origin, "pull-1", "perpspot", "all");
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** A short sim run mirrored to {@code prefix}, stopped cleanly once Kafka holds a few hundred records. */
    private static void simRun(Path journal, String id, String prefix, String shard) {
        var config = ConfigLoader.load(null, List.of("dashboard.port=0", "sim.tokens=10", "tokens.max=10",
                "engine.id=" + id, "tokens.shard=" + shard, "mirror.kafka.bootstrap=" + kafka.bootstrap(),
                "mirror.kafka.topic-prefix=" + prefix));
        try (Engine engine = new Engine(EngineOptions.of(config, journal).feed("sim").dashboard(true))) {
            engine.start();
            Await.await("the engine journaled and its strategy wrote", 90, () -> engine.assembly().journaled() > 600
                    && engine.assembly().pipeline().strategy().spreads() > 0);
            engine.requestStop();
        }
    }

    @Test
    void aPulledCopyIsTheExactJournalAndASecondPullContinuesIt() {
        Path copy = dir.resolve("copy");
        Run pull = run("journal", "pull", "--kafka", kafka.bootstrap(), "--engine", "pull-1", "--out", copy);
        assertEquals(ExitCodes.OK, pull.code(), pull.toString());
        assertExactCopy(origin, copy);

        Run again = run("journal", "pull", "--kafka", kafka.bootstrap(), "--engine", "pull-1", "--out", copy);
        assertEquals(ExitCodes.OK, again.code(), again.toString());
        assertTrue(again.out().startsWith("pulled 0 records"), "the copy held every record: " + again);
        assertExactCopy(origin, copy);

        Run all = run("journal", "pull", "--kafka", kafka.bootstrap(), "--engine", "all", "--out",
                dir.resolve("all"));
        assertEquals(ExitCodes.OK, all.code(), all.toString());
        assertExactCopy(origin, dir.resolve("all").resolve("pull-1"));
    }

    /** Same indexes and bytes in both queues; dump equal line for line; replay --verify passes on the copy. */
    private static void assertExactCopy(Path origin, Path copy) {
        for (Function<Journal, ChronicleQueue> queue : QUEUES) {
            List<MirrorChecks.Entry> a = journal(origin, queue);
            List<MirrorChecks.Entry> b = journal(copy, queue);
            assertEquals(a.size(), b.size(), "records");
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).index(), b.get(i).index(), "index of record " + i);
                assertArrayEquals(a.get(i).bytes(), b.get(i).bytes(), "bytes of record " + i);
            }
        }
        Run dumpOrigin = run("journal", "dump", origin, "--format", "json");
        Run dumpCopy = run("journal", "dump", copy, "--format", "json");
        assertEquals(ExitCodes.OK, dumpCopy.code(), dumpCopy.toString());
        assertTrue(dumpOrigin.out().lines().count() > 600, "a dump of the whole run");
        assertEquals(dumpOrigin.out(), dumpCopy.out(), "journal dump of the copy equals the origin's");
        Run verify = run("replay", copy, "--verify");
        assertEquals(ExitCodes.OK, verify.code(), verify.toString());
    }

    @Test
    void aRecordThatIsNotTheMirrorsIsOneLineNamingTopicPartitionAndOffset() throws Exception {
        produce("alien", new RecordHeaders(), new byte[30]);
        Run alien = run("journal", "pull", "--kafka", kafka.bootstrap(), "--engine", "all", "--out",
                dir.resolve("alien"), "--topic-prefix", "alien");
        assertEquals(ExitCodes.USAGE, alien.code(), alien.toString());
        assertEquals(List.of("perpspot: journal pull: alien.input partition 0 offset 0 is not a perpspot mirror record"
                + " (no perpspot.engine, perpspot.queue and perpspot.index headers)"), alien.err().lines().toList());

        byte[] future = journal(origin, Journal::input).get(0).bytes().clone();
        future[1] = 9;
        RecordHeaders h = new RecordHeaders();
        h.add(MirrorHeaders.ENGINE, "pull-1".getBytes(StandardCharsets.UTF_8));
        h.add(MirrorHeaders.QUEUE, "input".getBytes(StandardCharsets.UTF_8));
        h.add(MirrorHeaders.INDEX, "0".getBytes(StandardCharsets.UTF_8));
        produce("future", h, future);
        Run newer = run("journal", "pull", "--kafka", kafka.bootstrap(), "--engine", "pull-1", "--out",
                dir.resolve("future"), "--topic-prefix", "future");
        assertEquals(ExitCodes.USAGE, newer.code(), newer.toString());
        assertEquals(List.of("perpspot: journal pull: future.input partition 0 offset 0: record version 9 is not one"
                + " this perpspot reads (1.." + InputCodec.VERSION + "); upgrade"), newer.err().lines().toList());
    }

    /** One record to {@code <prefix>.input}, after creating both of the prefix's topics. */
    private static void produce(String prefix, RecordHeaders headers, byte[] value) throws Exception {
        try (Admin admin = kafka.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic(prefix + ".input", 1, (short) 1),
                    new NewTopic(prefix + ".output", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrap(),
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            p.send(new ProducerRecord<>(prefix + ".input", 0, (byte[]) null, value, headers)).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDirectoryThatIsNotTheEnginesCopyIsRefused() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        Run notes = run("journal", "pull", "--kafka", kafka.bootstrap(), "--engine", "pull-1", "--out", other);
        assertEquals(ExitCodes.USAGE, notes.code(), notes.toString());
        assertEquals(List.of("perpspot: journal pull: " + other + " is not empty and is not a perpspot journal; pull"
                + " into an empty directory or into engine pull-1's copy"), notes.err().lines().toList());

        Run foreign = run("journal", "pull", "--kafka", kafka.bootstrap(), "--engine", "pull-2", "--out",
                origin);
        assertEquals(ExitCodes.USAGE, foreign.code(), foreign.toString());
        assertEquals(List.of("perpspot: journal pull: " + origin + " is engine pull-1's journal, not engine pull-2's;"
                + " pull into an empty directory or into engine pull-2's copy"), foreign.err().lines().toList());
        assertEquals("mine", Files.readString(other.resolve("notes.txt")), "nothing written");
    }

    @Test
    void anUnreachableBrokerIsOneLineWithinABoundedWait() {
        long t0 = System.nanoTime();
        String nobody = "127.0.0.1:" + Ports.freeLoopbackPort();
        Run run = run("journal", "pull", "--kafka", nobody, "--engine", "all", "--out", dir.resolve("x"));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertEquals(ExitCodes.USAGE, run.code(), run.toString());
        List<String> err = run.err().lines().toList();
        assertEquals(1, err.size(), run.toString());
        assertTrue(err.get(0).startsWith("perpspot: journal pull: Kafka at " + nobody + " is unreachable: "),
                err.get(0));
        assertTrue(seconds < 30, "answered in " + seconds + " s");
        assertTrue(Files.notExists(dir.resolve("x")), "nothing written");
    }

    @Test
    void followKeepsTheCopyCurrentWhileTheMirrorProduces() {
        Path journal = dir.resolve("j");
        SyntheticJournal.builder().tokens(3).seconds(10).write(journal);
        MirrorSettings settings = new MirrorSettings(kafka.bootstrap(), "follow", Map.of(), Duration.ofSeconds(60));
        KafkaMirror mirror = KafkaMirror.start(settings, journal);
        Path copies = dir.resolve("copies");
        try {
            Await.await("the mirror's topics", 90, () -> mirror.inputAcked() >= 0);
            try (JournalPuller puller = JournalPuller.open(settings, "all", copies)) {
                Thread follow = new Thread(() -> puller.run(true), "test-pull-follow");
                follow.start();
                String id = engineId(journal);
                Await.await("the copy follows the first records", 90, () -> lastInput(puller, id)
                        == last(journal));
                MirrorChecks.append(journal, 2000, 0);
                Await.await("the copy follows what the journal grew by", 90, () -> lastInput(puller, id)
                        == last(journal));
                puller.stop();
                Await.await("follow ends after stop()", 30, () -> !follow.isAlive());
            }
        } finally {
            mirror.close();
        }
        Path copy = copies.resolve(engineId(journal));
        for (Function<Journal, ChronicleQueue> queue : QUEUES) {
            assertEquals(indexesAndBytes(journal(journal, queue)), indexesAndBytes(journal(copy, queue)));
        }
    }

    private static String engineId(Path journal) {
        try (Journal j = Journal.openForRead(journal)) {
            return j.engineId();
        }
    }

    private static long last(Path journal) {
        List<MirrorChecks.Entry> in = journal(journal, Journal::input);
        return in.get(in.size() - 1).index();
    }

    private static long lastInput(JournalPuller puller, String id) {
        JournalCopy c = puller.copies().get(id);
        return c == null ? -1 : c.inputLast();
    }

    /** Each record as its index and its bytes in hex: one comparable text per queue. */
    private static List<String> indexesAndBytes(List<MirrorChecks.Entry> entries) {
        return entries.stream().map(e -> e.index() + " " + HexFormat.of().formatHex(e.bytes())).toList();
    }

    @Test
    void twoShardEnginesOnOneBrokerPullIntoJournalsThatHoldEachDiscoveredPairOnceAndOneKafkaDashboardShowsThemAll()
            throws Exception {
        simRun(dir.resolve("shard-1"), "shard-1", "shards", "1/2");
        simRun(dir.resolve("shard-2"), "shard-2", "shards", "2/2");
        Path copies = dir.resolve("copies");
        Run pull = run("journal", "pull", "--kafka", kafka.bootstrap(), "--engine", "all", "--out", copies,
                "--topic-prefix", "shards");
        assertEquals(ExitCodes.OK, pull.code(), pull.toString());
        Set<String> one = coins(copies.resolve("shard-1"));
        Set<String> two = coins(copies.resolve("shard-2"));
        assertFalse(one.isEmpty() || two.isEmpty(), "each shard has pairs: " + one + " " + two);
        Set<String> both = new HashSet<>(one);
        both.retainAll(two);
        assertEquals(Set.of(), both, "no pair in both shards");
        Set<String> all = new HashSet<>(one);
        all.addAll(two);
        assertEquals(SIM_PAIRS, all.size(), "every pair the sim lists is in one shard: " + all);
        one.forEach(c -> assertEquals(1, Shard.of(c, 2), c));
        two.forEach(c -> assertEquals(2, Shard.of(c, 2), c));

        // The Kafka dashboard: its own copies, one fold per engine, every pair once on /api/tokens and the push.
        Map<String, String> engineOf = new TreeMap<>();
        one.forEach(c -> engineOf.put(c, "shard-1"));
        two.forEach(c -> engineOf.put(c, "shard-2"));
        try (KafkaDashboard d = KafkaDashboard.start(kafka, "shards", dir.resolve("dashboard-copies"))) {
            Await.await("the dashboard folded both engines' pairs", 120,
                    () -> d.tokens() == SIM_PAIRS);
            JsonNode tokens = d.get("/api/tokens");
            Map<String, String> listed = new TreeMap<>();
            for (JsonNode row : tokens.path("tokens")) {
                String engine = row.path("engine").asText();
                assertEquals(engine.equals("shard-1") ? "1/2" : "2/2", row.path("shard").asText(), row.toString());
                assertEquals(null, listed.put(row.path("coin").asText(), engine), "listed once: " + row);
            }
            assertEquals(engineOf, listed, "every pulled pair, each with the engine whose journal holds it");

            JsonNode hello = d.hello();
            Map<String, String> pushed = new TreeMap<>();
            for (JsonNode row : hello.path("rows")) {
                assertEquals(null, pushed.put(row.path("coin").asText(), row.path("engine").asText()),
                        "pushed once: " + row);
            }
            assertEquals(engineOf, pushed, "the WebSocket hello carries every engine's rows");

            JsonNode health = d.get("/api/health");
            Map<String, String> shards = new TreeMap<>();
            for (JsonNode e : health.path("engines")) {
                shards.put(e.path("engine").asText(), e.path("shard").asText());
                int rows = e.path("engine").asText().equals("shard-1") ? one.size() : two.size();
                assertEquals(rows, e.path("rows").asInt(), e.toString());
                assertTrue(e.path("copy").path("kafkaLag").asLong() >= 0, e.toString());
            }
            assertEquals(Map.of("shard-1", "1/2", "shard-2", "2/2"), shards, health.toString());
            String symbol = tokens.path("tokens").get(0).path("symbol").asText();
            String engine = tokens.path("tokens").get(0).path("engine").asText();
            JsonNode row = d.get("/api/tokens/" + symbol + "?engine=" + engine);
            assertEquals(engine, row.path("engine").asText(), row.toString());
            assertEquals(404, d.status("/api/tokens/" + symbol + "?engine=nobody"));
        }
    }

    @Test
    void theKafkaDashboardRefusesAJournalBesideKafkaAndAnUnreachableBrokerInOneLine() {
        Run twice = run("dashboard", "--journal", origin, "--kafka", kafka.bootstrap());
        assertEquals(ExitCodes.USAGE, twice.code(), twice.toString());
        assertEquals(List.of("perpspot: dashboard: give one of --journal DIR or --kafka BOOTSTRAP, not both"),
                twice.err().lines().toList());
        Run neither = run("dashboard");
        assertEquals(ExitCodes.USAGE, neither.code(), neither.toString());
        assertEquals(List.of("perpspot: dashboard: --journal DIR is required (or --kafka BOOTSTRAP)"),
                neither.err().lines().toList());
        String nobody = "127.0.0.1:" + Ports.freeLoopbackPort();
        Run unreachable = run("dashboard", "--kafka", nobody, "--copy", dir.resolve("c"));
        assertEquals(ExitCodes.USAGE, unreachable.code(), unreachable.toString());
        List<String> err = unreachable.err().lines().toList();
        assertEquals(1, err.size(), unreachable.toString());
        assertTrue(err.get(0).startsWith("perpspot: dashboard --kafka: Kafka at " + nobody + " is unreachable: "),
                err.get(0));
    }

    /** The Hyperliquid coins of a journal's TokenDef records ({@code symbol|hlCoin|mint}, docs/journal-format.md). */
    private static Set<String> coins(Path journal) {
        Set<String> coins = new HashSet<>();
        for (MirrorChecks.Entry e : journal(journal, Journal::input)) {
            byte[] b = e.bytes();
            if (b[0] == EventType.TOKEN_DEF) {
                ByteBuffer r = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                int text = InputCodec.HEADER_BYTES + (b[1] >= 2 ? 3 : 2);
                int length = r.getInt(text);
                coins.add(new String(b, text + Integer.BYTES, length, StandardCharsets.UTF_8).split("\\|")[1]);
            }
        }
        return coins;
    }

    @Test
    void followInItsOwnJvmEndsOnSigtermWithTheCopyWholeAndClosed() throws Exception {
        Path copy = dir.resolve("child-copy");
        Path log = dir.resolve("pull.log");
        Path jvmArgs = Path.of("..", "config", "jvm.args").toAbsolutePath().normalize();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmArgs, "-Xmx256m", "-cp", MainClassPath.withoutTests(), PerpspotCli.class.getName(), "journal",
                "pull", "--kafka", kafka.bootstrap(), "--engine", "pull-1", "--out", copy.toString(), "--follow")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long records = journal(origin, Journal::input).size() + journal(origin, Journal::output).size();
        try {
            Await.await("the following copy holds the origin", 90, () -> recordsIn(copy) == records);
            child.destroy(); // SIGTERM: the shutdown hooks run, as on Ctrl-C
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "pull --follow ends on SIGTERM: " + Files.readString(log));
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        String out = Files.readString(log);
        assertTrue(out.contains("pulled " + records + " records"), "the pull said what it wrote: " + out);
        assertExactCopy(origin, copy);
    }

    /** The records of both queues of a journal being written (-1 while it has no queues yet). */
    private static long recordsIn(Path journal) {
        try {
            return journal(journal, Journal::input).size() + journal(journal, Journal::output).size();
        } catch (JournalFormatException notYet) {
            return -1;
        }
    }
}
