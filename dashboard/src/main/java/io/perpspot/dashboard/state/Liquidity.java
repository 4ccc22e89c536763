package io.perpspot.dashboard.state;

/**
 * What each venue takes within a slippage band on an opportunity's entry sides, on the state at its record
 * ({@link io.perpspot.engine.exec.BandDepth}).
 *
 * @param bandBps the band, in bps of slippage from the venue's mid (the green band's limit)
 * @param perpUsd USD the Hyperliquid side takes within it (the L2 book walk, else the impact model)
 * @param spotUsd USD the Jupiter side takes within it (the quote ladder, else the impact model)
 */
public record Liquidity(double bandBps, Double perpUsd, Double spotUsd) {
}
