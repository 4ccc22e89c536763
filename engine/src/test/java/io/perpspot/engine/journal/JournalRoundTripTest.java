package io.perpspot.engine.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every record type survives a real Chronicle queue byte for byte; bad directories give one clear line. */
class JournalRoundTripTest {
    @TempDir
    Path dir;

    static List<MarketEvent> oneOfEach() {
        List<MarketEvent> all = new ArrayList<>();
        Token bonk = Fixtures.shippedTokens().get(4);
        all.add(EngineEvents.engineStart(new MarketEvent(), "strategy.zscore.window=120\n", 1L));
        all.add(EngineEvents.tokenDef(new MarketEvent(), bonk, 2L));
        MarketEvent bbo = base(EventType.PERP_BBO, 3);
        bbo.bidPx = 21_600_000L;
        bbo.bidSz = 123_456_789L;
        bbo.askPx = 21_700_000L;
        bbo.askSz = 987L;
        all.add(bbo);
        MarketEvent book = base(EventType.PERP_BOOK, 4);
        book.bidCount = 20;
        book.askCount = 1;
        for (int i = 0; i < 20; i++) {
            book.bidPxs[i] = 1_000_000L - i;
            book.bidSzs[i] = 5L + i;
            book.bidNs[i] = i;
        }
        book.askPxs[0] = 1_000_001L;
        book.askSzs[0] = 7L;
        book.askNs[0] = 3;
        all.add(book);
        MarketEvent ctx = base(EventType.PERP_CTX, 5);
        ctx.funding = -125L;
        ctx.premium = 6L;
        ctx.openInterest = 7L;
        ctx.oraclePx = 8L;
        ctx.markPx = 9L;
        ctx.midPx = FixedPoint.NULL;
        ctx.impactBidPx = 10L;
        ctx.impactAskPx = 11L;
        ctx.prevDayPx = 12L;
        ctx.dayNtlVlm = 4_161_029_539_694_965L;
        all.add(ctx);
        MarketEvent mid = base(EventType.PERP_MID, 6);
        mid.midPx = 94_877_500_000_000L;
        all.add(mid);
        MarketEvent spot = base(EventType.SPOT_PRICE, 7);
        spot.source = Source.JUPITER_PRICE;
        spot.spotPx = 117_111_396_945_016L;
        spot.liquidityUsd = 946_740_309L;
        spot.blockId = 449_696_083L;
        all.add(spot);
        MarketEvent status = base(EventType.SOURCE_STATUS, 8);
        status.tokenId = -1;
        status.status = SourceState.DOWN;
        status.setText("connect failed: UnknownHostException api.hyperliquid.xyz");
        all.add(status);
        return all;
    }

    private static MarketEvent base(int type, long t) {
        MarketEvent e = new MarketEvent();
        e.type = type;
        e.source = Source.HL_WS_MAINNET;
        e.tokenId = 0;
        e.recvNanos = t * 1_000_000_000L + 123;
        e.exchTimeMs = t * 1000 + 7;
        return e;
    }

    @Test
    void everyInputRecordTypeRoundTripsThroughChronicle() {
        List<MarketEvent> written = oneOfEach();
        try (Journal j = Journal.openForWrite(dir.resolve("j"), "daily")) {
            JournalHandler h = new JournalHandler(j.input());
            for (MarketEvent e : written) {
                h.onEvent(e);
                assertTrue(e.journalIndex >= 0);
            }
            h.close();
        }
        try (Journal j = Journal.openForRead(dir.resolve("j"))) {
            ExcerptTailer t = j.input().createTailer();
            MarketEvent read = new MarketEvent();
            for (MarketEvent expected : written) {
                try (DocumentContext dc = t.readingDocument()) {
                    assertTrue(dc.isPresent());
                    InputCodec.read(dc.wire().bytes(), dc.index(), read);
                    assertEquals(expected.journalIndex, read.journalIndex);
                }
                assertSame(expected, read);
            }
            try (DocumentContext dc = t.readingDocument()) {
                assertTrue(!dc.isPresent(), "no extra records");
            }
        }
    }

    static void assertSame(MarketEvent a, MarketEvent b) {
        String what = EventType.name(a.type);
        assertEquals(a.type, b.type, what);
        assertEquals(a.source, b.source, what);
        assertEquals(a.tokenId, b.tokenId, what);
        assertEquals(a.recvNanos, b.recvNanos, what);
        assertEquals(a.exchTimeMs, b.exchTimeMs, what);
        assertEquals(a.bidPx, b.bidPx, what);
        assertEquals(a.bidSz, b.bidSz, what);
        assertEquals(a.askPx, b.askPx, what);
        assertEquals(a.askSz, b.askSz, what);
        assertEquals(a.bidCount, b.bidCount, what);
        assertEquals(a.askCount, b.askCount, what);
        assertArrayEquals(Arrays.copyOf(a.bidPxs, a.bidCount), Arrays.copyOf(b.bidPxs, b.bidCount), what);
        assertArrayEquals(Arrays.copyOf(a.bidSzs, a.bidCount), Arrays.copyOf(b.bidSzs, b.bidCount), what);
        assertArrayEquals(Arrays.copyOf(a.bidNs, a.bidCount), Arrays.copyOf(b.bidNs, b.bidCount), what);
        assertArrayEquals(Arrays.copyOf(a.askPxs, a.askCount), Arrays.copyOf(b.askPxs, b.askCount), what);
        assertEquals(a.funding, b.funding, what);
        assertEquals(a.premium, b.premium, what);
        assertEquals(a.openInterest, b.openInterest, what);
        assertEquals(a.oraclePx, b.oraclePx, what);
        assertEquals(a.markPx, b.markPx, what);
        assertEquals(a.midPx, b.midPx, what);
        assertEquals(a.impactBidPx, b.impactBidPx, what);
        assertEquals(a.impactAskPx, b.impactAskPx, what);
        assertEquals(a.prevDayPx, b.prevDayPx, what);
        assertEquals(a.dayNtlVlm, b.dayNtlVlm, what);
        assertEquals(a.spotPx, b.spotPx, what);
        assertEquals(a.liquidityUsd, b.liquidityUsd, what);
        assertEquals(a.blockId, b.blockId, what);
        assertEquals(a.status, b.status, what);
        assertEquals(a.multExp, b.multExp, what);
        assertEquals(a.decimals, b.decimals, what);
        assertEquals(a.textString(), b.textString(), what);
    }

    @Test
    void tokenDefTurnsBackIntoTheToken() {
        Token bonk = Fixtures.shippedTokens().get(4);
        MarketEvent e = EngineEvents.tokenDef(new MarketEvent(), bonk.withId(7), 1L);
        assertEquals(bonk.withId(7), EngineEvents.token(e));
    }

    @Test
    void outputRecordsRoundTrip() {
        OutputRecord spread = new OutputRecord();
        spread.reset();
        spread.type = OutputType.SPREAD;
        spread.tokenId = 3;
        spread.inputIndex = 99;
        spread.timeNanos = 5;
        spread.spotPx = 1;
        spread.perpBid = 2;
        spread.perpAsk = 3;
        spread.perpMid = 4;
        spread.basisBps = 12.5;
        spread.z = Double.NaN;
        spread.samples = 17;
        OutputRecord opp = new OutputRecord();
        opp.reset();
        opp.type = OutputType.OPPORTUNITY;
        opp.direction = OutputRecord.LONG_PERP_SHORT_SPOT;
        opp.netBps = 70.25;
        try (Journal j = Journal.openForWrite(dir.resolve("o"), "daily"); OutputJournalSink sink =
                new OutputJournalSink(j.output())) {
            sink.write(spread);
            sink.write(opp);
            ExcerptTailer t = j.output().createTailer();
            OutputRecord r = new OutputRecord();
            try (DocumentContext dc = t.readingDocument()) {
                OutputCodec.read(dc.wire().bytes(), dc.index(), r);
            }
            assertEquals(17, r.samples);
            assertEquals(12.5, r.basisBps);
            assertTrue(Double.isNaN(r.z));
            assertEquals(99, r.inputIndex);
            try (DocumentContext dc = t.readingDocument()) {
                OutputCodec.read(dc.wire().bytes(), dc.index(), r);
            }
            assertEquals(OutputRecord.LONG_PERP_SHORT_SPOT, r.direction);
            assertEquals(70.25, r.netBps);
        }
    }

    @Test
    void aDirectoryThatIsNotAJournalIsRefusedWithOneLine() throws Exception {
        Path other = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(other.resolve("cat.jpg"), "meow");
        JournalFormatException w =
                assertThrows(JournalFormatException.class, () -> Journal.openForWrite(other, "daily"));
        assertTrue(w.getMessage().contains("is not a perpspot journal"), w.getMessage());
        JournalFormatException r = assertThrows(JournalFormatException.class, () -> Journal.openForRead(other));
        assertTrue(r.getMessage().contains("is not a perpspot journal"), r.getMessage());
        JournalFormatException m =
                assertThrows(JournalFormatException.class, () -> Journal.openForRead(dir.resolve("nope")));
        assertTrue(m.getMessage().contains("no such journal directory"), m.getMessage());
    }

    @Test
    void aNewerJournalVersionIsRefused() throws Exception {
        Path j = dir.resolve("future");
        Journal.openForWrite(j, "daily").close();
        Path marker = j.resolve(Journal.MARKER);
        Files.writeString(marker, Files.readString(marker).replace("version=1", "version=9"));
        JournalFormatException e = assertThrows(JournalFormatException.class, () -> Journal.openForRead(j));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void aRecordOfAnUnknownVersionOrTypeIsAClearError() {
        try (Journal j = Journal.openForWrite(dir.resolve("v"), "daily")) {
            ExcerptAppender a = j.input().createAppender();
            try (DocumentContext dc = a.writingDocument()) {
                Bytes<?> b = dc.wire().bytes();
                b.writeByte((byte) EventType.PERP_MID);
                b.writeByte((byte) 7);
                b.write(new byte[40]);
            }
            try (DocumentContext dc = a.writingDocument()) {
                Bytes<?> b = dc.wire().bytes();
                b.writeByte((byte) 99);
                b.writeByte((byte) 1);
                b.write(new byte[40]);
            }
            ExcerptTailer t = j.input().createTailer();
            MarketEvent e = new MarketEvent();
            try (DocumentContext dc = t.readingDocument()) {
                JournalFormatException ex = assertThrows(JournalFormatException.class,
                        () -> InputCodec.read(dc.wire().bytes(), dc.index(), e));
                assertTrue(ex.getMessage().contains("format version 7"), ex.getMessage());
            }
            try (DocumentContext dc = t.readingDocument()) {
                JournalFormatException ex = assertThrows(JournalFormatException.class,
                        () -> InputCodec.read(dc.wire().bytes(), dc.index(), e));
                assertTrue(ex.getMessage().contains("unknown record type 99"), ex.getMessage());
            }
        }
    }
}
