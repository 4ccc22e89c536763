package io.perpspot.tools.read;

import static io.perpspot.engine.testing.LatencyJournal.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testing.LatencyJournal;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LatencyReport} over the hand-built journal of {@link LatencyJournal}, whose exchange
 * timestamps give known feed latencies: 1..100 ms in the first interval of hl-ws-mainnet, 3 × 7 ms
 * in the second, and one Jupiter price stamped in the future.
 */
class LatencyReportTest {
    @TempDir
    Path dir;

    private static void assertEquivalent(long expectedNanos, long actualNanos, String what) {
        Histogram h = new Histogram(3);
        assertTrue(h.valuesAreEquivalent(expectedNanos, actualNanos),
                what + ": expected ~" + expectedNanos + " ns, got " + actualNanos);
    }

    @Test
    void mergedModeAddsEveryIntervalOfASource() {
        LatencyJournal.write(dir);
        try (JournalReader r = JournalReader.open(dir)) {
            LatencyReport merged = LatencyReport.read(r, LatencyReport.Mode.MERGED);
            LatencyReport.Entry m = merged.get(LatencyKind.FEED, Source.HL_WS_MAINNET);
            assertEquals(2, m.snapshots());
            assertEquals(103, m.percentiles().count());
            // 1..100 ms plus 3 × 7 ms: the 52nd of 103 sorted values is 49 ms.
            assertEquivalent(49 * MS, m.percentiles().p50(), "merged p50");
            assertEquivalent(100 * MS, m.percentiles().max(),
                    "merged max (the 900 ms of the open interval is not journaled)");
            assertEquals(1, merged.get(LatencyKind.FEED, Source.JUPITER_PRICE).negative());
            assertNull(merged.get(LatencyKind.JOURNAL, Source.HL_WS_MAINNET), "no engine latency without a clock");
        }
    }

    @Test
    void latestModeKeepsOnlyTheLastIntervalOfASource() {
        LatencyJournal.write(dir);
        try (JournalReader r = JournalReader.open(dir)) {
            LatencyReport latest = LatencyReport.read(r, LatencyReport.Mode.LATEST);
            LatencyReport.Percentiles p = latest.get(LatencyKind.FEED, Source.HL_WS_MAINNET).percentiles();
            assertEquals(3, p.count());
            assertEquivalent(7 * MS, p.p50(), "latest p50");
            assertEquivalent(7 * MS, p.max(), "latest max");
        }
    }
}
