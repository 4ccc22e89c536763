package io.perpspot.dashboard.state;

import static io.perpspot.dashboard.state.JsonFigures.ms;
import static io.perpspot.dashboard.state.JsonFigures.num;

import io.perpspot.dashboard.core.SlippageBands;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.exec.BandDepth;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.ExecutionException;
import io.perpspot.engine.exec.ExecutionModel;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.LegQuote;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.exec.SlippageBand;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Executable slippage by size, projected through the engine's own pricing. The input is folded
 * through the engine's {@link Strategy} (its derived records are discarded: the output queue holds
 * them), so each token's {@link SpreadBook} — L2 book, Jupiter quote ladder, basis window,
 * volatility — is at hand for {@link ExecutionModel#legQuote}, the pricing {@code perpspot simulate}
 * uses: Hyperliquid by the book walk, Jupiter by the ladder, each falling back to the impact model
 * where the journal holds no depth; coloured by the engine's {@code SlippageBand}.
 */
final class SlippageProjection {
    /** The notionals the overview offers, in USD. */
    static final double[] SIZES_USD = {100, 1_000, 10_000, 50_000};
    /** The notionals of the token page's slippage-by-size curve, in USD. */
    static final double[] CURVE_SIZES_USD = {100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000};

    private final Strategy strategy = new Strategy(r -> {
    });
    private final ExecutionModel model;

    SlippageProjection(ExecutionParams execution) {
        this.model = new ExecutionModel(execution);
    }

    /** Folds one input record into the strategy's books. */
    void onInput(MarketEvent e) {
        strategy.onEvent(e);
    }

    /** A copy of a token's strategy state for the execution model, or null before it has one in this run. */
    MarketSnapshot snapshot(String symbol, int tokenId, double solUsd) {
        SpreadBook b = tokenId < 0 ? null : strategy.book(tokenId);
        return b == null ? null : MarketSnapshot.of(symbol, b, b.ladder, solUsd);
    }

    /** Entry slippage of both legs of a trade in direction {@code d}, per overview size. */
    List<SizeSlippage> sizes(MarketSnapshot m, Direction d) {
        boolean buyPerp = d == Direction.LONG_PERP_SHORT_SPOT;
        List<SizeSlippage> l = new ArrayList<>(SIZES_USD.length);
        for (double usd : SIZES_USD) {
            LegQuote perp = m == null ? null : model.legQuote(m, true, buyPerp, usd);
            LegQuote spot = m == null ? null : model.legQuote(m, false, !buyPerp, usd);
            double perpBps = ExecutionModel.slippageBps(m, perp, true);
            double spotBps = ExecutionModel.slippageBps(m, spot, false);
            // The worse leg decides; a leg without a price (NaN) does not.
            double worst = Double.isNaN(perpBps) ? spotBps
                    : Double.isNaN(spotBps) ? perpBps : Math.max(perpBps, spotBps);
            l.add(new SizeSlippage((long) usd, d.label(), num(worst), worst == Double.POSITIVE_INFINITY,
                    SlippageBands.band(worst), buyPerp ? "buy" : "sell", num(perpBps), source(perp),
                    buyPerp ? "sell" : "buy", num(spotBps), source(spot)));
        }
        return l;
    }

    /**
     * The execution model's net profit and ROI of a trade in direction {@code d}, per overview size, held over
     * the configured horizon ({@code execution.holding-horizon}); null figures where the model cannot price it.
     */
    List<SizeEdge> edges(MarketSnapshot m, Direction d) {
        List<SizeEdge> l = new ArrayList<>(SIZES_USD.length);
        for (double usd : SIZES_USD) {
            Double profit = null;
            if (m != null) {
                try {
                    profit = num(model.estimate(m, d, usd, model.params().holdingHours()).netEdgeUsd());
                } catch (ExecutionException beyondDepthOrNoPrice) {
                    profit = null;
                }
            }
            l.add(new SizeEdge((long) usd, profit, profit == null ? null : num(profit / usd * 100)));
        }
        return l;
    }

    /** What both entry sides of direction {@code d} take within the green band (null figures without a state). */
    Liquidity liquidity(MarketSnapshot m, Direction d) {
        double band = SlippageBand.GREEN_MAX_BPS;
        if (m == null) {
            return new Liquidity(band, null, null);
        }
        boolean buyPerp = d == Direction.LONG_PERP_SHORT_SPOT;
        return new Liquidity(band, num(BandDepth.usd(model, m, true, buyPerp, band)),
                num(BandDepth.usd(model, m, false, !buyPerp, band)));
    }

    /** Slippage by curve size on both venues, buying and selling, on {@code m} (null: no state yet). */
    SlippageCurve curve(String symbol, long bookNanos, long ladderNanos, MarketSnapshot m) {
        List<SlippageCurve.Point> perp = new ArrayList<>(CURVE_SIZES_USD.length);
        List<SlippageCurve.Point> spot = new ArrayList<>(CURVE_SIZES_USD.length);
        for (double usd : CURVE_SIZES_USD) {
            perp.add(point(m, true, usd));
            spot.add(point(m, false, usd));
        }
        return new SlippageCurve(symbol, ms(bookNanos), ms(ladderNanos),
                m == null ? null : new SlippageCurve.BookLevels(m.depth().levels(0), m.depth().levels(1)),
                m == null ? null : new SlippageCurve.LadderRungs(m.ladder().size(0), m.ladder().size(1)), perp, spot);
    }

    private SlippageCurve.Point point(MarketSnapshot m, boolean perp, double usd) {
        LegQuote buy = m == null ? null : model.legQuote(m, perp, true, usd);
        LegQuote sell = m == null ? null : model.legQuote(m, perp, false, usd);
        double buyBps = ExecutionModel.slippageBps(m, buy, perp);
        double sellBps = ExecutionModel.slippageBps(m, sell, perp);
        return new SlippageCurve.Point((long) usd, num(buyBps), SlippageBands.band(buyBps), source(buy),
                buyBps == Double.POSITIVE_INFINITY, num(sellBps), SlippageBands.band(sellBps), source(sell),
                sellBps == Double.POSITIVE_INFINITY);
    }

    private static String source(LegQuote q) {
        return q == null ? null : q.source().name().toLowerCase(Locale.ROOT);
    }
}
