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
        // Hyperliquid spot books (source hl-spot) are not the perp's: the three-venue board comes with issue 24's
        // dashboard stage.
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

    /** A strategy spread snapshot of the token: its latest figures and one more history point. */
    void onSpread(TokenState s, OutputRecord r) {
        s.basisBps = r.basisBps;
        s.z = r.z;
        s.mean = r.mean;
        s.std = r.std;
        s.samples = r.samples;
        s.spreadNanos = r.timeNanos;
        s.history.add(r.timeNanos / 1_000_000, px(r.spotPx), px(r.perpMid), r.basisBps, r.z, r.mean, r.std,
                px(r.funding));
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

    List<TokenRow> rows() {
        List<TokenRow> out = new ArrayList<>(bySymbol.size());
        for (TokenState s : bySymbol.values()) {
            out.add(row(s));
        }
        return out;
    }

    TokenRow row(TokenState s) {
        // Direction the basis points at: perp rich (basis >= 0) -> sell the perp, buy spot.
        List<SizeSlippage> slip = slippage.sizes(snapshot(s),
                Direction.forBasis(Double.isNaN(s.basisBps) ? 0 : s.basisBps));
        return new TokenRow(s.symbol, s.hlCoin, s.mint, price(s.spotPx), sourceName(s.spotSource), ms(s.spotNanos),
                s.liquidityUsd == FixedPoint.NULL ? null : s.liquidityUsd, price(s.perpBid), price(s.perpAsk),
                price(s.perpMid), sourceName(s.perpSource), ms(s.perpNanos), price(s.markPx), price(s.oraclePx),
                price(s.funding), aprPct(s.funding), num(s.basisBps), num(s.z), num(s.mean), num(s.std), s.samples,
                ms(s.spreadNanos), s.opportunities, slip, ms(s.bookNanos), ms(s.ladderNanos), null, null);
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
