package io.perpspot.dashboard;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.latency.SourceHistograms;
import io.perpspot.engine.tokens.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;
import org.HdrHistogram.Histogram;

/**
 * Writes a perpspot journal record by record through the real codecs, so a test knows every
 * value the dashboard must show. Stays open so a test can append "live" records while a sidecar
 * tails it. Use from one thread.
 */
final class TestJournal implements AutoCloseable {
    static final long T0_NANOS = 1_736_942_400_000_000_000L; // 2025-01-15T12:00:00Z

    private final Journal journal;
    private final ExcerptAppender in;
    private final ExcerptAppender out;
    private final MarketEvent e = new MarketEvent();
    private final OutputRecord r = new OutputRecord();
    private final List<Token> tokens = new ArrayList<>();
    long nowNanos = T0_NANOS;
    long lastInputIndex = -1;

    TestJournal(Path dir) {
        journal = Journal.openForWrite(dir, "daily", 1L << 20);
        in = journal.input().createAppender();
        out = journal.output().createAppender();
    }

    /** A well-formed (fake) base58 mint, distinct per id. */
    static String mint(int id) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder("Mint");
        long v = 1_000_003L * (id + 1);
        while (sb.length() < 44) {
            sb.append(alphabet.charAt((int) (v % 58)));
            v = v / 58 + 7 * sb.length();
        }
        return sb.toString();
    }

    static long px(String decimal) {
        return FixedPoint.parse(decimal, FixedPoint.PRICE_DECIMALS);
    }

    static long sz(String decimal) {
        return FixedPoint.parse(decimal, FixedPoint.SIZE_DECIMALS);
    }

    void tick(long millis) {
        nowNanos += millis * 1_000_000L;
    }

    private void header(int type, int source, int tokenId) {
        e.reset();
        e.type = type;
        e.source = source;
        e.tokenId = tokenId;
        e.recvNanos = nowNanos;
    }

    private void append() {
        try (DocumentContext dc = in.writingDocument()) {
            InputCodec.write(e, dc.wire().bytes());
        }
        lastInputIndex = in.lastIndexAppended();
    }

    void engineStart() {
        EngineEvents.engineStart(e, "# test\nstrategy.zscore.window=120\n", nowNanos);
        append();
    }

    int token(String symbol, String coin) {
        int id = tokens.size();
        Token t = new Token(id, symbol, coin, 0, mint(id), 6);
        tokens.add(t);
        EngineEvents.tokenDef(e, t, nowNanos);
        append();
        return id;
    }

    void status(int source, int state, String reason) {
        header(EventType.SOURCE_STATUS, source, -1);
        e.status = state;
        e.setText(reason);
        append();
    }

    void spot(int token, String price) {
        header(EventType.SPOT_PRICE, Source.JUPITER_PRICE, token);
        e.spotPx = px(price);
        e.liquidityUsd = 1_000_000;
        append();
    }

    void bbo(int token, String bid, String ask) {
        header(EventType.PERP_BBO, Source.HL_WS_MAINNET, token);
        e.bidPx = px(bid);
        e.bidSz = sz("100");
        e.askPx = px(ask);
        e.askSz = sz("100");
        append();
    }

    void ctx(int token, String funding, String mark) {
        header(EventType.PERP_CTX, Source.HL_WS_MAINNET, token);
        e.funding = px(funding);
        e.markPx = px(mark);
        e.oraclePx = px(mark);
        e.midPx = px(mark);
        append();
    }

    /**
     * A book of {@code levels} levels a side around {@code mid}, each {@code usdPerLevel} deep,
     * {@code stepBps} apart.
     */
    void book(int token, double mid, double usdPerLevel, double stepBps, int levels) {
        header(EventType.PERP_BOOK, Source.HL_WS_MAINNET, token);
        e.bidCount = levels;
        e.askCount = levels;
        for (int i = 0; i < levels; i++) {
            double off = stepBps * (i + 1) / 10_000;
            double bid = mid * (1 - off);
            double ask = mid * (1 + off);
            e.bidPxs[i] = FixedPoint.fromDouble(bid, FixedPoint.PRICE_DECIMALS);
            e.bidSzs[i] = FixedPoint.fromDouble(usdPerLevel / bid, FixedPoint.SIZE_DECIMALS);
            e.bidNs[i] = 1;
            e.askPxs[i] = FixedPoint.fromDouble(ask, FixedPoint.PRICE_DECIMALS);
            e.askSzs[i] = FixedPoint.fromDouble(usdPerLevel / ask, FixedPoint.SIZE_DECIMALS);
            e.askNs[i] = 1;
        }
        append();
    }

    /** One rung of a Jupiter quote ladder (side: {@link QuoteSide#BUY} / {@link QuoteSide#SELL}). */
    void quote(int token, int side, double notionalUsd, double px) {
        header(EventType.SPOT_QUOTE, Source.JUPITER_QUOTE, token);
        e.quoteSide = side;
        e.quoteNotionalUsd = FixedPoint.fromDouble(notionalUsd, FixedPoint.SIZE_DECIMALS);
        e.quotePx = FixedPoint.fromDouble(px, FixedPoint.PRICE_DECIMALS);
        e.quoteImpactPpm = 0;
        e.blockId = 1;
        append();
    }

    /** A LatencySnapshot input record (engine latency of one kind) with these values, in ns. */
    void engineLatency(int kind, int source, long... nanos) {
        header(EventType.LATENCY_SNAPSHOT, source, -1);
        Histogram h = SourceHistograms.newHistogram();
        for (long v : nanos) {
            h.recordValue(v);
        }
        if (e.latency == null) {
            e.latency = new LatencySnapshot();
        }
        e.latency.fill(kind, source, nowNanos - 10_000_000_000L, nowNanos, h, 0, 0);
        append();
    }

    /** A Latency output record (feed latency of one source) with these values, in ns. */
    void feedLatency(int source, long... nanos) {
        r.reset();
        r.type = OutputType.LATENCY;
        r.tokenId = -1;
        r.inputIndex = lastInputIndex;
        r.timeNanos = nowNanos;
        Histogram h = SourceHistograms.newHistogram();
        for (long v : nanos) {
            h.recordValue(v);
        }
        r.latency.fill(LatencyKind.FEED, source, nowNanos - 10_000_000_000L, nowNanos, h, 0, 0);
        writeOut();
    }

    void spread(int token, String spot, String perpMid, double basisBps, double z, double mean, double std) {
        r.reset();
        r.type = OutputType.SPREAD;
        r.tokenId = token;
        r.inputIndex = lastInputIndex;
        r.timeNanos = nowNanos;
        r.spotPx = px(spot);
        r.perpMid = px(perpMid);
        r.perpBid = r.perpMid;
        r.perpAsk = r.perpMid;
        r.funding = px("0.0000125");
        r.basisBps = basisBps;
        r.z = z;
        r.mean = mean;
        r.std = std;
        r.samples = 60;
        writeOut();
    }

    /**
     * A Spread record of venue pair {@code pair}: leg A's bid, ask and mid ({@code perpBid..perpMid}), leg B's price
     * ({@code spotPx}), the pair's basis and z.
     */
    void pairSpread(int token, int pair, String bidA, String askA, String midA, String legB, double basisBps,
                    double z) {
        r.reset();
        r.type = OutputType.SPREAD;
        r.pair = pair;
        r.tokenId = token;
        r.inputIndex = lastInputIndex;
        r.timeNanos = nowNanos;
        r.spotPx = px(legB);
        r.perpBid = px(bidA);
        r.perpAsk = px(askA);
        r.perpMid = px(midA);
        r.funding = px("0.0000125");
        r.basisBps = basisBps;
        r.z = z;
        r.mean = 0;
        r.std = 1;
        r.samples = 60;
        writeOut();
    }

    /** A tradable opportunity of venue pair {@code pair} (leg A at 100.5, leg B at 100, 9 bps of costs). */
    void pairOpportunity(int token, int pair, int direction, double netBps, double z) {
        opportunity(token, pair, direction, netBps, z, lastInputIndex);
    }

    void opportunity(int token, int direction, double netBps, double z) {
        opportunity(token, direction, netBps, z, lastInputIndex);
    }

    /**
     * An input index in the cycle before the input queue's current one: a record of a cycle file removed (a
     * journal whose oldest input was deleted while its output still refers to it).
     */
    long inputIndexOfARemovedCycle() {
        RollCycle rc = journal.input().rollCycle();
        return rc.toIndex(rc.toCycle(lastInputIndex) - 1, 0);
    }

    /** An opportunity derived from input record {@code inputIndex}. */
    void opportunity(int token, int direction, double netBps, double z, long inputIndex) {
        opportunity(token, 0, direction, netBps, z, inputIndex);
    }

    private void opportunity(int token, int pair, int direction, double netBps, double z, long inputIndex) {
        r.reset();
        r.type = OutputType.OPPORTUNITY;
        r.pair = pair;
        r.tokenId = token;
        r.inputIndex = inputIndex;
        r.timeNanos = nowNanos;
        r.direction = direction;
        r.spotPx = px("100");
        r.perpPx = px("100.5");
        r.grossBps = netBps + 9;
        r.netBps = netBps;
        r.feesBps = 9;
        r.z = z;
        r.basisBps = netBps + 9;
        writeOut();
    }

    private void writeOut() {
        try (DocumentContext dc = out.writingDocument()) {
            OutputCodec.write(r, dc.wire().bytes());
        }
    }

    long lastOutputIndex() {
        return out.lastIndexAppended();
    }

    @Override
    public void close() {
        in.close();
        out.close();
        journal.close();
    }
}
