package io.perpspot.dashboard.state;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.journal.EngineEvents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The dashboard's picture of a journal, folded from the records the {@link JournalTailer} reads,
 * in journal order; everything here is derived from the journal and nothing else. A façade over
 * its folds, one per role: the {@link TokenBoard} (every token's latest state and spread history),
 * the {@link OpportunityLog}, the {@link SourceHealth} (sources, failovers, the cache), the
 * {@link JournalFigures}, and the {@link SlippageProjection} (executable slippage by size through
 * the engine's own execution model). Readers get immutable records, which the API and the push
 * channel serialise as they are.
 *
 * <p>Threads: one writer (the tailer) and many readers (HTTP, WebSocket push). The folds are not
 * thread-safe; this object's lock is the one lock over all of them, so a reader sees every fold at
 * the same record and no answer mixes two points of the journal.
 */
public final class MarketView implements LiveBoard {
    /** Told about changes; called on the tailer thread under the view's lock: must not block. */
    public interface Listener {
        /** A token's row changed (a definition, a market record, a spread snapshot). */
        void tokenChanged(String symbol);

        /** An opportunity was listed. */
        void opportunity(Opportunity opportunity);

        /** A source's status was journaled. */
        void sourceChanged(SourceChange change);
    }

    private static final Listener NONE = new Listener() {
        @Override
        public void tokenChanged(String symbol) {
        }

        @Override
        public void opportunity(Opportunity opportunity) {
        }

        @Override
        public void sourceChanged(SourceChange change) {
        }
    };

    /** The notionals the overview offers, in USD. */
    public static final double[] SIZES_USD = SlippageProjection.SIZES_USD;
    /** The notionals of the token page's slippage-by-size curve, in USD. */
    public static final double[] CURVE_SIZES_USD = SlippageProjection.CURVE_SIZES_USD;

    private final SlippageProjection slippage;
    private final TokenBoard board;
    private final OpportunityLog opportunities;
    private final OpportunityStates states;
    private long lastInput = -1;
    private final SourceHealth sources = new SourceHealth();
    private final JournalFigures journal = new JournalFigures();
    private volatile boolean caughtUp;
    private Listener listener = NONE;

    /**
     * @param historyPoints    spread snapshots kept per token
     * @param maxOpportunities opportunities kept in memory (older ones are evicted and counted)
     * @param execution        the engine's execution parameters the slippage is priced with
     */
    public MarketView(int historyPoints, int maxOpportunities, ExecutionParams execution) {
        this.slippage = new SlippageProjection(execution);
        this.board = new TokenBoard(historyPoints, slippage);
        this.opportunities = new OpportunityLog(maxOpportunities);
        this.states = new OpportunityStates(maxOpportunities);
    }

    /** Who is told about changes from now on (null: nobody). */
    public synchronized void listener(Listener l) {
        this.listener = l == null ? NONE : l;
    }

    // ---- writer side (tailer thread) ----------------------------------------------------------

    /** Folds one input record. */
    public synchronized void onInput(MarketEvent e) {
        lastInput = e.journalIndex;
        slippage.onInput(e);
        journal.onInput(e);
        sources.onInput(e);
        switch (e.type) {
            case EventType.ENGINE_START -> board.engineStart(e.journalIndex);
            case EventType.TOKEN_DEF -> listener.tokenChanged(board.define(e).symbol);
            case EventType.SOURCE_STATUS -> listener.sourceChanged(sources.status(e));
            default -> {
                TokenState s = board.onMarket(e);
                if (s != null) {
                    sources.served(e);
                    listener.tokenChanged(s.symbol);
                }
            }
        }
    }

    /** Folds one output record (journal index {@code index}). */
    public synchronized void onOutput(OutputRecord r, long index) {
        journal.onOutput(r, index);
        TokenState s = board.forOutput(r);
        if (s == null) {
            return;
        }
        if (r.type == OutputType.SPREAD) {
            board.onSpread(s, r);
            listener.tokenChanged(s.symbol);
        } else if (r.type == OutputType.OPPORTUNITY && r.rejectReason != 0) {
            // A would-be opportunity the detector refused (source gating): counted, not listed.
            opportunities.refused(r.rejectReason);
        } else if (r.type == OutputType.OPPORTUNITY && r.pair != VenuePair.PERP_JUPITER) {
            // perp-hlspot and hlspot-jupiter: listed with the record's own figures. The execution model (slippage,
            // profit, liquidity, the state a playbook plans on) prices the perp and Jupiter legs only, so its
            // figures here would be perp-jupiter's trade, not this one's.
            board.onOpportunity(s, r);
            Opportunity o = opportunities.add(index, r, s.symbol, List.of(), List.of(), null);
            listener.opportunity(o);
        } else if (r.type == OutputType.OPPORTUNITY) {
            board.onOpportunity(s, r);
            Direction d = r.direction == OutputRecord.LONG_PERP_SHORT_SPOT ? Direction.LONG_PERP_SHORT_SPOT
                    : Direction.SHORT_PERP_LONG_SPOT;
            // Both legs' slippage in its direction on the state at this record: later state would misprice it.
            MarketSnapshot m = board.snapshot(s);
            Opportunity o = opportunities.add(index, r, s.symbol, slippage.sizes(m, d), slippage.edges(m, d),
                    slippage.liquidity(m, d));
            if (m != null && lastInput == r.inputIndex) {
                states.put(index, r.inputIndex, d, m);
            }
            listener.opportunity(o);
        }
    }

    /** The tailer read something at this wall-clock time. */
    public synchronized void advanced(long wallMs) {
        journal.advanced(wallMs);
    }

    /** The tailer has read everything that existed when it started (an old journal is loaded). */
    public void caughtUp() {
        caughtUp = true;
    }

    /** Whether the journal as it was when the tailer started has been read. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    // ---- reader side -----------------------------------------------------------------------

    /** Every token's latest row, in symbol order. */
    @Override
    public synchronized List<TokenRow> rows() {
        return board.rows(journal.lastEventNanos());
    }

    /** One token's row, or null if the journal never defined it. */
    @Override
    public synchronized TokenRow row(String symbol) {
        TokenState s = board.get(symbol);
        return s == null ? null : board.row(s, journal.lastEventNanos());
    }

    /**
     * Spread snapshots of one token with event time in [fromMs, toMs], thinned to at most
     * {@code maxPoints} evenly spaced points; null when the token is unknown.
     */
    public synchronized HistorySeries history(String symbol, long fromMs, long toMs, int maxPoints) {
        TokenState s = board.get(symbol);
        return s == null ? null : HistorySeries.of(s, fromMs, toMs, maxPoints);
    }

    /**
     * Executable slippage by size ({@link #CURVE_SIZES_USD}) of one token on both venues, buying
     * and selling; null if the token is unknown.
     */
    public synchronized SlippageCurve slippageCurve(String symbol) {
        TokenState s = board.get(symbol);
        return s == null ? null : slippage.curve(s.symbol, s.bookNanos, s.ladderNanos, board.snapshot(s));
    }

    /** Funding of every token, or of one symbol (empty if unknown). */
    public synchronized List<FundingRow> funding(String symbol) {
        return board.funding(symbol);
    }

    /**
     * Opportunities with {@code seq} greater than {@code sinceSeq}, newest last, at most
     * {@code limit} (the newest ones), optionally for one symbol.
     */
    @Override
    public synchronized List<Opportunity> opportunities(long sinceSeq, String symbol, int limit) {
        return opportunities.since(sinceSeq, symbol, limit);
    }

    /**
     * The opportunity with this sequence and the exact market state at its record, each null when not held
     * (evicted, or read after later input); null when this dashboard never listed an opportunity with that
     * sequence within the span it has seen (then it is unknown, not evicted).
     */
    public synchronized HeldOpportunity opportunity(long seq) {
        Opportunity o = opportunities.get(seq);
        HeldOpportunity.State st = states.get(seq);
        if (o == null && st == null && (opportunities.firstSeq() < 0 || seq < opportunities.firstSeq()
                || seq >= opportunities.oldestSeq())) {
            return null;
        }
        return new HeldOpportunity(o, st);
    }

    /**
     * The live opportunities: the newest of each token among those held with their exact state, newest
     * first, at most {@code limit}.
     */
    public synchronized List<HeldOpportunity> liveOpportunities(int limit) {
        List<HeldOpportunity> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Opportunity> all = opportunities.since(-1, null, Integer.MAX_VALUE);
        for (int i = all.size() - 1; i >= 0; i--) {
            Opportunity o = all.get(i);
            HeldOpportunity.State st = states.get(o.seq());
            if (st != null && seen.add(o.symbol())) {
                out.add(new HeldOpportunity(o, st));
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** Sequence of the oldest opportunity still held (-1 if none): a resume from before it has a gap. */
    @Override
    public synchronized long oldestOpportunitySeq() {
        return opportunities.oldestSeq();
    }

    /** Opportunities evicted from memory (beyond {@code dashboard.opportunities}). */
    @Override
    public synchronized long evictedOpportunities() {
        return opportunities.evicted();
    }

    /**
     * The engine's shard as its last EngineStart names it ({@code all} or {@code K/N}), {@code all} when it names
     * none (a journal from before shards), null before the journal's first EngineStart.
     */
    public synchronized String shard() {
        String text = journal.strategy();
        if (text.isEmpty()) {
            return null;
        }
        String shard = EngineEvents.headerValue(text, EngineEvents.SHARD_KEY);
        return shard == null ? "all" : shard;
    }

    /** Source health, failover history, the cache and the journal's figures. */
    public synchronized Health health() {
        return new Health(sources.sides(), sources.sources(), sources.failovers(), sources.cache(),
                journal.summary(board.size(), opportunities.total(), opportunities.refusals(), caughtUp));
    }

    /** The serving sources and every source: the part of the health the WebSocket messages carry. */
    @Override
    public synchronized Health.Sources sources() {
        return new Health.Sources(sources.sides(), sources.sources());
    }

    /** Source changes after {@code sinceSeq}, oldest first (of those still held). */
    @Override
    public synchronized List<SourceChange> sourceChanges(long sinceSeq) {
        return sources.changesSince(sinceSeq);
    }

    /** Time of the newest journaled event and of the tailer's last read (for the live/stale indicator). */
    @Override
    public synchronized Clocks clocks() {
        return journal.clocks();
    }
}
