package io.perpspot.engine.strategy;

import io.perpspot.engine.detect.ArbitrageDetector;
import io.perpspot.engine.journal.OutputRecord;
import io.perpspot.engine.journal.OutputType;
import io.perpspot.engine.journal.RecordSink;
import io.perpspot.engine.latency.FeedLatency;
import io.perpspot.engine.latency.SourceHistograms;
import io.perpspot.engine.ring.EventType;
import io.perpspot.engine.ring.MarketEvent;
import io.perpspot.engine.spread.SpreadBook;
import java.util.Arrays;

/**
 * The strategy as a fold over journaled input: reads each {@link MarketEvent} in journal
 * order, updates that token's {@link SpreadBook} (prices, basis, rolling Z-score), asks the
 * {@link ArbitrageDetector}, and writes throttled spread snapshots and opportunities to a
 * {@link RecordSink}.
 *
 * <p>Pure function of its input: its only clock is {@link MarketEvent#recvNanos}; its
 * parameters come from the journaled EngineStart record. Live and replay run this same class.
 * Allocation-free per market event.
 */
public final class Strategy {
    private final RecordSink sink;
    private final OutputRecord out = new OutputRecord();
    private StrategySettings settings;
    private ArbitrageDetector detector;
    private SpreadBook[] books = new SpreadBook[0];
    private final FeedLatency feedLatency = new FeedLatency();

    private long marketEvents;
    private long unknownTokenEvents;
    private long spreads;
    private long opportunities;
    private long latencySnapshots;
    private final long[] refusals = new long[OutputRecord.GATE_REASONS];
    private long quotes;
    private long discoveries;
    private PriorityHint hint = PriorityHint.NONE;

    public Strategy(RecordSink sink) {
        this.sink = sink;
    }

    public void onEvent(MarketEvent e) {
        if (e.type == EventType.LATENCY_SNAPSHOT) {
            // The engine's wall-clock measurements: not market input, and absent from the live
            // ring, so they must not even move the fold's clock.
            return;
        }
        if (e.type == EventType.ENGINE_START) {
            // A new run starts from nothing, as the live strategy of that run did: the previous
            // run's open latency interval is dropped, not written here.
            start(StrategySettings.fromText(e.textString()));
            return;
        }
        if (feedLatency.due(e.recvNanos)) {
            writeLatency(e);
        }
        feedLatency.record(e);
        switch (e.type) {
            case EventType.TOKEN_DEF -> define(e.tokenId, (e.tokenFlags & MarketEvent.TOKEN_DELISTED) != 0);
            case EventType.SOURCE_STATUS -> {
                // Source health is journaled for the record; staleness is judged by price age.
            }
            case EventType.DISCOVERY -> discoveries++;
            case EventType.SPOT_QUOTE -> {
                SpreadBook b = bookOf(e.tokenId);
                if (b == null) {
                    unknownTokenEvents++;
                } else {
                    quotes++;
                    b.apply(e);
                }
            }
            default -> {
                if (EventType.isMarketData(e.type)) {
                    onMarket(e);
                }
            }
        }
    }

    /** Applies new parameters and forgets all derived state (a new engine run starts fresh). */
    private void start(StrategySettings s) {
        settings = s;
        detector = new ArbitrageDetector(s);
        books = new SpreadBook[0];
        feedLatency.start(s.latencySnapshotNanos());
    }

    /** Journals the feed-latency interval that ended before {@code e}, one record per source. */
    private void writeLatency(MarketEvent e) {
        for (int source = 0; source < SourceHistograms.SOURCES; source++) {
            if (feedLatency.hasData(source)) {
                OutputRecord r = begin(OutputType.LATENCY, e);
                r.tokenId = -1;
                feedLatency.snapshot(source, r.latency);
                sink.write(r);
                latencySnapshots++;
            }
        }
        feedLatency.roll(e.recvNanos);
    }

    /**
     * A TokenDef: a new id gets a book; a known id (rediscovery flagging a delisted perp, or
     * listing it again) keeps its state and only changes its delisted flag.
     */
    private void define(int tokenId, boolean delisted) {
        if (settings == null || tokenId < 0) {
            return;
        }
        if (tokenId >= books.length) {
            books = Arrays.copyOf(books, Math.max(tokenId + 1, books.length * 2));
        }
        if (books[tokenId] == null) {
            books[tokenId] = new SpreadBook(settings.zWindow());
        }
        books[tokenId].delisted = delisted;
    }

    private SpreadBook bookOf(int id) {
        return settings == null || id < 0 || id >= books.length ? null : books[id];
    }

    /** Where the nearness of each token to a signal is told (live: the quote scheduler; replay: nobody). */
    public void priorityHint(PriorityHint h) {
        hint = h == null ? PriorityHint.NONE : h;
    }

    private void onMarket(MarketEvent e) {
        int id = e.tokenId;
        if (settings == null || id < 0 || id >= books.length || books[id] == null) {
            unknownTokenEvents++;
            return;
        }
        marketEvents++;
        SpreadBook b = books[id];
        if (!b.apply(e)) {
            return;
        }
        long now = e.recvNanos;
        StrategySettings s = settings;
        if (!b.priced()) {
            return;
        }
        // Gate: a stale leg or a fallback source never feeds the statistics or a signal; a
        // would-be signal on such a spread is refused and counted by reason.
        int gate = detector.gate(b, now);
        double basis = b.basisBps();
        if (gate == 0 && now >= b.nextSampleNanos) {
            b.basis.add(basis);
            long interval = s.sampleIntervalNanos();
            b.nextSampleNanos = (Math.floorDiv(now, interval) + 1) * interval;
        }
        double mean = b.basis.mean();
        double std = b.basis.std();
        double z = b.basis.count() >= s.minSamples() && std > 0 ? (basis - mean) / std : Double.NaN;
        if (gate == 0 && !Double.isNaN(z)) {
            hint.nearness(id, Math.abs(z) / s.minAbsZ());
        }

        if (gate == 0 && (b.lastSnapshotNanos == SpreadBook.NEVER || now - b.lastSnapshotNanos >= s.snapshotIntervalNanos())) {
            b.lastSnapshotNanos = now;
            OutputRecord r = begin(OutputType.SPREAD, e);
            r.spotPx = b.spotPx;
            r.perpBid = b.perpBid;
            r.perpAsk = b.perpAsk;
            r.perpMid = b.perpMid;
            r.markPx = b.markPx;
            r.oraclePx = b.oraclePx;
            r.funding = b.funding;
            r.basisBps = basis;
            r.z = z;
            r.mean = mean;
            r.std = std;
            r.samples = b.basis.count();
            r.spotAgeMs = (int) Math.min(Integer.MAX_VALUE, Math.max(0, (now - b.spotTime) / 1_000_000));
            r.perpAgeMs = (int) Math.min(Integer.MAX_VALUE, Math.max(0, (now - b.perpMidTime) / 1_000_000));
            sink.write(r);
            spreads++;
        }
        OutputRecord r = begin(OutputType.OPPORTUNITY, e);
        if (detector.evaluate(b, basis, z, now, gate, r)) {
            sink.write(r);
            if (r.rejectReason == 0) {
                opportunities++;
            } else {
                refusals[r.rejectReason]++;
            }
        }
    }

    private OutputRecord begin(int type, MarketEvent e) {
        OutputRecord r = out;
        r.reset();
        r.type = type;
        r.tokenId = e.tokenId;
        r.inputIndex = e.journalIndex;
        r.timeNanos = e.recvNanos;
        return r;
    }

    /** The book of a token, or null. */
    public SpreadBook book(int tokenId) {
        return tokenId >= 0 && tokenId < books.length ? books[tokenId] : null;
    }

    public long marketEvents() {
        return marketEvents;
    }

    public long unknownTokenEvents() {
        return unknownTokenEvents;
    }

    public long spreads() {
        return spreads;
    }

    public long opportunities() {
        return opportunities;
    }

    /** Feed-latency snapshots written. */
    public long latencySnapshots() {
        return latencySnapshots;
    }

    /** Would-be opportunities the detector refused for {@code reason} (OutputRecord.GATE_*). */
    public long refusals(int reason) {
        return refusals[reason];
    }

    /** SpotQuote records applied to a ladder. */
    public long quotes() {
        return quotes;
    }

    /** Discovery records seen. */
    public long discoveries() {
        return discoveries;
    }
}
