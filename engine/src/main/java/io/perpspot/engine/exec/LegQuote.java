package io.perpspot.engine.exec;

/**
 * One leg's executable price for a size, as reported.
 *
 * @param price       average execution price per token
 * @param refPrice    the venue's mid the slippage is measured from
 * @param slippageBps adverse slippage (positive = worse than the mid)
 * @param band        {@link SlippageBand} of the slippage
 * @param source      book walk, quote ladder or impact model
 * @param levels      book levels consumed (book walk only)
 */
public record LegQuote(double price, double refPrice, double slippageBps, SlippageBand band, PriceSource source,
        int levels) {
    static LegQuote of(LegFill f, boolean buy) {
        double s = f.slippageBps(buy);
        return new LegQuote(f.avgPrice, f.refPrice, s, SlippageBand.of(s), f.source, f.levels);
    }
}
