package io.perpspot.bench;

import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link CorePathBenchmark#replay}'s and {@link CorePathBenchmark#replayBareRead}'s state: a
 * journal written once through the real Pipeline, and a reader over it.
 */
@State(Scope.Thread)
public class ReplayState {
    /** Every token of the shipped table. */
    private static final int TOKENS = 24;
    /**
     * Input records per second of SyntheticJournal market per token: a step every 250 ms
     * with a bbo, half a spot price, a quarter ctx, an eighth book, a twentieth mid.
     */
    private static final double EVENTS_PER_TOKEN_SECOND = 4 * (1 + 0.5 + 0.25 + 0.125 + 0.05);

    Path dir;
    JournalReader reader;
    long inputRecords;
    int events;
    final InMemorySink sink = new InMemorySink();
    Strategy strategy;
    private long visited;
    private final JournalReader.InputVisitor feed = e -> {
        strategy.onEvent(e);
        return ++visited < events;
    };

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        setUp(CorePathBenchmark.REPLAY_EVENTS);
    }

    /** Writes a journal of at least {@code events} input records; each replay pass reads exactly that many. */
    public void setUp(int events) throws IOException {
        BenchEnvironment.requireJvmArgs();
        this.events = events;
        dir = Files.createTempDirectory("perpspot-bench-replay");
        int seconds = (int) Math.ceil(events / (TOKENS * EVENTS_PER_TOKEN_SECOND) * 1.02) + 62;
        SyntheticJournal j = SyntheticJournal.builder().tokens(TOKENS).seconds(seconds).ringSize(1 << 14)
                .write(dir.resolve("journal"));
        inputRecords = j.inputRecords();
        if (inputRecords < events) {
            throw new IllegalStateException("synthetic journal holds " + inputRecords + " events, fewer than "
                    + events);
        }
        reader = JournalReader.open(j.dir());
    }

    /** One pass: the first {@link #events} input records through a fresh Strategy. Returns records derived. */
    public long replayOnce() {
        strategy = new Strategy(sink);
        visited = 0;
        long n = reader.forEachInput(feed);
        if (n != events) {
            throw new IllegalStateException("replayed " + n + " events, expected " + events);
        }
        return strategy.spreads() + strategy.opportunities();
    }

    /**
     * The bare-read baseline: the same first {@link #events} records through a Chronicle
     * tailer, each record's first 8 bytes read and summed, no decoding, no strategy.
     * Returns the sum (so the reads cannot be elided).
     */
    public long bareReadOnce() {
        long sum = 0;
        int n = 0;
        try (ExcerptTailer tailer = reader.inputTailer()) {
            while (n < events) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    sum += b.readLong(b.readPosition());
                    n++;
                }
            }
        }
        if (n != events) {
            throw new IllegalStateException("bare read saw " + n + " records, expected " + events);
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf(Locale.ROOT, "%nreplay: journal of %d input records; a pass replays %d and derives %d"
                + " spreads and %d opportunities%n", inputRecords, events,
                strategy == null ? 0 : strategy.spreads(), strategy == null ? 0 : strategy.opportunities());
        reader.close();
        BenchEnvironment.deleteTree(dir);
    }
}
