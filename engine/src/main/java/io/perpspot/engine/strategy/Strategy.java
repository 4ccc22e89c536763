package io.perpspot.engine.strategy;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.RecordSink;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.detect.ArbitrageDetector;
import io.perpspot.engine.latency.FeedLatency;
import io.perpspot.engine.latency.LatencyFigures;
import io.perpspot.engine.latency.SourceHistograms;
import io.perpspot.engine.spread.PairState;
import io.perpspot.engine.spread.SpreadBook;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;

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
public final class Strategy implements OutputRecord.StatePayload {
    /**
     * Version of the StateSnapshot payload this build writes. It reads version 1 too (written before the third
     * venue: a book's Hyperliquid spot leg and its two other pairs start empty), and writes it when asked for the
     * layout of an output record before version 3 (a replay comparing with such a journal).
     */
    public static final int STATE_VERSION = 2;
    /** The oldest StateSnapshot payload version this build reads. */
    public static final int OLDEST_STATE_VERSION = 1;
    /** Slots of the per-direction opportunity counts: 0 (any other code) and the OutputRecord directions. */
    static final int DIRECTIONS = OutputRecord.LONG_PERP_SHORT_SPOT + 1;
    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final RecordSink sink;
    private final LatencySnapshot stateScratch = new LatencySnapshot();
    private byte[] settingsText = new byte[0];
    private long nextStateNanos = NOT_STARTED;
    private long stateSnapshots;
    /** EngineStarts that continued the previous run's state / that asked to but had other parameters. */
    private long continued;
    private long continueRefused;
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
    /**
     * Tradable opportunities this instance wrote, by direction code (0: any other code). Not in the state payload (the
     * journal format stays) and not restored: reading the whole output queue at every start to rebuild it would grow
     * with the journal's age. A live engine's count is since its start (a Prometheus counter that resets with the
     * process); the journal's whole story by direction is {@code journal stats}'.
     */
    private final long[] byDirection = new long[DIRECTIONS];
    /** Tradable opportunities and Spread records by venue pair; like {@link #byDirection}, since this start. */
    private final long[] byPair = new long[VenuePair.COUNT];
    private final long[] spreadsByPair = new long[VenuePair.COUNT];
    private long quotes;
    private long discoveries;
    private PriorityHint hint = PriorityHint.NONE;
    private LatencyFigures latencyFigures;

    public Strategy(RecordSink sink) {
        this.sink = sink;
    }

    /**
     * Folds one input event. The caller must have journaled it first (its {@code journalIndex} stamped) and must pass
     * every event in journal order, from one thread. Whatever it derives (Spread, Opportunity, refused ones included,
     * Latency, StateSnapshot) goes to the {@link RecordSink} before it returns, stamped with the event's index and
     * receive time; its only other effect is what it tells the {@link PriorityHint}.
     *
     * <p>Deterministic: its only clock is {@code recvNanos} and its parameters come from the journaled EngineStart, so
     * a replay of the same input writes the same records. An EngineStart starts afresh (unless it continues a run with
     * the same parameters); LatencySnapshot events are ignored; market data before the first EngineStart or for a token
     * no TokenDef defined is only counted. Allocation-free per market event; a sink failure propagates.
     */
    public void onEvent(MarketEvent e) {
        if (e.type == EventType.LATENCY_SNAPSHOT) {
            // The engine's wall-clock measurements: not market input, and absent from the live
            // ring, so they must not even move the fold's clock.
            return;
        }
        if (e.type == EventType.ENGINE_START) {
            // A new run starts from nothing, as the live strategy of that run did: the previous
            // run's open latency interval is dropped, not written here.
            String text = e.textString();
            StrategySettings s = StrategySettings.fromText(text);
            if (StrategySettings.continues(text) && settings != null && settings.text().equals(s.text())) {
                // Recovery: the new run carries the state over (same parameters, same token ids).
                continued++;
                return;
            }
            if (StrategySettings.continues(text) && settings != null) {
                continueRefused++;
            }
            start(s);
            return;
        }
        onClockedEvent(e);
        if (settings != null && settings.stateSnapshotNanos() > 0) {
            maybeWriteState(e);
        }
    }

    private void onClockedEvent(MarketEvent e) {
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
                // A run of the release before the third venue journaled Hyperliquid spot without folding it.
                if (EventType.isMarketData(e.type) && (settings == null || settings.threeVenues()
                        || EventType.isTradedLeg(e.type, e.source))) {
                    onMarket(e);
                }
            }
        }
    }

    /** Applies new parameters and forgets all derived state (a new engine run starts fresh). */
    private void start(StrategySettings s) {
        settings = s;
        settingsText = s.text().getBytes(StandardCharsets.UTF_8);
        nextStateNanos = NOT_STARTED;
        detector = new ArbitrageDetector(s);
        books = new SpreadBook[0];
        feedLatency.start(s.latencySnapshotNanos());
    }

    /**
     * Journals the whole state once per {@code strategy.state.snapshot-interval} of event time
     * (boundaries at multiples of the interval since the epoch), after the event that crossed the
     * boundary: the StateSnapshot is that input's last output record.
     */
    private void maybeWriteState(MarketEvent e) {
        long interval = settings.stateSnapshotNanos();
        if (nextStateNanos == NOT_STARTED) {
            nextStateNanos = (Math.floorDiv(e.recvNanos, interval) + 1) * interval;
            return;
        }
        if (e.recvNanos < nextStateNanos) {
            return;
        }
        nextStateNanos = (Math.floorDiv(e.recvNanos, interval) + 1) * interval;
        OutputRecord r = begin(OutputType.STATE_SNAPSHOT, e);
        r.tokenId = -1;
        r.state = this;
        stateSnapshots++;
        sink.write(r);
    }

    /**
     * Appends the whole derived state (docs/journal-format.md, StateSnapshot payload): the
     * parameters' text, counters, feed-latency interval and every book. Two strategies that
     * folded the same input write the same bytes; {@link #readState} restores it exactly.
     * Allocation-free.
     */
    @Override
    public void writeState(Bytes<?> b) {
        writeStateVersion(b, STATE_VERSION);
    }

    /**
     * Output records before version 3 carried state version 1. A book that holds what version 1 cannot carry (a
     * Hyperliquid spot price) is an error: the comparison it was asked for could not be exact.
     */
    @Override
    public void writeState(Bytes<?> b, int recordVersion) {
        int version = recordVersion >= 3 ? STATE_VERSION : OLDEST_STATE_VERSION;
        if (version < STATE_VERSION) {
            for (SpreadBook book : books) {
                if (book != null && !book.fitsVersion1()) {
                    throw new IllegalStateException("a StateSnapshot of version 1 cannot hold a Hyperliquid spot leg");
                }
            }
        }
        writeStateVersion(b, version);
    }

    private void writeStateVersion(Bytes<?> b, int version) {
        b.writeShort((short) version);
        b.writeShort((short) 0);
        if (settings == null) {
            b.writeInt(-1);
            return;
        }
        b.writeInt(settingsText.length);
        b.write(settingsText);
        b.writeLong(nextStateNanos);
        b.writeLong(marketEvents);
        b.writeLong(unknownTokenEvents);
        b.writeLong(spreads);
        b.writeLong(opportunities);
        b.writeLong(latencySnapshots);
        b.writeLong(stateSnapshots);
        b.writeLong(quotes);
        b.writeLong(discoveries);
        b.writeLong(continued);
        b.writeLong(continueRefused);
        b.writeInt(refusals.length);
        for (long n : refusals) {
            b.writeLong(n);
        }
        // The output record's latency buffer, already grown by the Latency records: no allocation.
        feedLatency.writeState(b, out.latency);
        int defined = 0;
        for (SpreadBook book : books) {
            if (book != null) {
                defined++;
            }
        }
        b.writeInt(books.length);
        b.writeInt(defined);
        for (int id = 0; id < books.length; id++) {
            if (books[id] != null) {
                b.writeInt(id);
                books[id].writeState(b, version);
            }
        }
    }

    /**
     * Replaces the whole state by a StateSnapshot payload written by {@link #writeState}
     * (allocates: recovery only). The sink and the priority hint stay.
     *
     * @throws IllegalStateException if the payload is of another version or malformed
     */
    public void readState(Bytes<?> b) {
        int version = b.readUnsignedShort();
        b.readShort();
        if (version < OLDEST_STATE_VERSION || version > STATE_VERSION) {
            throw new IllegalStateException("state snapshot version " + version + " is not one of "
                    + OLDEST_STATE_VERSION + ".." + STATE_VERSION);
        }
        int len = b.readInt();
        if (len < 0) {
            settings = null;
            detector = null;
            books = new SpreadBook[0];
            return;
        }
        byte[] text = new byte[len];
        b.read(text);
        start(StrategySettings.fromText(new String(text, StandardCharsets.UTF_8)));
        nextStateNanos = b.readLong();
        marketEvents = b.readLong();
        unknownTokenEvents = b.readLong();
        spreads = b.readLong();
        opportunities = b.readLong();
        latencySnapshots = b.readLong();
        stateSnapshots = b.readLong();
        quotes = b.readLong();
        discoveries = b.readLong();
        continued = b.readLong();
        continueRefused = b.readLong();
        int nr = b.readInt();
        for (int i = 0; i < nr; i++) {
            long v = b.readLong();
            if (i < refusals.length) {
                refusals[i] = v;
            }
        }
        feedLatency.readState(b, stateScratch);
        int length = b.readInt();
        int defined = b.readInt();
        books = new SpreadBook[length];
        for (int i = 0; i < defined; i++) {
            int id = b.readInt();
            SpreadBook book = new SpreadBook(settings.zWindow());
            book.readState(b, version);
            books[id] = book;
        }
    }

    /** The parameters in force, or null before the first EngineStart. */
    public StrategySettings settings() {
        return settings;
    }

    /** StateSnapshot records written. */
    public long stateSnapshots() {
        return stateSnapshots;
    }

    /** EngineStarts whose run continued the previous state (recovery). */
    public long continuedRuns() {
        return continued;
    }

    /** EngineStarts that asked to continue but had other parameters (the state started afresh). */
    public long continueRefused() {
        return continueRefused;
    }

    /** Journals the feed-latency interval that ended before {@code e}, one record per source. */
    private void writeLatency(MarketEvent e) {
        for (int source = 0; source < SourceHistograms.SOURCES; source++) {
            if (feedLatency.hasData(source)) {
                OutputRecord r = begin(OutputType.LATENCY, e);
                r.tokenId = -1;
                feedLatency.snapshot(source, r.latency);
                sink.write(r);
                if (latencyFigures != null) {
                    feedLatency.addTo(source, latencyFigures);
                }
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

    /**
     * Where each feed-latency interval written is added (live: the metrics endpoint's figures; replay and recovery:
     * nowhere). A side channel like the priority hint: nothing written depends on it. Set before the consumer starts.
     */
    public void latencyFigures(LatencyFigures figures) {
        latencyFigures = figures;
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
        // Each pair whose legs the event moved, in pair order: perp-jupiter first, as every release before v3 wrote.
        int moved = SpreadBook.pairsMovedBy(e.type, e.source);
        for (int pair = 0; pair < VenuePair.COUNT; pair++) {
            if ((moved & 1 << pair) != 0 && b.priced(pair)) {
                onPair(e, b, pair);
            }
        }
    }

    /** Samples, snapshots and evaluates one venue pair of a book whose legs both have a price. */
    private void onPair(MarketEvent e, SpreadBook b, int pair) {
        long now = e.recvNanos;
        StrategySettings s = settings;
        PairState ps = b.pairs[pair];
        // Gate: a stale leg or a fallback source never feeds the statistics or a signal; a
        // would-be signal on such a spread is refused and counted by reason.
        int gate = detector.gate(b, pair, now);
        double basis = b.basisBps(pair);
        if (gate == 0 && now >= ps.nextSampleNanos) {
            ps.basis.add(basis);
            long interval = s.sampleIntervalNanos();
            ps.nextSampleNanos = (Math.floorDiv(now, interval) + 1) * interval;
        }
        double mean = ps.basis.mean();
        double std = ps.basis.std();
        double z = ps.basis.count() >= s.minSamples() && std > 0 ? (basis - mean) / std : Double.NaN;
        if (pair == VenuePair.PERP_JUPITER && gate == 0 && !Double.isNaN(z)) {
            // The quote ladders are Jupiter's and priced against the perp: today's pair tells the scheduler.
            hint.nearness(e.tokenId, Math.abs(z) / s.minAbsZ());
        }

        if (gate == 0 && (ps.lastSnapshotNanos == SpreadBook.NEVER
                || now - ps.lastSnapshotNanos >= s.snapshotIntervalNanos())) {
            ps.lastSnapshotNanos = now;
            OutputRecord r = begin(OutputType.SPREAD, e);
            r.pair = pair;
            r.spotPx = b.midB(pair);
            r.perpBid = b.bidA(pair);
            r.perpAsk = b.askA(pair);
            r.perpMid = b.midA(pair);
            r.markPx = b.markPx;
            r.oraclePx = b.oraclePx;
            r.funding = b.funding;
            r.basisBps = basis;
            r.z = z;
            r.mean = mean;
            r.std = std;
            r.samples = ps.basis.count();
            r.spotAgeMs = ageMs(now, b.timeB(pair));
            r.perpAgeMs = ageMs(now, b.midTimeA(pair));
            sink.write(r);
            spreads++;
            spreadsByPair[pair]++;
        }
        OutputRecord r = begin(OutputType.OPPORTUNITY, e);
        if (detector.evaluate(b, pair, basis, z, now, gate, r)) {
            sink.write(r);
            if (r.rejectReason == 0) {
                opportunities++;
                byDirection[directionSlot(r.direction)]++;
                byPair[pair]++;
            } else {
                refusals[r.rejectReason]++;
            }
        }
    }

    private static int ageMs(long now, long then) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, (now - then) / 1_000_000));
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

    /**
     * Market-data events folded into a defined token's book, over this strategy's life (restored by
     * {@link #readState}).
     */
    public long marketEvents() {
        return marketEvents;
    }

    /**
     * Market-data and SpotQuote events ignored: no book for their token (no TokenDef, or before the first EngineStart).
     */
    public long unknownTokenEvents() {
        return unknownTokenEvents;
    }

    /** Spread records written. */
    public long spreads() {
        return spreads;
    }

    /** Tradable Opportunity records written (refused ones are counted by {@link #refusals}). */
    public long opportunities() {
        return opportunities;
    }

    /**
     * Tradable Opportunity records of one direction ({@code OutputRecord.SHORT_PERP_LONG_SPOT}, ...; 0 for any other
     * code) this instance wrote (unlike {@link #opportunities}, not restored from a snapshot).
     */
    public long opportunities(int direction) {
        return direction >= 0 && direction < DIRECTIONS ? byDirection[direction] : 0;
    }

    /**
     * Tradable Opportunity records of one {@link VenuePair} this instance wrote (like {@link #opportunities(int)},
     * not restored from a snapshot); 0 for a code that is no pair.
     */
    public long opportunitiesOfPair(int pair) {
        return VenuePair.valid(pair) ? byPair[pair] : 0;
    }

    /** Spread records of one {@link VenuePair} this instance wrote (not restored from a snapshot). */
    public long spreadsOfPair(int pair) {
        return VenuePair.valid(pair) ? spreadsByPair[pair] : 0;
    }

    /** The slot of {@link #opportunities(int)} a direction code counts under. */
    static int directionSlot(int direction) {
        return direction > 0 && direction < DIRECTIONS ? direction : 0;
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
