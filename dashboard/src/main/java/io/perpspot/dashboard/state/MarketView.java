package io.perpspot.dashboard.state;

import io.perpspot.dashboard.SlippageBands;
import io.perpspot.engine.codec.FixedPoint;
import io.perpspot.engine.journal.OutputRecord;
import io.perpspot.engine.journal.OutputType;
import io.perpspot.engine.ring.EngineEvents;
import io.perpspot.engine.ring.EventType;
import io.perpspot.engine.ring.MarketEvent;
import io.perpspot.engine.ring.Source;
import io.perpspot.engine.ring.SourceState;
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

    private final int historyPoints;
    private final int maxOpportunities;
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
    private long evictedOpportunities;
    private volatile boolean caughtUp;
    private Listener listener = NONE;

    public MarketView(int historyPoints, int maxOpportunities) {
        this.historyPoints = historyPoints;
        this.maxOpportunities = maxOpportunities;
        runs.put(Long.MIN_VALUE, currentRun);
    }

    public synchronized void listener(Listener l) {
        this.listener = l == null ? NONE : l;
    }

    // ---- writer side (tailer thread) ----------------------------------------------------------

    /** Folds one input record. */
    public synchronized void onInput(MarketEvent e) {
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
            }
            case EventType.TOKEN_DEF -> {
                Token t = EngineEvents.token(e);
                TokenState s = bySymbol.computeIfAbsent(t.symbol(), k -> new TokenState(k, historyPoints));
                s.hlCoin = t.hlCoin();
                s.mint = t.mint();
                s.multExp = t.multExp();
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
                if (s != null && EventType.isMarketData(e.type)) {
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
            case EventType.PERP_BOOK -> {
                s.bidCount = Math.min(e.bidCount, s.bidPxs.length);
                s.askCount = Math.min(e.askCount, s.askPxs.length);
                System.arraycopy(e.bidPxs, 0, s.bidPxs, 0, s.bidCount);
                System.arraycopy(e.bidSzs, 0, s.bidSzs, 0, s.bidCount);
                System.arraycopy(e.askPxs, 0, s.askPxs, 0, s.askCount);
                System.arraycopy(e.askSzs, 0, s.askSzs, 0, s.askCount);
                s.bookNanos = e.recvNanos;
                s.recomputeSlippage();
            }
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
            // The side of the perp book this direction trades against, and its cost by size.
            boolean buyPerp = r.direction == OutputRecord.LONG_PERP_SHORT_SPOT;
            o.put("slippage", slipList(s, buyPerp ? 1 : -1));
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
        // Direction the basis points at: perp rich (basis > 0) -> sell the perp into its bids.
        int dir = Double.isNaN(s.basisBps) ? 0 : (s.basisBps > 0 ? -1 : 1);
        m.put("slippage", slipList(s, dir));
        m.put("bookTimeMs", s.bookNanos == 0 ? null : s.bookNanos / 1_000_000);
        return m;
    }

    /** @param dir 1 buy the perp, -1 sell it, 0 the worse of the two */
    private static List<Map<String, Object>> slipList(TokenState s, int dir) {
        List<Map<String, Object>> l = new ArrayList<>(BookSlippage.SIZES_USD.length);
        for (int i = 0; i < BookSlippage.SIZES_USD.length; i++) {
            double buy = s.slipBuy[i];
            double sell = s.slipSell[i];
            double bps;
            String side;
            if (dir > 0) {
                bps = buy;
                side = "buy";
            } else if (dir < 0) {
                bps = sell;
                side = "sell";
            } else {
                boolean buyWorse = Double.isNaN(sell) || (!Double.isNaN(buy) && buy >= sell);
                bps = buyWorse ? buy : sell;
                side = buyWorse ? "buy" : "sell";
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("usd", (long) BookSlippage.SIZES_USD[i]);
            m.put("side", side);
            m.put("bps", finite(bps));
            m.put("beyondBook", bps == Double.POSITIVE_INFINITY);
            m.put("band", SlippageBands.band(bps));
            m.put("buyBps", finite(buy));
            m.put("sellBps", finite(sell));
            l.add(m);
        }
        return l;
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

    /** The perp book's slippage curve for one token at {@link BookSlippage#CURVE_SIZES_USD}; null if unknown. */
    public synchronized Map<String, Object> bookCurve(String symbol) {
        TokenState s = bySymbol.get(symbol);
        if (s == null) {
            return null;
        }
        double mid = s.bookMid();
        List<Map<String, Object>> pts = new ArrayList<>();
        for (double usd : BookSlippage.CURVE_SIZES_USD) {
            double buy = BookSlippage.costBps(s.askPxs, s.askSzs, s.askCount, mid, usd, true);
            double sell = BookSlippage.costBps(s.bidPxs, s.bidSzs, s.bidCount, mid, usd, false);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("usd", (long) usd);
            p.put("buyBps", finite(buy));
            p.put("sellBps", finite(sell));
            p.put("buyBand", SlippageBands.band(buy));
            p.put("sellBand", SlippageBands.band(sell));
            pts.add(p);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", s.symbol);
        m.put("bookTimeMs", s.bookNanos == 0 ? null : s.bookNanos / 1_000_000);
        m.put("levels", Map.of("bids", s.bidCount, "asks", s.askCount));
        m.put("points", pts);
        return m;
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
        Map<String, Object> j = new LinkedHashMap<>();
        Map<String, Object> in = new LinkedHashMap<>();
        long inTotal = 0;
        for (int t = 1; t <= EventType.MAX; t++) {
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
        j.put("caughtUp", caughtUp);
        j.put("strategy", strategyText);
        m.put("journal", j);
        return m;
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
        m.put("fallback", s != Source.HL_WS_MAINNET && s != Source.JUPITER_PRICE && s != Source.HL_WS_OTHER
                && s != Source.ENGINE);
        return m;
    }

    private static String side(int source) {
        return switch (source) {
            case Source.HL_WS_MAINNET, Source.HL_WS_TESTNET, Source.HL_REST, Source.HL_WS_OTHER -> "perp";
            case Source.JUPITER_PRICE, Source.JUPITER_QUOTE -> "spot";
            case Source.COINGECKO, Source.KRAKEN -> "fallback";
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
