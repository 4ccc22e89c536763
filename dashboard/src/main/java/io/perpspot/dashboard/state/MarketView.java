package io.perpspot.dashboard.state;

import io.perpspot.dashboard.core.SlippageBands;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.ExecutionModel;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.LegQuote;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.tokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The dashboard's picture of a journal: the latest state of every token, a bounded history of
 * strategy spread snapshots per token, recent opportunities, source health with its failover
 * history, and journal figures. Folded from the records the {@link JournalTailer} reads, in
 * journal order; everything here is derived from the journal and nothing else.
 *
 * <p>The input is also folded through the engine's own {@link Strategy} (its derived records are
 * discarded: the output queue holds them), so each token's {@link SpreadBook} — L2 book, Jupiter
 * quote ladder, basis window, volatility — is at hand for the execution model: executable
 * slippage by size on both venues comes from {@link ExecutionModel#legQuote}, the same pricing
 * {@code perpspot simulate} uses, coloured by the engine's {@code SlippageBand}.
 *
 * <p>Threads: one writer (the tailer) and many readers (HTTP, WebSocket push), all through
 * this object's lock; readers get JSON-ready copies, never live state.
 *
 * <p>Token ids are per engine run (defined by TokenDef records after each EngineStart), so the
 * id → token map is kept per run, keyed by the input index of the run's EngineStart, and an
 * output record finds its token through the run its {@code inputIndex} belongs to. State is kept
 * by symbol, so a token's history continues across runs.
 */
public final class MarketView {
    /** Told about changes; called on the tailer thread under the view's lock: must not block. */
    public interface Listener {
        void tokenChanged(String symbol);

        void opportunity(Map<String, Object> opportunity);

        void sourceChanged(Map<String, Object> status);
    }

    private static final int FAILOVER_HISTORY = 2000;
    private static final Listener NONE = new Listener() {
        @Override
        public void tokenChanged(String symbol) {
        }

        @Override
        public void opportunity(Map<String, Object> opportunity) {
        }

        @Override
        public void sourceChanged(Map<String, Object> status) {
        }
    };

    /** The notionals the overview offers, in USD. */
    public static final double[] SIZES_USD = {100, 1_000, 10_000, 50_000};
    /** The notionals of the token page's slippage-by-size curve, in USD. */
    public static final double[] CURVE_SIZES_USD = {100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000};

    private final int historyPoints;
    private final int maxOpportunities;
    private final Strategy strategy = new Strategy(r -> {
    });
    private final ExecutionModel model;
    private final Map<String, TokenState> bySymbol = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final NavigableMap<Long, Map<Integer, TokenState>> runs = new TreeMap<>();
    private Map<Integer, TokenState> currentRun = new HashMap<>();
    private final ArrayDeque<Map<String, Object>> opportunities = new ArrayDeque<>();
    private final ArrayDeque<Map<String, Object>> failovers = new ArrayDeque<>();
    private final int[] sourceState = new int[Source.COUNT];
    private final String[] sourceReason = new String[Source.COUNT];
    private final long[] sourceSinceMs = new long[Source.COUNT];
    private final long[] sourceLastDataMs = new long[Source.COUNT];
    private final long[] sourceEvents = new long[Source.COUNT];
    private int perpSide = -1;
    private int spotSide = -1;
    private final long[] inputByType = new long[EventType.MAX + 1];
    private final long[] outputByType = new long[8];
    private long lastInputIndex = -1;
    private long lastOutputIndex = -1;
    private long firstEventNanos;
    private long lastEventNanos;
    private long lastAdvanceWallMs;
    private long engineStarts;
    private String strategyText = "";
    private long opportunitiesTotal;
    private final long[] refusals = new long[OutputRecord.GATE_REASONS];
    private long evictedOpportunities;
    private volatile boolean caughtUp;
    private Listener listener = NONE;

    public MarketView(int historyPoints, int maxOpportunities, ExecutionParams execution) {
        this.historyPoints = historyPoints;
        this.maxOpportunities = maxOpportunities;
        this.model = new ExecutionModel(execution);
        runs.put(Long.MIN_VALUE, currentRun);
    }

    public synchronized void listener(Listener l) {
        this.listener = l == null ? NONE : l;
    }

    // ---- writer side (tailer thread) ----------------------------------------------------------

    /** Folds one input record. */
    public synchronized void onInput(MarketEvent e) {
        strategy.onEvent(e);
        if (e.type > 0 && e.type <= EventType.MAX) {
            inputByType[e.type]++;
        }
        lastInputIndex = e.journalIndex;
        if (e.recvNanos > 0) {
            if (firstEventNanos == 0) {
                firstEventNanos = e.recvNanos;
            }
            lastEventNanos = Math.max(lastEventNanos, e.recvNanos);
        }
        long ms = e.recvNanos / 1_000_000;
        if (e.source >= 0 && e.source < Source.COUNT) {
            sourceEvents[e.source]++;
            if (EventType.isMarketData(e.type)) {
                sourceLastDataMs[e.source] = ms;
            }
        }
        switch (e.type) {
            case EventType.ENGINE_START -> {
                engineStarts++;
                strategyText = e.textString();
                currentRun = new HashMap<>();
                runs.put(e.journalIndex, currentRun);
                for (TokenState t : bySymbol.values()) {
                    t.tokenId = -1;
                }
            }
            case EventType.TOKEN_DEF -> {
                Token t = EngineEvents.token(e);
                TokenState s = bySymbol.computeIfAbsent(t.symbol(), k -> new TokenState(k, historyPoints));
                s.hlCoin = t.hlCoin();
                s.mint = t.mint();
                s.multExp = t.multExp();
                s.tokenId = t.id();
                currentRun.put(t.id(), s);
                listener.tokenChanged(s.symbol);
            }
            case EventType.SOURCE_STATUS -> {
                int src = e.source;
                if (src >= 0 && src < Source.COUNT) {
                    sourceState[src] = e.status;
                    sourceReason[src] = e.textString();
                    sourceSinceMs[src] = ms;
                }
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("seq", e.journalIndex);
                f.put("timeMs", ms);
                f.put("source", Source.name(src));
                f.put("side", side(src));
                f.put("state", SourceState.name(e.status));
                f.put("reason", e.textString());
                failovers.addLast(f);
                while (failovers.size() > FAILOVER_HISTORY) {
                    failovers.removeFirst();
                }
                listener.sourceChanged(f);
            }
            default -> {
                TokenState s = currentRun.get(e.tokenId);
                if (s != null && (EventType.isMarketData(e.type) || e.type == EventType.SPOT_QUOTE)) {
                    applyMarket(s, e);
                    listener.tokenChanged(s.symbol);
                }
            }
        }
    }

    private void applyMarket(TokenState s, MarketEvent e) {
        switch (e.type) {
            case EventType.PERP_BBO -> {
                s.perpBid = e.bidPx;
                s.perpAsk = e.askPx;
                if (e.bidPx != FixedPoint.NULL && e.askPx != FixedPoint.NULL) {
                    s.perpMid = (e.bidPx + e.askPx) / 2;
                }
                s.perpSource = e.source;
                s.perpNanos = e.recvNanos;
                perpSide = e.source;
            }
            case EventType.PERP_MID -> {
                if (s.perpBid == FixedPoint.NULL || s.perpAsk == FixedPoint.NULL) {
                    s.perpMid = e.midPx;
                    s.perpSource = e.source;
                    s.perpNanos = e.recvNanos;
                }
                perpSide = e.source;
            }
            case EventType.PERP_CTX -> {
                s.funding = e.funding;
                s.premium = e.premium;
                s.markPx = e.markPx;
                s.oraclePx = e.oraclePx;
                s.impactBidPx = e.impactBidPx;
                s.impactAskPx = e.impactAskPx;
                s.ctxNanos = e.recvNanos;
                perpSide = e.source;
            }
            case EventType.PERP_BOOK -> s.bookNanos = e.recvNanos;
            case EventType.SPOT_QUOTE -> s.ladderNanos = e.recvNanos;
            case EventType.SPOT_PRICE -> {
                s.spotPx = e.spotPx;
                s.liquidityUsd = e.liquidityUsd;
                s.spotSource = e.source;
                s.spotNanos = e.recvNanos;
                spotSide = e.source;
            }
            default -> {
            }
        }
    }

    /** Folds one output record. */
    public synchronized void onOutput(OutputRecord r, long index) {
        if (r.type > 0 && r.type < outputByType.length) {
            outputByType[r.type]++;
        }
        lastOutputIndex = index;
        Map.Entry<Long, Map<Integer, TokenState>> run = runs.floorEntry(r.inputIndex);
        TokenState s = run == null ? null : run.getValue().get(r.tokenId);
        if (s == null) {
            return;
        }
        long ms = r.timeNanos / 1_000_000;
        if (r.type == OutputType.SPREAD) {
            s.basisBps = r.basisBps;
            s.z = r.z;
            s.mean = r.mean;
            s.std = r.std;
            s.samples = r.samples;
            s.spreadNanos = r.timeNanos;
            s.history.add(ms, px(r.spotPx), px(r.perpMid), r.basisBps, r.z, r.mean, r.std, px(r.funding));
            listener.tokenChanged(s.symbol);
        } else if (r.type == OutputType.OPPORTUNITY && r.rejectReason != 0) {
            // A would-be opportunity the detector refused (source gating): counted, not listed.
            if (r.rejectReason < refusals.length) {
                refusals[r.rejectReason]++;
            }
        } else if (r.type == OutputType.OPPORTUNITY) {
            s.opportunities++;
            opportunitiesTotal++;
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("seq", index);
            o.put("timeMs", ms);
            o.put("symbol", s.symbol);
            o.put("direction", OutputRecord.directionName(r.direction));
            o.put("spot", price(r.spotPx));
            o.put("perp", price(r.perpPx));
            o.put("grossBps", num(r.grossBps));
            o.put("netBps", num(r.netBps));
            o.put("feesBps", num(r.feesBps));
            o.put("z", num(r.z));
            o.put("basisBps", num(r.basisBps));
            // Both legs' executable slippage by size in this direction, on the state at this record.
            o.put("slippage", slipList(snapshot(s), r.direction == OutputRecord.LONG_PERP_SHORT_SPOT
                    ? Direction.LONG_PERP_SHORT_SPOT : Direction.SHORT_PERP_LONG_SPOT));
            opportunities.addLast(o);
            while (opportunities.size() > maxOpportunities) {
                opportunities.removeFirst();
                evictedOpportunities++;
            }
            listener.opportunity(o);
        }
    }

    /** The tailer read something at this wall-clock time. */
    public synchronized void advanced(long wallMs) {
        lastAdvanceWallMs = wallMs;
    }

    /** The tailer has read everything that existed when it started (an old journal is loaded). */
    public void caughtUp() {
        caughtUp = true;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    // ---- reader side -----------------------------------------------------------------------

    /** Every token's latest row, in symbol order. */
    public synchronized List<Map<String, Object>> rows() {
        List<Map<String, Object>> out = new ArrayList<>(bySymbol.size());
        for (TokenState s : bySymbol.values()) {
            out.add(row(s));
        }
        return out;
    }

    /** Rows of the given symbols (those still known). */
    public synchronized List<Map<String, Object>> rows(Iterable<String> symbols) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String sym : symbols) {
            TokenState s = bySymbol.get(sym);
            if (s != null) {
                out.add(row(s));
            }
        }
        return out;
    }

    /** One token's row, or null if the journal never defined it. */
    public synchronized Map<String, Object> row(String symbol) {
        TokenState s = bySymbol.get(symbol);
        return s == null ? null : row(s);
    }

    public synchronized boolean known(String symbol) {
        return bySymbol.containsKey(symbol);
    }

    public synchronized int tokenCount() {
        return bySymbol.size();
    }

    private Map<String, Object> row(TokenState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", s.symbol);
        m.put("coin", s.hlCoin);
        m.put("mint", s.mint);
        m.put("spot", price(s.spotPx));
        m.put("spotSource", s.spotSource < 0 ? null : Source.name(s.spotSource));
        m.put("spotTimeMs", s.spotNanos == 0 ? null : s.spotNanos / 1_000_000);
        m.put("liquidityUsd", s.liquidityUsd == FixedPoint.NULL ? null : s.liquidityUsd);
        m.put("perpBid", price(s.perpBid));
        m.put("perpAsk", price(s.perpAsk));
        m.put("perp", price(s.perpMid));
        m.put("perpSource", s.perpSource < 0 ? null : Source.name(s.perpSource));
        m.put("perpTimeMs", s.perpNanos == 0 ? null : s.perpNanos / 1_000_000);
        m.put("mark", price(s.markPx));
        m.put("oracle", price(s.oraclePx));
        m.put("fundingHourly", price(s.funding));
        m.put("fundingAprPct", s.funding == FixedPoint.NULL ? null : num(px(s.funding) * 24 * 365 * 100));
        m.put("basisBps", num(s.basisBps));
        m.put("z", num(s.z));
        m.put("mean", num(s.mean));
        m.put("std", num(s.std));
        m.put("samples", s.samples);
        m.put("spreadTimeMs", s.spreadNanos == 0 ? null : s.spreadNanos / 1_000_000);
        m.put("opportunities", s.opportunities);
        // Direction the basis points at: perp rich (basis >= 0) -> sell the perp, buy spot.
        m.put("slippage", slipList(snapshot(s), Direction.forBasis(Double.isNaN(s.basisBps) ? 0 : s.basisBps)));
        m.put("bookTimeMs", s.bookNanos == 0 ? null : s.bookNanos / 1_000_000);
        m.put("ladderTimeMs", s.ladderNanos == 0 ? null : s.ladderNanos / 1_000_000);
        return m;
    }

    /** A copy of the token's strategy state for the execution model, or null before it has one. */
    private MarketSnapshot snapshot(TokenState s) {
        SpreadBook b = s.tokenId < 0 ? null : strategy.book(s.tokenId);
        if (b == null) {
            return null;
        }
        return MarketSnapshot.of(s.symbol, b, b.ladder, solUsd());
    }

    private double solUsd() {
        TokenState sol = bySymbol.get("SOL");
        return sol == null ? Double.NaN : px(sol.spotPx);
    }

    /** One token's market state for the execution model (a copy), or null if unknown or not priced yet. */
    public synchronized MarketSnapshot snapshot(String symbol) {
        TokenState s = bySymbol.get(symbol);
        return s == null ? null : snapshot(s);
    }

    /**
     * Entry slippage of both legs of a trade in direction {@code d}, per overview size: the worse
     * leg's bps and band, and each leg's bps and price source.
     */
    private List<Map<String, Object>> slipList(MarketSnapshot m, Direction d) {
        boolean buyPerp = d == Direction.LONG_PERP_SHORT_SPOT;
        List<Map<String, Object>> l = new ArrayList<>(SIZES_USD.length);
        for (double usd : SIZES_USD) {
            LegQuote perp = m == null ? null : model.legQuote(m, true, buyPerp, usd);
            LegQuote spot = m == null ? null : model.legQuote(m, false, !buyPerp, usd);
            double perpBps = legBps(m, perp, true);
            double spotBps = legBps(m, spot, false);
            double worst = Double.isNaN(perpBps) ? spotBps : Double.isNaN(spotBps) ? perpBps : Math.max(perpBps, spotBps);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("usd", (long) usd);
            e.put("direction", d.label());
            e.put("bps", finite(worst));
            e.put("beyondBook", worst == Double.POSITIVE_INFINITY);
            e.put("band", SlippageBands.band(worst));
            e.put("perpSide", buyPerp ? "buy" : "sell");
            e.put("perpBps", finite(perpBps));
            e.put("perpSource", perp == null ? null : perp.source().name().toLowerCase(java.util.Locale.ROOT));
            e.put("spotSide", buyPerp ? "sell" : "buy");
            e.put("spotBps", finite(spotBps));
            e.put("spotSource", spot == null ? null : spot.source().name().toLowerCase(java.util.Locale.ROOT));
            l.add(e);
        }
        return l;
    }

    /** A leg's slippage: NaN when the venue has no price, +Infinity when the size is beyond its depth. */
    private static double legBps(MarketSnapshot m, LegQuote q, boolean perp) {
        if (q != null) {
            return q.slippageBps();
        }
        if (m == null) {
            return Double.NaN;
        }
        boolean priced = perp ? m.depth().twoSided() || (m.perpBid() > 0 && m.perpAsk() > 0) : m.spotPx() > 0;
        return priced ? Double.POSITIVE_INFINITY : Double.NaN;
    }

    /**
     * Spread snapshots of one token with event time in [fromMs, toMs], thinned to at most
     * {@code maxPoints} evenly spaced points; null when the token is unknown.
     */
    public synchronized Map<String, Object> history(String symbol, long fromMs, long toMs, int maxPoints) {
        TokenState s = bySymbol.get(symbol);
        if (s == null) {
            return null;
        }
        TokenState.History h = s.history;
        List<Integer> picked = new ArrayList<>();
        for (int k = 0; k < h.size; k++) {
            int i = h.index(k);
            if (h.timeMs[i] >= fromMs && h.timeMs[i] <= toMs) {
                picked.add(i);
            }
        }
        int n = picked.size();
        int stride = Math.max(1, (n + maxPoints - 1) / maxPoints);
        List<Object> t = new ArrayList<>();
        List<Object> spot = new ArrayList<>();
        List<Object> perp = new ArrayList<>();
        List<Object> basis = new ArrayList<>();
        List<Object> z = new ArrayList<>();
        List<Object> mean = new ArrayList<>();
        List<Object> std = new ArrayList<>();
        List<Object> funding = new ArrayList<>();
        for (int k = 0; k < n; k += stride) {
            int i = picked.get(k);
            t.add(h.timeMs[i]);
            spot.add(num(h.spot[i]));
            perp.add(num(h.perpMid[i]));
            basis.add(num(h.basis[i]));
            z.add(num(h.z[i]));
            mean.add(num(h.mean[i]));
            std.add(num(h.std[i]));
            funding.add(num(h.funding[i]));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", s.symbol);
        m.put("fromMs", fromMs);
        m.put("toMs", toMs);
        m.put("points", t.size());
        m.put("matched", n);
        m.put("kept", h.size);
        m.put("oldestKeptMs", h.size == 0 ? null : h.timeMs[h.index(0)]);
        m.put("timeMs", t);
        m.put("spot", spot);
        m.put("perpMid", perp);
        m.put("basisBps", basis);
        m.put("z", z);
        m.put("mean", mean);
        m.put("std", std);
        m.put("fundingHourly", funding);
        return m;
    }

    /**
     * Executable slippage by size ({@link #CURVE_SIZES_USD}) of one token on both venues, buying
     * and selling: Hyperliquid by the L2 book walk, Jupiter by the quote ladder (each falling back
     * to the impact model where the journal holds no depth, as the execution model does). Null if
     * the token is unknown.
     */
    public synchronized Map<String, Object> slippageCurve(String symbol) {
        TokenState s = bySymbol.get(symbol);
        if (s == null) {
            return null;
        }
        MarketSnapshot m = snapshot(s);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", s.symbol);
        out.put("bookTimeMs", s.bookNanos == 0 ? null : s.bookNanos / 1_000_000);
        out.put("ladderTimeMs", s.ladderNanos == 0 ? null : s.ladderNanos / 1_000_000);
        out.put("bookLevels", m == null ? null : Map.of("bids", m.depth().levels(0), "asks", m.depth().levels(1)));
        out.put("ladderRungs", m == null ? null : Map.of("buy", m.ladder().size(0), "sell", m.ladder().size(1)));
        for (boolean perp : new boolean[] {true, false}) {
            List<Map<String, Object>> pts = new ArrayList<>();
            for (double usd : CURVE_SIZES_USD) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("usd", (long) usd);
                for (boolean buy : new boolean[] {true, false}) {
                    LegQuote q = m == null ? null : model.legQuote(m, perp, buy, usd);
                    double bps = legBps(m, q, perp);
                    String k = buy ? "buy" : "sell";
                    p.put(k + "Bps", finite(bps));
                    p.put(k + "Band", SlippageBands.band(bps));
                    p.put(k + "Source", q == null ? null : q.source().name().toLowerCase(java.util.Locale.ROOT));
                    p.put(k + "BeyondDepth", bps == Double.POSITIVE_INFINITY);
                }
                pts.add(p);
            }
            out.put(perp ? "perp" : "spot", pts);
        }
        return out;
    }

    /**
     * Opportunities with {@code seq} greater than {@code sinceSeq}, newest last, at most
     * {@code limit} (the newest ones), optionally for one symbol.
     */
    public synchronized List<Map<String, Object>> opportunities(long sinceSeq, String symbol, int limit) {
        ArrayDeque<Map<String, Object>> picked = new ArrayDeque<>();
        Iterator<Map<String, Object>> it = opportunities.descendingIterator();
        while (it.hasNext() && picked.size() < limit) {
            Map<String, Object> o = it.next();
            if ((Long) o.get("seq") <= sinceSeq) {
                break;
            }
            if (symbol == null || symbol.equalsIgnoreCase((String) o.get("symbol"))) {
                picked.addFirst(o);
            }
        }
        return new ArrayList<>(picked);
    }

    /** Sequence of the oldest opportunity still held (-1 if none): a resume from before it has a gap. */
    public synchronized long oldestOpportunitySeq() {
        return opportunities.isEmpty() ? -1 : (Long) opportunities.peekFirst().get("seq");
    }

    /** Opportunities evicted from memory (beyond {@code dashboard.opportunities}). */
    public synchronized long evictedOpportunities() {
        return evictedOpportunities;
    }

    /** Funding of every token, or of one (null if unknown). */
    public synchronized List<Map<String, Object>> funding(String symbol) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TokenState s : bySymbol.values()) {
            if (symbol != null && !s.symbol.equalsIgnoreCase(symbol)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", s.symbol);
            m.put("coin", s.hlCoin);
            m.put("fundingHourly", price(s.funding));
            m.put("fundingAprPct", s.funding == FixedPoint.NULL ? null : num(px(s.funding) * 24 * 365 * 100));
            m.put("premium", price(s.premium));
            m.put("mark", price(s.markPx));
            m.put("oracle", price(s.oraclePx));
            m.put("timeMs", s.ctxNanos == 0 ? null : s.ctxNanos / 1_000_000);
            out.add(m);
        }
        return out;
    }

    /** Source health, failover history and journal figures. */
    public synchronized Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> sides = new LinkedHashMap<>();
        sides.put("perp", sideInfo(perpSide));
        sides.put("spot", sideInfo(spotSide));
        m.put("current", sides);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (int s = 0; s < Source.COUNT; s++) {
            if (sourceEvents[s] == 0 && sourceState[s] == 0) {
                continue;
            }
            sources.add(sourceInfo(s));
        }
        m.put("sources", sources);
        m.put("failovers", new ArrayList<>(failovers));
        m.put("cache", cacheInfo());
        Map<String, Object> j = new LinkedHashMap<>();
        Map<String, Object> in = new LinkedHashMap<>();
        long inTotal = 0;
        for (int t = 1; t <= EventType.MAX; t++) {
            if (inputByType[t] == 0 && EventType.name(t).startsWith("unknown")) {
                continue; // a reserved number
            }
            in.put(EventType.name(t), inputByType[t]);
            inTotal += inputByType[t];
        }
        Map<String, Object> out = new LinkedHashMap<>();
        long outTotal = 0;
        for (int t = 1; t < outputByType.length; t++) {
            if (outputByType[t] > 0 || t <= OutputType.OPPORTUNITY) {
                out.put(OutputType.name(t), outputByType[t]);
                outTotal += outputByType[t];
            }
        }
        j.put("inputRecords", inTotal);
        j.put("inputByType", in);
        j.put("outputRecords", outTotal);
        j.put("outputByType", out);
        j.put("lastInputIndex", lastInputIndex);
        j.put("lastOutputIndex", lastOutputIndex);
        j.put("firstEventMs", firstEventNanos == 0 ? null : firstEventNanos / 1_000_000);
        j.put("lastEventMs", lastEventNanos == 0 ? null : lastEventNanos / 1_000_000);
        j.put("lastAdvanceMs", lastAdvanceWallMs == 0 ? null : lastAdvanceWallMs);
        j.put("engineRuns", engineStarts);
        j.put("tokens", bySymbol.size());
        j.put("opportunities", opportunitiesTotal);
        Map<String, Object> refused = new LinkedHashMap<>();
        for (int i = 1; i < refusals.length; i++) {
            refused.put(OutputRecord.rejectReasonName(i), refusals[i]);
        }
        j.put("refusedOpportunities", refused);
        j.put("caughtUp", caughtUp);
        j.put("strategy", strategyText);
        m.put("journal", j);
        return m;
    }

    /**
     * The shared cache as the journal tells it: the engine journals each backend switch as a
     * SourceStatus of cache-redis / cache-local (reasons already redacted by the cache), and at
     * stop the run's figures ({@code stopped: backend=redis hits=N ...}).
     */
    private Map<String, Object> cacheInfo() {
        Map<String, Object> c = new LinkedHashMap<>();
        int redis = sourceState[Source.CACHE_REDIS];
        int local = sourceState[Source.CACHE_LOCAL];
        if (redis == 0 && local == 0) {
            c.put("backend", null);
            c.put("note", "no cache status journaled (an engine that predates the cache, or not started yet)");
            return c;
        }
        String backend = redis == SourceState.UP ? "redis" : local == SourceState.UP ? "local" : "none (stopped)";
        c.put("backend", backend);
        c.put("redis", sourceInfo(Source.CACHE_REDIS));
        c.put("local", sourceInfo(Source.CACHE_LOCAL));
        Map<String, Object> figures = new LinkedHashMap<>();
        for (int src : new int[] {Source.CACHE_REDIS, Source.CACHE_LOCAL}) {
            String reason = sourceReason[src];
            if (reason != null && reason.startsWith("stopped:")) {
                for (String kv : reason.substring("stopped:".length()).trim().split("\\s+")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        String v = kv.substring(eq + 1);
                        figures.put(kv.substring(0, eq), v.matches("\\d+") ? (Object) Long.parseLong(v) : v);
                    }
                }
            }
        }
        c.put("figures", figures.isEmpty() ? null : figures);
        c.put("figuresNote", figures.isEmpty() ? "hit/miss figures are journaled when the engine stops; live ones are in"
                + " the engine's progress log line" : "the run's figures, journaled when the engine stopped");
        return c;
    }

    /** Time of the newest journaled event and of the tailer's last read (for the live/stale indicator). */
    public synchronized long[] clocks() {
        return new long[] {lastEventNanos / 1_000_000, lastAdvanceWallMs, lastInputIndex, lastOutputIndex};
    }

    private Map<String, Object> sideInfo(int src) {
        if (src < 0) {
            return null;
        }
        return sourceInfo(src);
    }

    private Map<String, Object> sourceInfo(int s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", Source.name(s));
        m.put("side", side(s));
        m.put("state", sourceState[s] == 0 ? "unknown" : SourceState.name(sourceState[s]));
        m.put("reason", sourceReason[s]);
        m.put("sinceMs", sourceSinceMs[s] == 0 ? null : sourceSinceMs[s]);
        m.put("lastDataMs", sourceLastDataMs[s] == 0 ? null : sourceLastDataMs[s]);
        m.put("events", sourceEvents[s]);
        m.put("fallback", s != Source.HL_WS_MAINNET && s != Source.JUPITER_PRICE && s != Source.JUPITER_QUOTE
                && s != Source.HL_WS_OTHER && s != Source.ENGINE && s != Source.CACHE_REDIS && s != Source.CACHE_LOCAL);
        return m;
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

    static String price(long units) {
        return units == FixedPoint.NULL ? null : FixedPoint.price(units);
    }

    static double px(long units) {
        return units == FixedPoint.NULL ? Double.NaN : FixedPoint.toDouble(units, FixedPoint.PRICE_DECIMALS);
    }

    /** NaN and infinities become JSON null. */
    static Double num(double d) {
        return Double.isFinite(d) ? d : null;
    }

    static Double finite(double d) {
        return num(d);
    }
}
