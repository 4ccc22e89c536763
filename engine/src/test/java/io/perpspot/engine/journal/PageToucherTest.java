package io.perpspot.engine.journal;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's pretouch thread ({@link PageToucher}) on real Chronicle files: it runs ahead of
 * the appenders, never changes a byte they wrote even when they race over the same pages, stops
 * and releases the files on close, and is absent when turned off.
 */
class PageToucherTest {
    @TempDir
    Path dir;

    private static MarketEvent bbo(int i) {
        MarketEvent e = new MarketEvent();
        e.type = EventType.PERP_BBO;
        e.source = Source.HL_WS_MAINNET;
        e.tokenId = i % 7;
        e.recvNanos = 1_790_000_000_000_000_000L + i * 1_000L;
        e.exchTimeMs = 1_790_000_000_000L + i;
        e.bidPx = 100_000_000L + i;
        e.bidSz = 5_000L + i;
        e.askPx = 100_100_000L + i;
        e.askSz = 7_000L + 3L * i;
        return e;
    }

    /** Every input record read back equals what was written, in order, and nothing follows. */
    private static void assertJournalHolds(Path journalDir, List<MarketEvent> written) {
        try (Journal j = Journal.openForRead(journalDir); ExcerptTailer t = j.input().createTailer()) {
            MarketEvent read = new MarketEvent();
            for (MarketEvent expected : written) {
                try (DocumentContext dc = t.readingDocument()) {
                    assertTrue(dc.isPresent(), "record " + expected.journalIndex + " is missing");
                    InputCodec.read(dc.wire().bytes(), dc.index(), read);
                }
                JournalRoundTripTest.assertSame(expected, read);
                assertEquals(expected.journalIndex, read.journalIndex);
            }
            try (DocumentContext dc = t.readingDocument()) {
                assertFalse(dc.isPresent(), "no extra records");
            }
        }
    }

    @Test
    void theJournalTouchesPagesAheadOfBothAppendersAndReleasesThemOnClose() throws Exception {
        Path jd = dir.resolve("j");
        List<MarketEvent> written = new ArrayList<>();
        PageToucher toucher;
        try (Journal j = Journal.openForWrite(jd, "daily", Journal.DEFAULT_BLOCK_SIZE, 1L << 20)) {
            toucher = j.pageToucher();
            assertNotNull(toucher, "on by default");
            JournalHandler h = new JournalHandler(j.input(), j.inputPages());
            OutputJournalSink out = new OutputJournalSink(j.output(), j.outputPages());
            OutputRecord r = new OutputRecord();
            for (int i = 0; i < 20_000; i++) {
                MarketEvent e = bbo(i);
                h.onEvent(e);
                written.add(e);
                if (i % 10 == 0) {
                    r.reset();
                    r.type = OutputType.SPREAD;
                    r.tokenId = e.tokenId;
                    r.timeNanos = e.recvNanos;
                    r.inputIndex = e.journalIndex;
                    out.write(r);
                }
            }
            PageToucher.Target in = j.inputPages();
            long pos = in.lastWritten();
            // 20,000 bbo records are well past the first page, and the thread catches up with
            // where they ended: every page up to 1 MB beyond the last write.
            assertTrue(pos > PageToucher.PAGE, "written to " + pos);
            await("input touched 1 MB past " + pos, 10, () -> in.touchedTo() >= pos + (1L << 20));
            PageToucher.Target o = j.outputPages();
            await("output touched 1 MB past its appender", 10, () -> o.touchedTo() >= o.lastWritten() + (1L << 20));
            assertTrue(toucher.pagesTouched() >= 2 * 256, "touched " + toucher.pagesTouched() + " pages");
            assertEquals(0, toucher.failures());
            h.close();
            out.close();
        }
        assertFalse(toucher.alive(), "the thread stops when the journal closes");
        assertJournalHolds(jd, written);
        // The files were released: the same journal opens for writing again and continues.
        try (Journal j = Journal.openForWrite(jd, "daily")) {
            JournalHandler h = new JournalHandler(j.input(), j.inputPages());
            MarketEvent e = bbo(20_000);
            h.onEvent(e);
            written.add(e);
            h.close();
        }
        assertJournalHolds(jd, written);
    }

    @Test
    void racingTheAppenderOverTheSamePagesNeverChangesAWrittenByte() throws Exception {
        // Two pages ahead, looked at every 20 µs: the appender keeps writing into pages the
        // thread is touching at that moment, and overtakes it. The compare-and-set from 0 to 0
        // must lose every such race without changing what the appender wrote.
        Path jd = dir.resolve("race");
        List<MarketEvent> written = new ArrayList<>();
        PageToucher toucher;
        try (Journal j = Journal.openForWrite(jd, "daily", Journal.DEFAULT_BLOCK_SIZE, 0)) {
            assertNull(j.pageToucher());
            toucher = new PageToucher("test-pretouch", 2 * PageToucher.PAGE, 20_000L, "input");
            try {
                JournalHandler h = new JournalHandler(j.input(), toucher.target(0));
                for (int i = 0; i < 200_000; i++) {
                    MarketEvent e = bbo(i);
                    h.onEvent(e);
                    written.add(e);
                }
                h.close();
                long pos = toucher.target(0).lastWritten();
                await("caught up with the appender", 10, () -> toucher.target(0).touchedTo() >= pos);
                assertTrue(toucher.pagesTouched() > 100, "touched " + toucher.pagesTouched() + " pages");
                assertEquals(0, toucher.failures());
            } finally {
                toucher.close();
            }
        }
        assertJournalHolds(jd, written);
    }

    @Test
    void everyChunkItTouchesIsAdvisedToFaultInSmallPages() throws Exception {
        // 1 MB chunks and 3 MB of records: the thread maps several chunks of the input file, and
        // each mapping must carry MADV_RANDOM ("rr" in the kernel's VmFlags), so that a fault maps
        // one page rather than a large folio (measured in docs/benchmarks.md).
        Path smaps = Path.of("/proc/self/smaps");
        Assumptions.assumeTrue(Files.isReadable(smaps), "needs Linux /proc/self/smaps");
        Path jd = dir.resolve("advised");
        long advisedBefore = PageToucher.chunksAdvised();
        try (Journal j = Journal.openForWrite(jd, "daily", 1L << 20, 1L << 20)) {
            JournalHandler h = new JournalHandler(j.input(), j.inputPages());
            for (int i = 0; i < 50_000; i++) {
                h.onEvent(bbo(i));
            }
            PageToucher.Target in = j.inputPages();
            long pos = in.lastWritten();
            await("input touched 1 MB past " + pos, 10, () -> in.touchedTo() >= pos + (1L << 20));
            assertEquals(0, j.pageToucher().failures());
            // Each mapping of the input file's VmFlags, and the address range of every mapping of
            // the journal's queue files.
            List<String> flags = new ArrayList<>();
            List<long[]> ranges = new ArrayList<>();
            String current = null;
            for (String line : Files.readAllLines(smaps)) {
                if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                    current = line.contains(jd.resolve("input").toString()) && line.endsWith(".cq4") ? line : null;
                    if (line.contains(jd.toString()) && line.endsWith(".cq4")) {
                        String[] r = line.substring(0, line.indexOf(' ')).split("-");
                        ranges.add(new long[] {Long.parseUnsignedLong(r[0], 16), Long.parseUnsignedLong(r[1], 16)});
                    }
                } else if (current != null && line.startsWith("VmFlags:")) {
                    flags.add(line);
                }
            }
            // The advice covers the chunk and nothing past it: the last chunk advised (past the
            // first, at a file offset > 0) lies inside one mapping of a queue file.
            long[] last = PageToucher.lastAdvised();
            assertNotNull(last, "nothing advised");
            assertTrue(ranges.stream().anyMatch(r -> r[0] <= last[0] && last[0] + last[1] <= r[1]),
                    "advised " + Long.toHexString(last[0]) + "+" + last[1]
                    + " is not inside one mapping of a queue file: "
                            + flags);
            assertTrue(flags.size() >= 3, "the input file is mapped in several chunks: " + flags);
            assertFalse(PageToucher.adviceUnavailable(), "madvise failed (logged)");
            assertTrue(PageToucher.chunksAdvised() - advisedBefore >= 3,
                    "advised " + (PageToucher.chunksAdvised() - advisedBefore) + " chunks");
            for (String f : flags) {
                assertTrue(List.of(f.substring("VmFlags:".length()).trim().split(" ")).contains("rr"),
                        "a chunk without MADV_RANDOM: " + f + " (all: " + flags + ")");
            }
            h.close();
        }
    }

    @Test
    void zeroTurnsItOff() {
        try (Journal j = Journal.openForWrite(dir.resolve("off"), "daily", Journal.DEFAULT_BLOCK_SIZE, 0)) {
            assertNull(j.pageToucher());
            assertNull(j.inputPages());
            assertNull(j.outputPages());
            JournalHandler h = new JournalHandler(j.input(), j.inputPages());
            h.onEvent(bbo(1));
            h.close();
        }
    }
}
