package io.perpspot.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery by replay: the state rebuilt from a journal (latest StateSnapshot + the input after
 * it, or the whole input) is byte for byte the state of a fresh strategy that folded every input.
 */
class RecoveryFromJournalTest {

    /** The state of a fresh strategy after folding the whole input queue. */
    static byte[] fullFold(Path dir) {
        return state(folded(dir));
    }

    /** A fresh strategy that folded the whole input queue. */
    static Strategy folded(Path dir) {
        Strategy s = new Strategy(r -> { });
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachInput(e -> {
                s.onEvent(e);
                return true;
            });
        }
        return s;
    }

    static byte[] state(Strategy s) {
        Bytes<byte[]> b = Bytes.allocateElasticOnHeap(1 << 16);
        s.writeState(b);
        return b.toByteArray();
    }

    @Test
    void snapshotBasedRecoveryEqualsFullFoldAndFoldsOnlyTheTail(@TempDir Path dir) {
        SyntheticJournal.builder().tokens(4).seconds(70).set("strategy.state.snapshot-interval=20s").write(dir);
        AtomicLong snapshots = new AtomicLong();
        long inputs;
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachOutput((r, i) -> {
                if (r.type == OutputType.STATE_SNAPSHOT) {
                    snapshots.incrementAndGet();
                }
                return true;
            });
            inputs = reader.forEachInput(e -> true);
        }
        assertTrue(snapshots.get() >= 3, "70 s of event time at 20 s: at least 3 snapshots, got " + snapshots);

        byte[] expected = fullFold(dir);
        Strategy recovered = new Strategy(r -> { });
        Recovery.Result result;
        try (Journal j = Journal.openForWrite(dir, "daily")) {
            result = Recovery.recover(j, recovered);
        }
        assertFalse(result.empty());
        assertTrue(result.fromSnapshot(), result.describe());
        assertTrue(result.inputsFolded() < inputs, "only the tail is folded: " + result.describe());
        assertEquals(0, result.outputsWritten(), "a cleanly closed journal needs no output: " + result.describe());
        assertEquals(0, result.divergences());
        assertEquals(4, result.tokens().size());
        assertArrayEquals(expected, state(recovered), "snapshot + tail must equal the full fold");
        assertTrue(recovered.marketEvents() > 0 && recovered.spreads() > 0);
    }

    @Test
    void opportunitiesByDirectionCountWhatThisInstanceWroteAndRecoveryReadsNothingBeforeTheSnapshotForThem(
            @TempDir Path dir) {
        // Dislocations at 45 s (short-perp/long-spot) and 55 s (long-perp/short-spot); the last snapshot at 60 s.
        SyntheticJournal.builder().tokens(4).seconds(70).set("strategy.state.snapshot-interval=20s").write(dir);
        Strategy full = folded(dir);
        long sum = 0;
        for (int d = 0; d < Strategy.DIRECTIONS; d++) {
            sum += full.opportunities(d);
        }
        assertTrue(full.opportunities(OutputRecord.SHORT_PERP_LONG_SPOT) > 0);
        assertTrue(full.opportunities(OutputRecord.LONG_PERP_SHORT_SPOT) > 0);
        assertEquals(0, full.opportunities(0), "no opportunity without a direction");
        assertEquals(full.opportunities(), sum, "an instance that wrote every opportunity: the directions sum to it");
        Strategy recovered = new Strategy(r -> { });
        try (Journal j = Journal.openForWrite(dir, "daily")) {
            assertTrue(Recovery.recover(j, recovered).fromSnapshot());
        }
        assertEquals(full.opportunities(), recovered.opportunities(), "the total is restored from the snapshot");
        for (int d = 0; d < Strategy.DIRECTIONS; d++) {
            assertEquals(0, recovered.opportunities(d), "a recovered engine counts directions from its start");
        }
    }

    @Test
    void withoutSnapshotsRecoveryFoldsEverythingToTheSameState(@TempDir Path dir) {
        SyntheticJournal.builder().tokens(3).seconds(40).set("strategy.state.snapshot-interval=0s").write(dir);
        byte[] expected = fullFold(dir);
        Strategy recovered = new Strategy(r -> { });
        Recovery.Result result;
        try (Journal j = Journal.openForWrite(dir, "daily")) {
            result = Recovery.recover(j, recovered);
        }
        assertFalse(result.fromSnapshot());
        assertEquals(0, result.outputsWritten());
        assertArrayEquals(expected, state(recovered));
    }

    @Test
    void stateRoundTripsAndAContinuedRunKeepsItWhileANewRunResetsIt(@TempDir Path dir) {
        SyntheticJournal.builder().tokens(3).seconds(40).write(dir);
        Strategy a = new Strategy(r -> { });
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachInput(e -> {
                a.onEvent(e);
                return true;
            });
        }
        byte[] s = state(a);
        Strategy b = new Strategy(r -> { });
        Bytes<byte[]> bytes = Bytes.allocateElasticOnHeap(s.length);
        bytes.write(s);
        b.readState(bytes);
        assertArrayEquals(s, state(b));

        String text = a.settings().text();
        MarketEvent start = EngineEvents.engineStart(
                new MarketEvent(), "# x\n" + StrategySettings.CONTINUE_LINE + "\n" + text,
                SyntheticJournal.START_NANOS + 100_000_000_000L);
        b.onEvent(start);
        assertEquals(1, b.continuedRuns());
        assertTrue(b.book(0).basis.count() > 0, "continue keeps the Z-score windows");
        MarketEvent fresh = EngineEvents.engineStart(
                new MarketEvent(), text, SyntheticJournal.START_NANOS + 100_000_000_001L);
        b.onEvent(fresh);
        assertEquals(null, b.book(0), "a plain EngineStart starts from nothing");
    }

    @Test
    void anUnknownStateSnapshotVersionStopsRecoveryWithAJournalFormatError(@TempDir Path dir) {
        SyntheticJournal.builder().tokens(2).seconds(10).write(dir);
        long lastInput;
        try (JournalReader reader = JournalReader.open(dir)) {
            long[] last = {-1};
            reader.forEachInput(e -> {
                last[0] = e.journalIndex;
                return true;
            });
            lastInput = last[0];
        }
        assertTrue(lastInput >= 0);
        try (Journal j = Journal.openForWrite(dir, "daily")) {
            try (ExcerptAppender a = j.output().createAppender();
                 DocumentContext dc = a.writingDocument()) {
                Bytes<?> b = dc.wire().bytes();
                b.writeByte((byte) OutputType.STATE_SNAPSHOT).writeByte((byte) 2).writeShort((short) 0).writeInt(-1)
                        .writeLong(lastInput).writeLong(0L);
                b.writeShort((short) (Strategy.STATE_VERSION + 1)).writeShort((short) 0).writeInt(-1);
            }
            JournalFormatException ex = Assertions.assertThrows(
                    JournalFormatException.class,
                    () -> Recovery.recover(j, new Strategy(r -> { })));
            assertTrue(ex.getMessage().contains("state version " + (Strategy.STATE_VERSION + 1)), ex.getMessage());
        }
    }
}
