package io.perpspot.alerts.rule;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.ExecutionEstimate;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.ExecutionModel;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.tokens.Token;
import java.util.HashMap;
import java.util.Map;

/**
 * The engine's own strategy state for the rules that price a trade: the input runs through a private
 * {@link Strategy} (what it derives is discarded: the output queue holds it), so each token's L2 book, quote ladder,
 * basis window and volatility are at hand for the {@link ExecutionModel}, as for the dashboard's slippage figures
 * and the backtester's template check. One per alerts file, built only when a rule needs it; the {@link Evaluator}
 * folds each input record into it once, before the rules see the record.
 */
final class TradeModel {
    private final Strategy strategy = new Strategy(r -> {
    });
    private final Map<Integer, Token> tokens = new HashMap<>();
    private final ExecutionParams params;
    private final ExecutionModel model;
    private int solId = -1;

    TradeModel(ExecutionParams params) {
        this.params = params;
        this.model = new ExecutionModel(params);
    }

    void onInput(MarketEvent e) {
        if (e.type == EventType.TOKEN_DEF) {
            Token t = EngineEvents.token(e);
            tokens.put(e.tokenId, t);
            if (t.symbol().equals("SOL")) {
                solId = e.tokenId;
            }
        }
        strategy.onEvent(e);
    }

    /** A copy of the token's state for the model, or null before it has one in this run. */
    MarketSnapshot snapshot(int tokenId) {
        return snapshot(tokenId, VenuePair.PERP_JUPITER);
    }

    /** The token's state as the legs of a venue pair, or null before both legs have a price in this run. */
    MarketSnapshot snapshot(int tokenId, int pair) {
        Token t = tokens.get(tokenId);
        SpreadBook b = t == null ? null : strategy.book(tokenId);
        if (b == null || (pair != VenuePair.PERP_JUPITER && !b.priced(pair))) {
            return null;
        }
        return MarketSnapshot.of(t.hlCoin(), b, b.ladder, solUsd(), pair);
    }

    /** One leg's entry slippage at {@code usd}: NaN without a price, +Infinity beyond the known depth. */
    double legSlippageBps(MarketSnapshot s, boolean perp, boolean buy, double usd) {
        return model.legSlippageBps(s, perp, buy, usd);
    }

    /** The model's estimate of entering {@code r}'s trade on its pair at {@code usd}; null without state or depth. */
    ExecutionEstimate estimate(OutputRecord r, double usd, double holdingHours) {
        MarketSnapshot s = snapshot(r.tokenId, r.pair);
        if (s == null) {
            return null;
        }
        try {
            return model.estimate(s, direction(r), usd, holdingHours);
        } catch (ExecutionException beyondDepth) {
            return null;
        }
    }

    /** The holding horizon templates default to ({@code execution.holding-horizon}). */
    double holdingHours() {
        return params.holdingHours();
    }

    static Direction direction(OutputRecord r) {
        return r.direction == OutputRecord.SHORT_PERP_LONG_SPOT ? Direction.SHORT_PERP_LONG_SPOT
                : Direction.LONG_PERP_SHORT_SPOT;
    }

    private double solUsd() {
        SpreadBook sol = solId < 0 ? null : strategy.book(solId);
        return sol == null || sol.spotPx == FixedPoint.NULL ? params.solUsdFallback()
                : sol.spotPx / (double) FixedPoint.PRICE_SCALE;
    }
}
