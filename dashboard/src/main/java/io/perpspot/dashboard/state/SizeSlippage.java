package io.perpspot.dashboard.state;

/**
 * Entry slippage of both legs of a trade at one overview size: the worse leg's bps and band, and
 * each leg's side, bps and price source ({@code book}, {@code ladder}, {@code model}; null when the
 * venue has no price). A bps of null with {@code beyondBook} is a size beyond the known depth.
 *
 * @param usd       notional in USD
 * @param direction the trade's direction label ({@code long-perp/short-spot}, ...)
 * @param band      the worse leg's band name ({@link io.perpspot.dashboard.core.SlippageBands})
 */
public record SizeSlippage(long usd, String direction, Double bps, boolean beyondBook, String band, String perpSide,
                           Double perpBps, String perpSource, String spotSide, Double spotBps, String spotSource) {
}
