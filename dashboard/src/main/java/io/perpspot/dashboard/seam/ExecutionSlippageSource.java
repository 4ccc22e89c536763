package io.perpspot.dashboard.seam;

import java.util.Map;

/**
 * Seam to the execution model's executable slippage by size for both venues (issue 4: book walk
 * and Jupiter quote ladder). Until registered in
 * {@code META-INF/services/io.perpspot.dashboard.seam.ExecutionSlippageSource}, the token page
 * shows only the perp curve the dashboard derives from the journaled L2 book, and the spot curve
 * is reported as not available.
 */
public interface ExecutionSlippageSource {
    /**
     * Slippage in bps by notional for one token: a JSON-ready map with {@code spot} and
     * {@code perp} curves ({@code [{usd, buyBps, sellBps}]}), or null when the token is unknown to it.
     */
    Map<String, Object> curve(String symbol, double[] sizesUsd);
}
