package io.perpspot.bench;

import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending one bbo input event to the journal, beside the baseline; one op = one append,
 * events per second, on one thread:
 *
 * <pre>
 *   chronicle   JournalHandler ─▶ InputCodec ─▶ Chronicle input queue (memory-mapped, 256 MB blocks)
 *   jsonLines   JsonLinesJournal ─▶ one JSON object per line ─▶ 64 KB BufferedOutputStream ─▶ file
 * </pre>
 *
 * Each iteration starts a fresh journal in a temp directory (the files are deleted after it),
 * so neither grows without bound and both pay for growing their files. Neither forces data to
 * disk: both end in the page cache.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JournalAppendBenchmark {
    /** A pre-built bbo event per token of the shipped table, appended in rotation. */
    static MarketEvent[] events() {
        var registry = BboFrames.shippedRegistry();
        MarketEvent[] out = new MarketEvent[registry.size()];
        for (int i = 0; i < out.length; i++) {
            MarketEvent e = RingHandoffBenchmark.bbo();
            e.tokenId = i;
            e.recvNanos = 1_790_000_000_000_000_000L + i;
            e.exchTimeMs = 1_790_232_237_145L;
            out[i] = e;
        }
        return out;
    }

    /** A fresh Chronicle journal per iteration and the JournalHandler that appends to it. */
    @State(Scope.Thread)
    public static class ChronicleState {
        MarketEvent[] events;
        Path dir;
        Journal journal;
        JournalHandler handler;
        int i;

        @Setup(Level.Iteration)
        public void setUp() throws IOException {
            BenchEnvironment.requireJvmArgs();
            events = events();
            dir = Files.createTempDirectory("perpspot-bench-append");
            journal = Journal.openForWrite(dir.resolve("journal"), "daily", Journal.DEFAULT_BLOCK_SIZE);
            handler = new JournalHandler(journal.input());
        }

        /** Appends the next token's event (a new receive time each); returns its journal index. */
        public long append() {
            MarketEvent e = events[i];
            i = i + 1 == events.length ? 0 : i + 1;
            e.recvNanos++;
            handler.onEvent(e);
            return e.journalIndex;
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            handler.close();
            journal.close();
            BenchEnvironment.deleteTree(dir);
        }
    }

    /** A fresh JSON-lines file per iteration. */
    @State(Scope.Thread)
    public static class JsonLinesState {
        MarketEvent[] events;
        Path dir;
        JsonLinesJournal journal;
        int i;

        @Setup(Level.Iteration)
        public void setUp() throws IOException {
            events = events();
            dir = Files.createTempDirectory("perpspot-bench-append-json");
            journal = new JsonLinesJournal(dir.resolve("input.jsonl"));
        }

        /** Appends the next token's event as one line (a new receive time each); returns its line index. */
        public long append() {
            MarketEvent e = events[i];
            i = i + 1 == events.length ? 0 : i + 1;
            e.recvNanos++;
            journal.append(e);
            return e.journalIndex;
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            journal.close();
            BenchEnvironment.deleteTree(dir);
        }
    }

    @Benchmark
    public long chronicle(ChronicleState s) {
        return s.append();
    }

    @Benchmark
    public long jsonLines(JsonLinesState s) {
        return s.append();
    }
}
