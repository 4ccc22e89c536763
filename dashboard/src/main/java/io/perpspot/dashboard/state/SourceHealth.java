package io.perpspot.dashboard.state;

import static io.perpspot.dashboard.state.JsonFigures.orNull;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Source health: each source's last journaled state and reason, when it last delivered data and
 * how many records it sent; which source serves each side now; the most recent source changes
 * (failovers, the cache switching backend); and the shared cache as the journal tells it.
 */
final class SourceHealth {
    /** Source changes kept: enough for a day of flapping feeds, bounded so a long journal cannot grow it. */
    private static final int FAILOVER_HISTORY = 2000;

    private final int[] state = new int[Source.COUNT];
    private final String[] reason = new String[Source.COUNT];
    private final long[] sinceMs = new long[Source.COUNT];
    private final long[] lastDataMs = new long[Source.COUNT];
    private final long[] events = new long[Source.COUNT];
    private final ArrayDeque<SourceChange> failovers = new ArrayDeque<>();
    private int perpSide = -1;
    private int spotSide = -1;

    /** Counts an input record against its source (and its market data time). */
    void onInput(MarketEvent e) {
        if (e.source >= 0 && e.source < Source.COUNT) {
            events[e.source]++;
            if (EventType.isMarketData(e.type)) {
                lastDataMs[e.source] = e.recvNanos / 1_000_000;
            }
        }
    }

    /** A SourceStatus record: the source's new state, and one more change in the history. */
    SourceChange status(MarketEvent e) {
        int src = e.source;
        long ms = e.recvNanos / 1_000_000;
        if (src >= 0 && src < Source.COUNT) {
            state[src] = e.status;
            reason[src] = e.textString();
            sinceMs[src] = ms;
        }
        SourceChange c = new SourceChange(e.journalIndex, ms, Source.name(src), side(src), SourceState.name(e.status),
                e.textString());
        failovers.addLast(c);
        while (failovers.size() > FAILOVER_HISTORY) {
            failovers.removeFirst();
        }
        return c;
    }

    /**
     * A market record of a known token was applied: its source now serves that side. The perp's
     * book and the spot's quote ladder do not count (they come beside the price feed, not instead).
     */
    void served(MarketEvent e) {
        switch (e.type) {
            case EventType.PERP_BBO, EventType.PERP_MID, EventType.PERP_CTX -> perpSide = e.source;
            case EventType.SPOT_PRICE -> spotSide = e.source;
            default -> {
            }
        }
    }

    /** The source serving each side now. */
    Health.Sides sides() {
        return new Health.Sides(perpSide < 0 ? null : info(perpSide), spotSide < 0 ? null : info(spotSide));
    }

    /** Every source the journal has heard of, in source order. */
    List<SourceInfo> sources() {
        List<SourceInfo> out = new ArrayList<>();
        for (int s = 0; s < Source.COUNT; s++) {
            if (events[s] != 0 || state[s] != 0) {
                out.add(info(s));
            }
        }
        return out;
    }

    /** The source changes held, oldest first. */
    List<SourceChange> failovers() {
        return new ArrayList<>(failovers);
    }

    /** The source changes after {@code sinceSeq}, oldest first. */
    List<SourceChange> changesSince(long sinceSeq) {
        List<SourceChange> out = new ArrayList<>();
        for (SourceChange c : failovers) {
            if (c.seq() > sinceSeq) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The shared cache as the journal tells it: the engine journals each backend switch as a
     * SourceStatus of cache-redis / cache-local (reasons already redacted by the cache), and at
     * stop the run's figures ({@code stopped: backend=redis hits=N ...}).
     */
    CacheInfo cache() {
        int redis = state[Source.CACHE_REDIS];
        int local = state[Source.CACHE_LOCAL];
        if (redis == 0 && local == 0) {
            return new CacheInfo.NotJournaled(null,
                    "no cache status journaled (an engine that predates the cache, or not started yet)");
        }
        String backend = redis == SourceState.UP ? "redis" : local == SourceState.UP ? "local" : "none (stopped)";
        Map<String, Object> figures = new LinkedHashMap<>();
        for (int src : new int[] {Source.CACHE_REDIS, Source.CACHE_LOCAL}) {
            // Numbers where the value is all digits.
            SourceState.stopFigures(reason[src]).forEach((k, v) -> figures.put(k, v.matches("\\d+")
                    ? (Object) Long.parseLong(v) : v));
        }
        return new CacheInfo.Journaled(backend, info(Source.CACHE_REDIS), info(Source.CACHE_LOCAL),
                figures.isEmpty() ? null : figures, figures.isEmpty()
                        ? "hit/miss figures are journaled when the engine stops; live ones are in the engine's progress"
                        + " log line" : "the run's figures, journaled when the engine stopped");
    }

    private SourceInfo info(int s) {
        // The venues' primary feeds, the engine and the cache are not fallbacks; everything else is.
        boolean fallback = s != Source.HL_WS_MAINNET && s != Source.JUPITER_PRICE && s != Source.JUPITER_QUOTE
                && s != Source.HL_WS_OTHER && s != Source.ENGINE && s != Source.CACHE_REDIS && s != Source.CACHE_LOCAL;
        return new SourceInfo(Source.name(s), side(s), state[s] == 0 ? "unknown" : SourceState.name(state[s]),
                reason[s], orNull(sinceMs[s]), orNull(lastDataMs[s]), events[s], fallback);
    }

    private static String side(int source) {
        return switch (source) {
            case Source.HL_WS_MAINNET, Source.HL_WS_TESTNET, Source.HL_REST, Source.HL_WS_OTHER -> "perp";
            case Source.JUPITER_PRICE, Source.JUPITER_QUOTE -> "spot";
            case Source.COINGECKO, Source.KRAKEN -> "fallback";
            case Source.CACHE_REDIS, Source.CACHE_LOCAL -> "cache";
            default -> "engine";
        };
    }
}
