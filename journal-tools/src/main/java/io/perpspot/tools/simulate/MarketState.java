package io.perpspot.tools.simulate;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.spread.QuoteLadder;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The latest market state of a token in a journal: the input queue folded through the same
 * {@link Strategy} the engine runs (derived records are discarded), then the token's
 * {@link SpreadBook} copied into a {@link MarketSnapshot}.
 */
final class MarketState {
    private MarketState() {
    }

    /**
     * @param token a Hyperliquid coin ({@code kBONK}) or a Solana symbol ({@code BONK})
     * @param pair  the {@code core.VenuePair} whose two legs the snapshot holds
     * @throws ExecutionException naming {@code token} when the journal does not know it or has no prices for it
     */
    static MarketSnapshot latest(JournalReader reader, String token, int pair) {
        Strategy strategy = new Strategy(r -> {
        });
        reader.forEachInput(e -> {
            strategy.onEvent(e);
            return true;
        });
        Map<Integer, Token> tokens = reader.tokens();
        int id = -1;
        int solId = -1;
        String coin = token;
        for (Map.Entry<Integer, Token> t : tokens.entrySet()) {
            Token k = t.getValue();
            if (k.hlCoin().equals(token) || k.symbol().equals(token)) {
                id = t.getKey();
                coin = k.hlCoin();
            }
            if (k.hlCoin().equals("SOL")) {
                solId = t.getKey();
            }
        }
        if (id < 0) {
            List<String> some = new ArrayList<>();
            for (Token k : tokens.values()) {
                if (some.size() < 8) {
                    some.add(k.hlCoin());
                }
            }
            throw new ExecutionException("token", "unknown token '" + token + "' in " + reader.dir() + " ("
                    + tokens.size() + " tokens" + (some.isEmpty() ? "" : ", e.g. " + String.join(", ", some)) + ")");
        }
        SpreadBook b = strategy.book(id);
        if (pair == VenuePair.PERP_JUPITER && (b == null || b.spotPx == FixedPoint.NULL
                || (!b.depth.twoSided() && (b.perpBid == FixedPoint.NULL || b.perpAsk == FixedPoint.NULL)))) {
            throw new ExecutionException("token", coin + " has empty books in " + reader.dir()
                    + " (needs a perp book or top of book and a spot price)");
        }
        if (pair != VenuePair.PERP_JUPITER && (b == null || !b.executable(pair))) {
            throw new ExecutionException("token", coin + " has no " + VenuePair.name(pair) + " prices in "
                    + reader.dir() + " (needs both legs: a Hyperliquid spot book for a token with a spot pair)");
        }
        SpreadBook sol = solId < 0 ? null : strategy.book(solId);
        double solUsd = sol == null || sol.spotPx == FixedPoint.NULL ? Double.NaN
                : FixedPoint.toDouble(sol.spotPx, FixedPoint.PRICE_DECIMALS);
        return MarketSnapshot.of(coin, b, ladderOf(b), solUsd, pair);
    }

    /**
     * The token's Jupiter quote ladder as the fold keeps it (the spot feed's SpotQuote records
     * fill it); an empty ladder makes the spot leg fall back to the impact model.
     */
    static QuoteLadder ladderOf(SpreadBook b) {
        return b.ladder;
    }
}
