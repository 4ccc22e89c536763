package io.perpspot.engine.testkit;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.pipeline.PipelineSettings;
import io.perpspot.engine.ring.RingPublisher;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.tokens.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A journal for tests and benchmarks: writes a real perpspot journal through the real {@link Pipeline} (ring →
 * JournalHandler → Strategy → output queue), so the output queue holds exactly what the live
 * strategy derives from the input queue.
 *
 * <p>What it writes, in event time from {@link #START_NANOS}: one EngineStart (the default
 * strategy settings, with optional {@code --set}-style overrides), one TokenDef per token (the
 * first N rows of the shipped {@code tokens.csv}), source statuses (Hyperliquid mainnet up, a
 * failover to testnet between seconds 20 and 30, then back; Jupiter price up), and a seeded market
 * every 250 ms per token: PerpBbo each step, SpotPrice every 2nd, PerpCtx every 4th, PerpBook
 * every 8th, PerpMid every 20th. The basis wanders around a few bps until two dislocations of
 * {@link #DISLOCATION_BPS}: token 0 perp rich from second 45 (short-perp/long-spot), token 1 perp
 * cheap from second 55 (long-perp/short-spot), each lasting 6 s. With the default settings (30
 * one-second samples, |z| ≥ 2, net edge ≥ 10 bps after 9 bps of fees) both are opportunities.
 *
 * <p>It counts what it published, so tests can compare tools' output with the truth.
 * Same builder settings and seed ⇒ the same input records (their journal indices depend on the
 * day the queue file was written).
 */
public final class SyntheticJournal {
    /** Event time of the EngineStart record: 2025-01-15T12:00:00Z. */
    public static final long START_NANOS = 1_736_942_400_000_000_000L;
    /** One market step per token. */
    public static final long STEP_NANOS = 250_000_000L;
    /** Size of the two basis dislocations. */
    public static final double DISLOCATION_BPS = 45.0;

    private static final long SECOND = 1_000_000_000L;
    private static final int BOOK_LEVELS = 5;

    private final Path dir;
    private final List<Token> tokens;
    private final String strategyText;
    private final long[] byType = new long[EventType.MAX + 1];
    private final long[] bySource = new long[Source.COUNT];
    private final long[] perpByToken;
    private final long[] spotByToken;
    private final int[] lastState = new int[Source.COUNT];
    private final String[] lastReason = new String[Source.COUNT];
    private long records;
    private long firstRecvNanos = Long.MAX_VALUE;
    private long lastRecvNanos = Long.MIN_VALUE;
    private long spreads;
    private long opportunities;
    private long latencySnapshots;

    private SyntheticJournal(Path dir, List<Token> tokens, String strategyText) {
        this.dir = dir;
        this.tokens = List.copyOf(tokens);
        this.strategyText = strategyText;
        this.perpByToken = new long[tokens.size()];
        this.spotByToken = new long[tokens.size()];
    }

    /** A builder with the defaults: 3 tokens, seed 42, 70 s of market, default strategy settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Writes the default synthetic journal into {@code dir} (created; must be missing or empty). */
    public static SyntheticJournal write(Path dir) {
        return builder().write(dir);
    }

    /** Options of a synthetic journal. */
    public static final class Builder {
        private int tokenCount = 3;
        private long seed = 42;
        private int seconds = 70;
        private int ringSize = 1024;
        private final List<String> overrides = new ArrayList<>();

        private Builder() {
        }

        /** Number of tokens, 1 to the rows of tokens.csv (token 1 is needed for the second dislocation). */
        public Builder tokens(int n) {
            this.tokenCount = n;
            return this;
        }

        /** Seed of the market's random walk. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Seconds of market after the start; at least 62 for both dislocations to happen. */
        public Builder seconds(int s) {
            this.seconds = s;
            return this;
        }

        /** Disruptor ring slots (a power of two). */
        public Builder ringSize(int n) {
            this.ringSize = n;
            return this;
        }

        /** A strategy override like {@code strategy.entry.min-abs-z=2.5}, validated like {@code --set}. */
        public Builder set(String keyValue) {
            overrides.add(keyValue);
            return this;
        }

        /** Writes the journal and returns what was written. */
        public SyntheticJournal write(Path dir) {
            List<Token> table = Fixtures.shippedTokens();
            if (tokenCount < 1 || tokenCount > table.size()) {
                throw new IllegalArgumentException("tokens must be 1.." + table.size() + ": " + tokenCount);
            }
            String text = StrategySettings.from(ConfigLoader.load(null, overrides)).text();
            SyntheticJournal j = new SyntheticJournal(dir, table.subList(0, tokenCount), text);
            j.generate(seed, seconds, ringSize);
            return j;
        }
    }

    // ------------------------------------------------------------------ generation

    private void generate(long seed, int seconds, int ringSize) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Journal journal = Journal.openForWrite(dir, "daily");
        Pipeline topology = new Pipeline(journal, PipelineSettings.plain(ringSize, "blocking"), new FeedStats());
        try {
            topology.start();
            Emitter out = new Emitter(topology, ringSize);
            MarketEvent e = new MarketEvent();

            out.emit(EngineEvents.engineStart(e, strategyText, START_NANOS));
            for (Token t : tokens) {
                out.emit(EngineEvents.tokenDef(e, t, START_NANOS));
            }
            out.emit(status(e, Source.HL_WS_MAINNET, SourceState.CONNECTING,
                    "connecting to wss://api.hyperliquid.xyz/ws", START_NANOS));
            out.emit(status(e, Source.HL_WS_MAINNET, SourceState.UP,
                    "subscribed to " + tokens.size() + " coins", START_NANOS));
            out.emit(status(e, Source.JUPITER_PRICE, SourceState.UP, "first price batch", START_NANOS));

            int n = tokens.size();
            double[] spot = new double[n];
            double[] meanBasis = new double[n];
            long[] blockId = new long[n];
            for (int k = 0; k < n; k++) {
                spot[k] = basePrice(tokens.get(k).symbol());
                meanBasis[k] = 2.0 + k;
                blockId[k] = 312_000_000L + 1000L * k;
            }
            int perpSource = Source.HL_WS_MAINNET;
            long steps = seconds * SECOND / STEP_NANOS;
            for (long step = 0; step < steps; step++) {
                long t = START_NANOS + SECOND / 1000 + step * STEP_NANOS;
                long elapsed = t - START_NANOS;
                if (elapsed >= 20 * SECOND && elapsed < 30 * SECOND && perpSource == Source.HL_WS_MAINNET) {
                    out.emit(status(e, Source.HL_WS_MAINNET, SourceState.DOWN, "server closed the socket (1006)", t));
                    out.emit(status(e, Source.HL_WS_TESTNET, SourceState.UP, "failover: subscribed on testnet", t));
                    perpSource = Source.HL_WS_TESTNET;
                } else if (elapsed >= 30 * SECOND && perpSource == Source.HL_WS_TESTNET) {
                    out.emit(status(e, Source.HL_WS_MAINNET, SourceState.UP, "reconnected after backoff", t));
                    out.emit(status(e, Source.HL_WS_TESTNET, SourceState.DOWN, "standby: primary is healthy", t));
                    perpSource = Source.HL_WS_MAINNET;
                }
                for (int k = 0; k < n; k++) {
                    long tk = t + k * 1_000_000L + rnd.nextLong(200_000L);
                    spot[k] *= 1 + rnd.nextGaussian() * 0.5e-4;
                    double basis = meanBasis[k] + rnd.nextGaussian() * 1.5 + dislocation(k, tk - START_NANOS);
                    double mid = spot[k] * (1 + basis / 10_000.0);
                    long midPx = significant(mid, 6);
                    long halfSpread = Math.max(1, significant(mid * 0.5e-4, 3));
                    long bid = midPx - halfSpread;
                    long ask = midPx + halfSpread;
                    long exch = tk / 1_000_000L - 20 - rnd.nextInt(40);

                    out.emit(bbo(e, k, perpSource, tk, exch, bid, ask, rnd));
                    if (step % 2 == 0) {
                        blockId[k] += 1 + rnd.nextInt(3);
                        out.emit(spotPrice(e, k, tk + 50_000, significant(spot[k], 8), blockId[k], rnd));
                    }
                    if (step % 4 == 1) {
                        out.emit(ctx(e, k, perpSource, tk + 100_000, exch, midPx, significant(spot[k], 6), step, rnd));
                    }
                    if (step % 8 == 3) {
                        out.emit(book(e, k, perpSource, tk + 150_000, exch, bid, ask, rnd));
                    }
                    if (step % 20 == 7) {
                        out.emit(perpMid(e, k, perpSource, tk + 180_000, midPx));
                    }
                }
            }
        } finally {
            topology.close();
        }
        if (topology.handlerErrors() != 0) {
            throw new IllegalStateException("the consumer failed on " + topology.handlerErrors() + " events");
        }
        if (topology.journalHandler().appended() != records) {
            throw new IllegalStateException("published " + records + " events but journaled "
                    + topology.journalHandler().appended() + " (journal failures " + topology.journalFailures()
                    + ", not journaled " + topology.notJournaled() + ")");
        }
        spreads = topology.strategy().spreads();
        opportunities = topology.strategy().opportunities();
        latencySnapshots = topology.strategy().latencySnapshots();
        journal.close();
    }

    /** Extra basis in bps at {@code elapsed} event time: the two scripted dislocations. */
    private static double dislocation(int token, long elapsed) {
        if (token == 0 && elapsed >= 45 * SECOND && elapsed < 51 * SECOND) {
            return DISLOCATION_BPS;
        }
        if (token == 1 && elapsed >= 55 * SECOND && elapsed < 61 * SECOND) {
            return -DISLOCATION_BPS;
        }
        return 0;
    }

    private static double basePrice(String symbol) {
        return switch (symbol) {
            case "SOL" -> 150.0;
            case "BTC" -> 97_000.0;
            case "ETH" -> 3_400.0;
            case "JUP" -> 0.85;
            case "BONK" -> 0.0000216;
            case "WIF" -> 1.9;
            case "PYTH" -> 0.32;
            case "JTO" -> 2.9;
            case "BOME" -> 0.0062;
            case "MEW" -> 0.0058;
            default -> 1.0;
        };
    }

    /** Price units of {@code value} kept to {@code digits} significant digits, like a venue's tick. */
    static long significant(double value, int digits) {
        long units = FixedPoint.fromDouble(value, FixedPoint.PRICE_DECIMALS);
        int len = Long.toString(Math.abs(units)).length();
        if (len <= digits) {
            return units;
        }
        return FixedPoint.mulPow10(FixedPoint.divPow10(units, len - digits), len - digits);
    }

    private static long size(SplittableRandom rnd) {
        // Two decimals of tokens, held with SIZE_DECIMALS.
        return (100 + rnd.nextLong(100_000)) * 1_000_000L;
    }

    private MarketEvent market(MarketEvent e, int type, int k, int source, long recv, long exch) {
        e.reset();
        e.type = type;
        e.tokenId = tokens.get(k).id();
        e.source = source;
        e.recvNanos = recv;
        e.exchTimeMs = exch;
        return e;
    }

    private MarketEvent bbo(MarketEvent e, int k, int source, long recv, long exch, long bid, long ask,
            SplittableRandom rnd) {
        market(e, EventType.PERP_BBO, k, source, recv, exch);
        e.bidPx = bid;
        e.bidSz = size(rnd);
        e.askPx = ask;
        e.askSz = size(rnd);
        return e;
    }

    private MarketEvent book(MarketEvent e, int k, int source, long recv, long exch, long bid, long ask,
            SplittableRandom rnd) {
        market(e, EventType.PERP_BOOK, k, source, recv, exch);
        long tick = Math.max(1, (ask - bid) / 2);
        e.bidCount = BOOK_LEVELS;
        e.askCount = BOOK_LEVELS;
        for (int i = 0; i < BOOK_LEVELS; i++) {
            e.bidPxs[i] = bid - i * tick;
            e.bidSzs[i] = size(rnd);
            e.bidNs[i] = 1 + rnd.nextInt(12);
            e.askPxs[i] = ask + i * tick;
            e.askSzs[i] = size(rnd);
            e.askNs[i] = 1 + rnd.nextInt(12);
        }
        return e;
    }

    private MarketEvent ctx(MarketEvent e, int k, int source, long recv, long exch, long mid, long oracle, long step,
            SplittableRandom rnd) {
        market(e, EventType.PERP_CTX, k, source, recv, exch);
        e.funding = 12_500_000L + rnd.nextLong(1_000_000L);
        // Hyperliquid sends premium as null now and then; keep that case in the journal.
        e.premium = step % 12 == 1 ? FixedPoint.NULL
                : FixedPoint.fromDouble((double) (mid - oracle) / oracle, FixedPoint.PRICE_DECIMALS);
        e.openInterest = (1_000_000L + rnd.nextLong(1_000_000L)) * FixedPoint.SIZE_SCALE;
        e.oraclePx = oracle;
        e.markPx = mid;
        e.midPx = mid;
        e.impactBidPx = mid - Math.max(1, mid / 10_000);
        e.impactAskPx = mid + Math.max(1, mid / 10_000);
        e.prevDayPx = significant(FixedPoint.toDouble(mid, FixedPoint.PRICE_DECIMALS) * 0.98, 6);
        e.dayNtlVlm = (50_000_000L + rnd.nextLong(10_000_000L)) * FixedPoint.SIZE_SCALE;
        return e;
    }

    private MarketEvent perpMid(MarketEvent e, int k, int source, long recv, long mid) {
        market(e, EventType.PERP_MID, k, source, recv, 0);
        e.midPx = mid;
        return e;
    }

    private MarketEvent spotPrice(MarketEvent e, int k, long recv, long px, long block, SplittableRandom rnd) {
        market(e, EventType.SPOT_PRICE, k, Source.JUPITER_PRICE, recv, 0);
        e.spotPx = px;
        e.liquidityUsd = 5_000_000L + rnd.nextLong(50_000_000L);
        e.blockId = block;
        return e;
    }

    private static MarketEvent status(MarketEvent e, int source, int state, String reason, long recv) {
        e.reset();
        e.type = EventType.SOURCE_STATUS;
        e.source = source;
        e.status = state;
        e.recvNanos = recv;
        e.setText(reason);
        return e;
    }

    /** Publishes events with strictly increasing receive times and counts them. */
    private final class Emitter {
        private final Pipeline topology;
        private final RingPublisher publisher;
        private final long room;
        private long lastRecv = Long.MIN_VALUE;

        Emitter(Pipeline topology, int ringSize) {
            this.topology = topology;
            this.publisher = topology.publisher();
            this.room = ringSize - 1L;
        }

        void emit(MarketEvent e) {
            if (e.recvNanos <= lastRecv) {
                e.recvNanos = lastRecv + 1;
            }
            lastRecv = e.recvNanos;
            // Market data is dropped (not queued) when the ring is full: a fixture must not lose
            // events, so it offers an event only when the ring has room for it (a full ring would
            // also log the engine's "ring full" warning), and offers again should that still fail.
            while (topology.backlog() >= room) {
                Thread.onSpinWait();
            }
            while (!publisher.publish(e)) {
                Thread.onSpinWait();
            }
            records++;
            byType[e.type]++;
            bySource[e.source]++;
            firstRecvNanos = Math.min(firstRecvNanos, e.recvNanos);
            lastRecvNanos = Math.max(lastRecvNanos, e.recvNanos);
            if (EventType.isMarketData(e.type)) {
                if (EventType.isPerp(e.type)) {
                    perpByToken[e.tokenId]++;
                } else {
                    spotByToken[e.tokenId]++;
                }
            }
            if (e.type == EventType.SOURCE_STATUS) {
                lastState[e.source] = e.status;
                lastReason[e.source] = e.textString();
            }
        }
    }

    // ------------------------------------------------------------------ what was written

    /** The journal's directory. */
    public Path dir() {
        return dir;
    }

    /** The tokens defined, ids 0..n-1. */
    public List<Token> tokens() {
        return tokens;
    }

    /** The EngineStart text. */
    public String strategyText() {
        return strategyText;
    }

    /** Input records written. */
    public long inputRecords() {
        return records;
    }

    /** Input records of one {@link EventType}. */
    public long records(int eventType) {
        return byType[eventType];
    }

    /** Input records from one {@link Source}. */
    public long recordsFromSource(int source) {
        return bySource[source];
    }

    /** Perp market-data events (PerpBbo, PerpBook, PerpCtx, PerpMid) of a token id. */
    public long perpEvents(int tokenId) {
        return perpByToken[tokenId];
    }

    /** SpotPrice events of a token id. */
    public long spotEvents(int tokenId) {
        return spotByToken[tokenId];
    }

    /** Receive time of the first record (epoch nanos). */
    public long firstRecvNanos() {
        return firstRecvNanos;
    }

    /** Receive time of the last record (epoch nanos). */
    public long lastRecvNanos() {
        return lastRecvNanos;
    }

    /** Last journaled state of a source, 0 if none. */
    public int lastState(int source) {
        return lastState[source];
    }

    /** Reason journaled with the last state of a source, or null. */
    public String lastReason(int source) {
        return lastReason[source];
    }

    /** Spread snapshots the live strategy wrote to the output queue. */
    public long spreads() {
        return spreads;
    }

    /** Opportunities the live strategy wrote to the output queue. */
    public long opportunities() {
        return opportunities;
    }

    /** Feed-latency snapshots (Latency output records) the live strategy wrote. */
    public long latencySnapshots() {
        return latencySnapshots;
    }

    /** Output records written (spreads + opportunities + latency snapshots). */
    public long outputRecords() {
        return spreads + opportunities + latencySnapshots;
    }
}
