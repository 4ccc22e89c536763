package io.perpspot.tools.stats;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.tokens.Token;
import io.perpspot.tools.read.SpotFreshness;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts what a journal holds, in one pass over each queue of a {@link JournalReader}: records
 * and payload bytes per queue, input records by type, by source and by token symbol (perp and
 * spot events apart), the event-time range, output records by type and direction, the latest
 * status of each source and the source that last served each side. Writes nothing.
 *
 * <p>Spread and Opportunity records are also counted by {@link VenuePair} (a record before version 3 is
 * {@code perp-jupiter}'s): spreads, tradable opportunities by direction, refusals by reason, per pair and, for spreads
 * and opportunities, per token too.
 *
 * <p>Input records count under the symbol their token id had when they were journaled; output
 * records under the token's last definition.
 */
public final class JournalStats {
    /** Counts of one token symbol. */
    public static final class TokenCounts {
        public final String symbol;
        public int id;
        public long records;
        public long perp;
        /** PerpBbo and PerpBook records of the token's Hyperliquid spot pair (source hl-spot). */
        public long hlSpot;
        public long spot;
        public long spreads;
        public long opportunities;
        /** Spread records by venue pair code. */
        public final long[] spreadsByPair = new long[VenuePair.COUNT];
        /** Tradable opportunities by venue pair code. */
        public final long[] opportunitiesByPair = new long[VenuePair.COUNT];

        TokenCounts(String symbol, int id) {
            this.symbol = symbol;
            this.id = id;
        }
    }

    /** The last SourceStatus journaled by one source. */
    public record SourceStatus(int source, int state, String reason, long timeNanos) {
    }

    /** The source of the latest market-data event on one side, and when it came. */
    public record Serving(int source, long timeNanos) {
    }

    public static final int MAX_SOURCE = 256;

    long inputRecords;
    long inputBytes;
    final long[] inputByType = new long[EventType.MAX + 1];
    final long[] inputBySource = new long[MAX_SOURCE];
    long firstNanos = Long.MAX_VALUE;
    long lastNanos = Long.MIN_VALUE;
    long outputRecords;
    long outputBytes;
    final long[] outputByType = new long[OutputType.MAX + 1];
    final long[] opportunitiesByDirection = new long[OutputRecord.LONG_PERP_SHORT_SPOT + 1];
    final long[] rejectedByReason = new long[OutputRecord.GATE_REASONS];
    long rejectedUnknown;
    final long[] spreadsByPair = new long[VenuePair.COUNT];
    final long[][] opportunitiesByPair = new long[VenuePair.COUNT][OutputRecord.LONG_PERP_SHORT_SPOT + 1];
    /** Refusals by pair, then reason: slot 0 holds the reasons this build does not know. */
    final long[][] rejectedByPair = new long[VenuePair.COUNT][OutputRecord.GATE_REASONS];
    long discoveries;
    String lastDiscovery;
    int discoveredPairs;
    String engineId;
    String shard;
    private final Map<String, TokenCounts> bySymbol = new LinkedHashMap<>();
    private TokenCounts[] byId = new TokenCounts[64];
    private final SourceStatus[] status = new SourceStatus[MAX_SOURCE];
    private int perpSource = -1;
    private long perpNanos;
    private int spotSource = -1;
    private long spotNanos;
    private Map<Integer, Token> tokenDefs = Map.of();
    private final SpotFreshness freshness;
    private List<SpotFreshness.TokenFreshness> freshnessByToken = List.of();

    private JournalStats(SpotFreshness freshness) {
        this.freshness = freshness;
    }

    /** Reads both queues of the journal once. */
    public static JournalStats collect(JournalReader reader) {
        return collect(reader, new SpotFreshness());
    }

    /** Reads both queues of the journal once, folding the spot freshness into {@code freshness}. */
    public static JournalStats collect(JournalReader reader, SpotFreshness freshness) {
        JournalStats s = new JournalStats(freshness);
        reader.forEachInput(e -> {
            s.onInput(e, reader);
            return true;
        });
        s.tokenDefs = Map.copyOf(reader.tokens());
        reader.forEachOutput((r, index) -> {
            s.onOutput(r, reader.recordBytes());
            s.freshness.onOutput(r);
            return true;
        });
        s.freshnessByToken = s.freshness.tokens(reader::symbol);
        return s;
    }

    private void onInput(MarketEvent e, JournalReader reader) {
        inputRecords++;
        inputBytes += reader.recordBytes();
        freshness.onInput(e);
        inputByType[e.type]++;
        inputBySource[e.source]++;
        if (e.recvNanos != 0) {
            firstNanos = Math.min(firstNanos, e.recvNanos);
            lastNanos = Math.max(lastNanos, e.recvNanos);
        }
        if (e.type == EventType.TOKEN_DEF) {
            // A (re)definition: later records of this id count under its new symbol.
            slot(e.tokenId);
            byId[e.tokenId] = counts(reader.symbol(e.tokenId), e.tokenId);
        }
        if (e.tokenId >= 0) {
            TokenCounts t = token(e.tokenId);
            t.records++;
            // Hyperliquid spot books (hl-spot) are neither the perp's nor Jupiter's: the by-source counts show them.
            if (EventType.isPerpLeg(e.type, e.source)) {
                t.perp++;
            } else if (e.source == Source.HL_SPOT && EventType.isMarketData(e.type)) {
                t.hlSpot++;
            } else if (e.type == EventType.SPOT_PRICE) {
                t.spot++;
            }
        }
        if (EventType.isPerpLeg(e.type, e.source)) {
            perpSource = e.source;
            perpNanos = e.recvNanos;
        } else if (e.type == EventType.SPOT_PRICE) {
            spotSource = e.source;
            spotNanos = e.recvNanos;
        } else if (e.type == EventType.SOURCE_STATUS) {
            status[e.source] = new SourceStatus(e.source, e.status, e.textString(), e.recvNanos);
            if (e.source == Source.CACHE_REDIS || e.source == Source.CACHE_LOCAL) {
                onCacheStatus(e.source, e.status, status[e.source].reason());
            }
        } else if (e.type == EventType.ENGINE_START) {
            // The last run's identity; a journal written before engine ids has no such header line.
            String text = e.textString();
            engineId = EngineEvents.headerValue(text, EngineEvents.ENGINE_ID_KEY);
            shard = EngineEvents.headerValue(text, EngineEvents.SHARD_KEY);
        } else if (e.type == EventType.DISCOVERY) {
            discoveries++;
            discoveredPairs = e.discoveredPairs;
            lastDiscovery = e.textString();
        }
    }

    // ---- cache (SourceStatus of cache-redis / cache-local) ------------------------------------

    /**
     * What the journal says about the cache: the backend that took over last, how many times
     * each took over, and the figures of the last stop ({@code stopped: backend=… hits=…}).
     */
    public record CacheSummary(String serving, long toRedis, long toLocal, Map<String, String> lastFigures) {
    }

    private long cacheToRedis;
    private long cacheToLocal;
    private int cacheServing = -1;
    private Map<String, String> cacheFigures = Map.of();

    private void onCacheStatus(int source, int state, String reason) {
        if (state == SourceState.UP) {
            cacheServing = source;
            if (source == Source.CACHE_REDIS) {
                cacheToRedis++;
            } else {
                cacheToLocal++;
            }
        } else if (SourceState.plannedStop(state, reason)) {
            cacheFigures = Collections.unmodifiableMap(SourceState.stopFigures(reason));
            cacheServing = -1;
        }
    }

    /** The cache's story in this journal, or null when it journaled nothing (older journals). */
    public CacheSummary cache() {
        if (cacheToRedis + cacheToLocal == 0 && cacheFigures.isEmpty()) {
            return null;
        }
        String serving = cacheServing == Source.CACHE_REDIS ? "redis" : cacheServing == Source.CACHE_LOCAL ? "local"
                : "stopped";
        return new CacheSummary(serving, cacheToRedis, cacheToLocal, cacheFigures);
    }

    private void onOutput(OutputRecord r, long bytes) {
        outputRecords++;
        outputBytes += bytes;
        outputByType[r.type]++;
        TokenCounts t = r.tokenId >= 0 ? token(r.tokenId) : null;
        // OutputCodec reads only the pairs this build knows (a record before v3 as 0).
        int pair = r.pair;
        if (r.type == OutputType.SPREAD) {
            spreadsByPair[pair]++;
            if (t != null) {
                t.spreads++;
                t.spreadsByPair[pair]++;
            }
        } else if (r.type == OutputType.OPPORTUNITY && r.rejectReason != 0) {
            boolean known = r.rejectReason > 0 && r.rejectReason < rejectedByReason.length;
            if (known) {
                rejectedByReason[r.rejectReason]++;
            } else {
                rejectedUnknown++;
            }
            rejectedByPair[pair][known ? r.rejectReason : 0]++;
        } else if (r.type == OutputType.OPPORTUNITY) {
            if (r.direction > 0 && r.direction < opportunitiesByDirection.length) {
                opportunitiesByDirection[r.direction]++;
                opportunitiesByPair[pair][r.direction]++;
            } else {
                opportunitiesByPair[pair][0]++;
            }
            if (t != null) {
                t.opportunities++;
                t.opportunitiesByPair[pair]++;
            }
        }
    }

    private void slot(int id) {
        if (id >= byId.length) {
            byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        }
    }

    /** Counts for a token id; an id with no TokenDef counts as {@code #id}. */
    private TokenCounts token(int id) {
        slot(id);
        TokenCounts t = byId[id];
        if (t == null) {
            t = counts("#" + id, id);
            byId[id] = t;
        }
        return t;
    }

    private TokenCounts counts(String symbol, int id) {
        TokenCounts t = bySymbol.computeIfAbsent(symbol, s -> new TokenCounts(s, id));
        t.id = id;
        return t;
    }

    // ------------------------------------------------------------------ results

    /** Input records in the journal. */
    public long inputRecords() {
        return inputRecords;
    }

    /** Payload bytes of the input records (without Chronicle's 4-byte headers). */
    public long inputBytes() {
        return inputBytes;
    }

    /** Average input payload bytes per record, NaN for an empty queue. */
    public double inputBytesPerRecord() {
        return inputRecords == 0 ? Double.NaN : (double) inputBytes / inputRecords;
    }

    /** Input records of one {@link EventType} (0 to {@code EventType.MAX}). */
    public long inputRecords(int eventType) {
        return inputByType[eventType];
    }

    /** Input records from one {@link Source} code (0 to {@link #MAX_SOURCE} - 1). */
    public long inputRecordsFromSource(int source) {
        return inputBySource[source];
    }

    /** Receive time of the earliest record, or 0 for an empty journal. */
    public long firstNanos() {
        return inputRecords == 0 || firstNanos == Long.MAX_VALUE ? 0 : firstNanos;
    }

    /** Receive time of the latest record, or 0 for an empty journal. */
    public long lastNanos() {
        return inputRecords == 0 || lastNanos == Long.MIN_VALUE ? 0 : lastNanos;
    }

    /** {@link #lastNanos()} minus {@link #firstNanos()}: 0 for an empty journal. */
    public long spanNanos() {
        return lastNanos() - firstNanos();
    }

    /** Output records in the journal. */
    public long outputRecords() {
        return outputRecords;
    }

    /** Payload bytes of the output records (without Chronicle's 4-byte headers). */
    public long outputBytes() {
        return outputBytes;
    }

    /** Average output payload bytes per record, NaN for an empty queue. */
    public double outputBytesPerRecord() {
        return outputRecords == 0 ? Double.NaN : (double) outputBytes / outputRecords;
    }

    /** Output records of one {@link OutputType} (0 to {@code OutputType.MAX}); Opportunity counts refusals too. */
    public long outputRecords(int outputType) {
        return outputByType[outputType];
    }

    /** Spread records. */
    public long spreads() {
        return outputByType[OutputType.SPREAD];
    }

    /** Opportunities published as tradable (refusals excluded). */
    public long opportunities() {
        return outputByType[OutputType.OPPORTUNITY] - rejected();
    }

    /** Would-be opportunities the detector refused, all reasons. */
    public long rejected() {
        long n = rejectedUnknown;
        for (long r : rejectedByReason) {
            n += r;
        }
        return n;
    }

    /** Would-be opportunities refused for a reason (OutputRecord.GATE_*). */
    public long rejected(int reason) {
        return rejectedByReason[reason];
    }

    /** Discovery rounds journaled (start-up and rediscoveries). */
    public long discoveries() {
        return discoveries;
    }

    /** The engine id of the last EngineStart, or null when it names none (a journal written before engine ids). */
    public String engineId() {
        return engineId;
    }

    /** The shard of the last EngineStart ({@code all} or {@code K/N}), or null when it names none. */
    public String shard() {
        return shard;
    }

    /** Pairs tracked after the last Discovery round; 0 if none was journaled. */
    public int discoveredPairs() {
        return discoveredPairs;
    }

    /** The text of the last Discovery record (how the round went), or null if none was journaled. */
    public String lastDiscovery() {
        return lastDiscovery;
    }

    /**
     * Tradable opportunities of one direction code ({@code OutputRecord.SHORT_PERP_LONG_SPOT}: short leg A / long leg
     * B, or {@code LONG_PERP_SHORT_SPOT}) over every venue pair; refusals excluded. {@link #opportunities(int, int)}
     * is one pair's.
     */
    public long opportunities(int direction) {
        return opportunitiesByDirection[direction];
    }

    /** Spread records of one venue pair ({@link VenuePair} code). */
    public long spreads(int pair) {
        return spreadsByPair[pair];
    }

    /** Tradable opportunities of one venue pair, every direction. */
    public long opportunitiesOfPair(int pair) {
        long n = 0;
        for (long d : opportunitiesByPair[pair]) {
            n += d;
        }
        return n;
    }

    /** Tradable opportunities of one venue pair and direction ({@code OutputRecord.SHORT_PERP_LONG_SPOT}, ...). */
    public long opportunities(int pair, int direction) {
        return opportunitiesByPair[pair][direction];
    }

    /** Refusals of one venue pair, every reason. */
    public long rejectedOfPair(int pair) {
        long n = 0;
        for (long r : rejectedByPair[pair]) {
            n += r;
        }
        return n;
    }

    /** Refusals of one venue pair for a reason (OutputRecord.GATE_*; 0: a reason this build does not know). */
    public long rejected(int pair, int reason) {
        return rejectedByPair[pair][reason];
    }

    /** Per token symbol, in order of first appearance. */
    public Collection<TokenCounts> tokens() {
        return Collections.unmodifiableCollection(bySymbol.values());
    }

    /** Counts of one symbol, or null. */
    public TokenCounts token(String symbol) {
        return bySymbol.get(symbol);
    }

    /** Tokens with both perp and spot events. */
    public long tokensWithBoth() {
        return bySymbol.values().stream().filter(t -> t.perp > 0 && t.spot > 0).count();
    }

    /** Token definitions in force at the end of the journal. */
    public Map<Integer, Token> tokenDefs() {
        return tokenDefs;
    }

    /** The latest status of a source, or null if it never reported one. */
    public SourceStatus status(int source) {
        return source >= 0 && source < MAX_SOURCE ? status[source] : null;
    }

    /** Sources that reported a status, in source order. */
    public List<SourceStatus> statuses() {
        return Arrays.stream(status).filter(x -> x != null).toList();
    }

    /** The source of the latest perp market-data event, or null. */
    public Serving perpServing() {
        return perpSource < 0 ? null : new Serving(perpSource, perpNanos);
    }

    /** Spot age at perp events and quote-ladder age at near-signal spreads, over all tokens. */
    public SpotFreshness freshness() {
        return freshness;
    }

    /** The same per token, worst p99 spot age first. */
    public List<SpotFreshness.TokenFreshness> freshnessByToken() {
        return freshnessByToken;
    }

    /** The source of the latest spot price, or null. */
    public Serving spotServing() {
        return spotSource < 0 ? null : new Serving(spotSource, spotNanos);
    }
}
