package io.perpspot.engine.latency;

import static io.perpspot.engine.testing.LatencyJournal.MS;
import static io.perpspot.engine.testing.LatencyJournal.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.testing.LatencyJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feed latency folded from a hand-built journal whose exchange timestamps give known latencies. */
class FeedLatencyTest {
    @TempDir
    Path dir;

    private static void assertEquivalent(Histogram h, long expectedNanos, long actualNanos, String what) {
        assertTrue(h.valuesAreEquivalent(expectedNanos, actualNanos),
                what + ": expected ~" + expectedNanos + " ns, got " + actualNanos);
    }

    @Test
    void feedLatencyFromKnownTimestampsGivesKnownPercentilesPerSourceAndInterval() {
        LatencyJournal.write(dir);
        List<OutputRecord> latency = new ArrayList<>();
        try (JournalReader r = JournalReader.open(dir)) {
            r.forEachOutput((rec, index) -> {
                if (rec.type == OutputType.LATENCY) {
                    OutputRecord copy = new OutputRecord();
                    copy.type = rec.type;
                    copy.timeNanos = rec.timeNanos;
                    copy.tokenId = rec.tokenId;
                    copy.latency.copyFrom(rec.latency);
                    latency.add(copy);
                }
                return true;
            });

            assertEquals(3, latency.size(), "two intervals ended: hl + jupiter, then hl");
            LatencySnapshot hl1 = latency.get(0).latency;
            assertEquals(LatencyKind.FEED, hl1.kind);
            assertEquals(Source.HL_WS_MAINNET, hl1.source);
            assertEquals(-1, latency.get(0).tokenId);
            assertEquals(T0, hl1.intervalStartNanos);
            assertEquals(T0 + 1000 * MS, hl1.intervalEndNanos);
            assertEquals(T0 + 1500 * MS, latency.get(0).timeNanos, "stamped with the event that ended the interval");
            assertEquals(100, hl1.count);
            Histogram h = hl1.decode();
            assertEquals(100, h.getTotalCount());
            assertEquivalent(h, 50 * MS, h.getValueAtPercentile(50), "p50");
            assertEquivalent(h, 90 * MS, h.getValueAtPercentile(90), "p90");
            assertEquivalent(h, 99 * MS, h.getValueAtPercentile(99), "p99");
            assertEquivalent(h, 100 * MS, h.getMaxValue(), "max");
            assertEquivalent(h, 1 * MS, h.getMinValue(), "min");

            LatencySnapshot jup = latency.get(1).latency;
            assertEquals(Source.JUPITER_PRICE, jup.source);
            assertEquals(10, jup.count);
            assertEquals(1, jup.negative, "exchange time in the future: counted, not recorded");
            assertEquivalent(h, 500 * MS, jup.decode().getValueAtPercentile(50), "jupiter p50");

            LatencySnapshot hl2 = latency.get(2).latency;
            assertEquals(T0 + 1000 * MS, hl2.intervalStartNanos);
            assertEquals(T0 + 2000 * MS, hl2.intervalEndNanos);
            assertEquals(3, hl2.count);
        }
    }

    @Test
    void aFreshStrategyDerivesTheSameLatencyRecordsByteForByte() {
        LatencyJournal.write(dir);
        try (JournalReader r = JournalReader.open(dir)) {
            List<byte[]> recorded = new ArrayList<>();
            Bytes<byte[]> buf = Bytes.allocateElasticOnHeap(256);
            r.forEachOutput((rec, index) -> {
                buf.clear();
                OutputCodec.write(rec, buf);
                recorded.add(buf.toByteArray());
                return true;
            });
            List<byte[]> derived = new ArrayList<>();
            Strategy s = new Strategy(rec -> {
                buf.clear();
                OutputCodec.write(rec, buf);
                derived.add(buf.toByteArray());
            });
            r.forEachInput(e -> {
                s.onEvent(e);
                return true;
            });
            assertEquals(recorded.size(), derived.size());
            for (int i = 0; i < recorded.size(); i++) {
                assertArrayEquals(recorded.get(i), derived.get(i), "record " + i);
            }
            assertEquals(3, s.latencySnapshots());
        }
    }

    @Test
    void journalsWithoutTheSettingReplayWithLatencyOff() {
        StrategySettings old = StrategySettings.fromText("strategy.zscore.window=120\n");
        assertEquals(0, old.latencySnapshotNanos(), "a key the writer did not know keeps the writer's behaviour");
        StrategySettings now = StrategySettings.fromText("strategy.latency.snapshot-interval=5s\n");
        assertEquals(5_000 * MS, now.latencySnapshotNanos());
    }

    @Test
    void aTruncatedSnapshotIsAClearJournalError() {
        SourceHistograms hs = new SourceHistograms(LatencyKind.FEED);
        hs.record(3, 5 * MS);
        LatencySnapshot s = new LatencySnapshot();
        hs.snapshot(3, T0, s);
        Bytes<byte[]> b = Bytes.allocateElasticOnHeap(256);
        s.write(b);
        LatencySnapshot back = new LatencySnapshot();
        back.read(b, "output", 7);
        assertEquals(1, back.count);
        assertEquals(3, back.source);
        assertTrue(back.decode().valuesAreEquivalent(5 * MS, back.decode().getMaxValue()));

        Bytes<byte[]> cut = Bytes.allocateElasticOnHeap(256);
        s.write(cut);
        cut.writePosition(cut.writePosition() - 3);
        JournalFormatException ex = assertThrows(JournalFormatException.class, () -> back.read(cut, "output", 7));
        assertTrue(ex.getMessage().contains("output record 7") && ex.getMessage().contains("truncated"),
                ex.getMessage());
    }

    @Test
    void outOfRangeValuesAreCountedNotRecorded() {
        SourceHistograms hs = new SourceHistograms(LatencyKind.FEED);
        hs.record(1, -5);
        hs.record(1, SourceHistograms.HIGHEST_NANOS + 1);
        hs.record(1, 10 * MS);
        LatencySnapshot s = new LatencySnapshot();
        hs.snapshot(1, T0, s);
        assertEquals(1, s.count);
        assertEquals(1, s.negative);
        assertEquals(1, s.overflow);
    }
}
