package io.perpspot.dashboard.state;

import static io.perpspot.dashboard.state.JsonFigures.aprPct;
import static io.perpspot.dashboard.state.JsonFigures.ms;
import static io.perpspot.dashboard.state.JsonFigures.num;
import static io.perpspot.dashboard.state.JsonFigures.price;
import static io.perpspot.dashboard.state.JsonFigures.px;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.tokens.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The token board: every token's latest prices, perp context and strategy spread, with a bounded
 * history of spread snapshots, by symbol (case-insensitive), so a token's state continues across
 * engine runs.
 *
 * <p>Token ids are per engine run (defined by TokenDef records after each EngineStart), so the
 * id → token map is kept per run, keyed by the input index of the run's EngineStart, and an output
 * record finds its token through the run its {@code inputIndex} belongs to.
 */
final class TokenBoard {
    /**
     * How old a pair's latest tradable opportunity may be, behind the newest event the dashboard read (the
     * journal's clock, so an old journal shows its best pairs as of its end), to make the pair a token's best: 5
     * minutes, a few times the detector's re-signal throttle, so a best pair is one that signals now.
     */
    static final long BEST_PAIR_WINDOW_MS = 300_000;

    private final int historyPoints;
    private final SlippageProjection slippage;
    private final Map<String, TokenState> bySymbol = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final NavigableMap<Long, Map<Integer, TokenState>> runs = new TreeMap<>();
    private Map<Integer, TokenState> currentRun = new HashMap<>();

    TokenBoard(int historyPoints, SlippageProjection slippage) {
        this.historyPoints = historyPoints;
        this.slippage = slippage;
        runs.put(Long.MIN_VALUE, currentRun);
    }

    /** A new engine run starts at this input index: its token ids are its own. */
    void engineStart(long journalIndex) {
        currentRun = new HashMap<>();
        runs.put(journalIndex, currentRun);
        for (TokenState t : bySymbol.values()) {
            t.tokenId = -1;
        }
    }

    /** A TokenDef: the token (known or new by symbol) takes its id in the current run. */
    TokenState define(MarketEvent e) {
        Token t = EngineEvents.token(e);
        TokenState s = bySymbol.computeIfAbsent(t.symbol(), k -> new TokenState(k, historyPoints));
        s.hlCoin = t.hlCoin();
        s.mint = t.mint();
        s.multExp = t.multExp();
        s.tokenId = t.id();
        currentRun.put(t.id(), s);
        return s;
    }

    /** Applies a market record of the current run; the token, or null when the run has not defined it. */
    TokenState onMarket(MarketEvent e) {
        TokenState s = currentRun.get(e.tokenId);
        // Hyperliquid spot books (source hl-spot) are not the perp's: the board takes Hyperliquid spot from the
        // strategy's Spread records of the two pairs it is a leg of (onSpread).
        if (s == null || !(EventType.isTradedLeg(e.type, e.source) || e.type == EventType.SPOT_QUOTE)) {
            return null;
        }
        switch (e.type) {
            case EventType.PERP_BBO -> {
                s.perpBid = e.bidPx;
                s.perpAsk = e.askPx;
                if (e.bidPx != FixedPoint.NULL && e.askPx != FixedPoint.NULL) {
                    s.perpMid = (e.bidPx + e.askPx) / 2;
                }
                s.perpSource = e.source;
                s.perpNanos = e.recvNanos;
            }
            case EventType.PERP_MID -> {
                if (s.perpBid == FixedPoint.NULL || s.perpAsk == FixedPoint.NULL) {
                    s.perpMid = e.midPx;
                    s.perpSource = e.source;
                    s.perpNanos = e.recvNanos;
                }
            }
            case EventType.PERP_CTX -> {
                s.funding = e.funding;
                s.premium = e.premium;
                s.markPx = e.markPx;
                s.oraclePx = e.oraclePx;
                s.impactBidPx = e.impactBidPx;
                s.impactAskPx = e.impactAskPx;
                s.ctxNanos = e.recvNanos;
            }
            case EventType.PERP_BOOK -> s.bookNanos = e.recvNanos;
            case EventType.SPOT_QUOTE -> s.ladderNanos = e.recvNanos;
            case EventType.SPOT_PRICE -> {
                s.spotPx = e.spotPx;
                s.liquidityUsd = e.liquidityUsd;
                s.spotSource = e.source;
                s.spotNanos = e.recvNanos;
            }
            default -> {
            }
        }
        return s;
    }

    /** The token an output record is about, through the run its input index belongs to; null if none. */
    TokenState forOutput(OutputRecord r) {
        Map.Entry<Long, Map<Integer, TokenState>> run = runs.floorEntry(r.inputIndex);
        return run == null ? null : run.getValue().get(r.tokenId);
    }

    /**
     * A strategy spread snapshot of the token: the pair's latest figures and one more point of its history. The
     * row's own basis, z, mean and std are perp-jupiter's; perp-hlspot and hlspot-jupiter bring Hyperliquid spot's
     * price (the leg B mid of the one, the leg A bid, ask and mid of the other).
     */
    void onSpread(TokenState s, OutputRecord r) {
        TokenState.Pair p = VenuePair.valid(r.pair) ? s.pairs[r.pair] : null;
        if (p == null) {
            return; // a pair a newer engine knows: nothing here can show it
        }
        p.basisBps = r.basisBps;
        p.z = r.z;
        p.spreadNanos = r.timeNanos;
        if (r.pair != VenuePair.PERP_JUPITER) {
            p.history().add(r.timeNanos / 1_000_000, px(r.spotPx), px(r.perpMid), r.basisBps, r.z, r.mean, r.std,
                    px(r.funding));
            if (r.pair == VenuePair.HLSPOT_JUPITER) {
                s.hlSpotBid = r.perpBid;
                s.hlSpotAsk = r.perpAsk;
            }
            if (r.timeNanos >= s.hlSpotNanos) {
                s.hlSpotNanos = r.timeNanos;
                s.hlSpotMid = r.pair == VenuePair.PERP_HLSPOT ? r.spotPx : r.perpMid;
            }
            return;
        }
        s.basisBps = r.basisBps;
        s.z = r.z;
        s.mean = r.mean;
        s.std = r.std;
        s.samples = r.samples;
        s.spreadNanos = r.timeNanos;
        s.history.add(r.timeNanos / 1_000_000, px(r.spotPx), px(r.perpMid), r.basisBps, r.z, r.mean, r.std,
                px(r.funding));
    }

    /** A tradable opportunity of the token: its pair's latest. */
    void onOpportunity(TokenState s, OutputRecord r) {
        s.opportunities++;
        if (VenuePair.valid(r.pair)) {
            TokenState.Pair p = s.pairs[r.pair];
            p.netBps = r.netBps;
            p.direction = r.direction;
            p.opportunityNanos = r.timeNanos;
        }
    }

    TokenState get(String symbol) {
        return bySymbol.get(symbol);
    }

    int size() {
        return bySymbol.size();
    }

    /** A copy of the token's strategy state for the execution model, or null before it has one. */
    MarketSnapshot snapshot(TokenState s) {
        TokenState sol = bySymbol.get("SOL");
        return slippage.snapshot(s.symbol, s.tokenId, sol == null ? Double.NaN : px(sol.spotPx));
    }

    /** Every token's row; {@code nowNanos} is the newest event time read (for the best pair). */
    List<TokenRow> rows(long nowNanos) {
        List<TokenRow> out = new ArrayList<>(bySymbol.size());
        for (TokenState s : bySymbol.values()) {
            out.add(row(s, nowNanos));
        }
        return out;
    }

    TokenRow row(TokenState s, long nowNanos) {
        // Direction the basis points at: perp rich (basis >= 0) -> sell the perp, buy spot.
        List<SizeSlippage> slip = slippage.sizes(snapshot(s),
                Direction.forBasis(Double.isNaN(s.basisBps) ? 0 : s.basisBps));
        Best best = best(s, nowNanos);
        return new TokenRow(s.symbol, s.hlCoin, s.mint, price(s.spotPx), sourceName(s.spotSource), ms(s.spotNanos),
                s.liquidityUsd == FixedPoint.NULL ? null : s.liquidityUsd, price(s.perpBid), price(s.perpAsk),
                price(s.perpMid), sourceName(s.perpSource), ms(s.perpNanos), price(s.markPx), price(s.oraclePx),
                price(s.funding), aprPct(s.funding), num(s.basisBps), num(s.z), num(s.mean), num(s.std), s.samples,
                ms(s.spreadNanos), s.opportunities, slip, ms(s.bookNanos), ms(s.ladderNanos), price(s.hlSpotBid),
                price(s.hlSpotAsk), price(s.hlSpotMid), ms(s.hlSpotNanos), pairRows(s), best == null ? null
                        : VenuePair.name(best.code), best == null ? null : num(best.pair.netBps), null, null);
    }

    private record Best(int code, TokenState.Pair pair) {
    }

    /**
     * The pair with the highest net edge among those whose latest tradable opportunity is within
     * {@link #BEST_PAIR_WINDOW_MS} of {@code nowNanos}; the lower code on a tie; null if none.
     */
    private static Best best(TokenState s, long nowNanos) {
        Best best = null;
        for (int code = 0; code < s.pairs.length; code++) {
            TokenState.Pair p = s.pairs[code];
            boolean recent = p.opportunityNanos != 0 && !Double.isNaN(p.netBps)
                    && nowNanos - p.opportunityNanos <= BEST_PAIR_WINDOW_MS * 1_000_000L;
            if (recent && (best == null || p.netBps > best.pair.netBps)) {
                best = new Best(code, p);
            }
        }
        return best;
    }

    private static List<PairRow> pairRows(TokenState s) {
        List<PairRow> out = new ArrayList<>(s.pairs.length);
        for (int code = 0; code < s.pairs.length; code++) {
            TokenState.Pair p = s.pairs[code];
            boolean opp = p.opportunityNanos != 0;
            out.add(new PairRow(VenuePair.name(code), num(p.basisBps), num(p.z), ms(p.spreadNanos),
                    opp ? num(p.netBps) : null, opp ? VenuePair.directionName(p.direction, code) : null,
                    ms(p.opportunityNanos)));
        }
        return out;
    }

    /** Funding of every token, or of one symbol. */
    List<FundingRow> funding(String symbol) {
        List<FundingRow> out = new ArrayList<>();
        for (TokenState s : bySymbol.values()) {
            if (symbol == null || s.symbol.equalsIgnoreCase(symbol)) {
                out.add(new FundingRow(s.symbol, s.hlCoin, price(s.funding), aprPct(s.funding), price(s.premium),
                        price(s.markPx), price(s.oraclePx), ms(s.ctxNanos)));
            }
        }
        return out;
    }

    private static String sourceName(int source) {
        return source < 0 ? null : Source.name(source);
    }
}
