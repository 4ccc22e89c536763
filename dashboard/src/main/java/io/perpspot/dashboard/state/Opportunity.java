package io.perpspot.dashboard.state;

import java.util.List;

/**
 * One opportunity the strategy journaled, with both legs' executable slippage by size in its
 * direction on the market state at that record.
 *
 * @param seq       the output record's journal index (a browser resumes after it)
 * @param pair      the venue pair ({@code perp-jupiter}, {@code perp-hlspot}, {@code hlspot-jupiter}); {@code
 *                  direction} is named on it ({@code short-perp/long-hlspot}, ...), {@code perp} is its leg A's
 *                  price and {@code spot} its leg B's
 * @param slippage  both legs' entry slippage by size; empty, like {@code edge}, and {@code liquidity} null, on a
 *                  pair other than perp-jupiter: the execution model prices the perp and Jupiter legs only
 * @param edge      the execution model's profit and ROI per overview size on that state
 * @param liquidity what each venue's entry side takes within the green band on that state
 */
public record Opportunity(long seq, long timeMs, String symbol, String pair, String direction, String spot, String perp,
                          Double grossBps, Double netBps, Double feesBps, Double z, Double basisBps,
                          List<SizeSlippage> slippage, List<SizeEdge> edge,
                          Liquidity liquidity) {
}
