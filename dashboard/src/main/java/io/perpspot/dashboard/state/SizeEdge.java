package io.perpspot.dashboard.state;

/**
 * The execution model's profit of an opportunity at one overview size, on the state at its record.
 *
 * @param usd       notional in USD
 * @param profitUsd net edge after every cost (entry and exit slippage, fees, gas, funding over the holding
 *                  horizon); null when the size is beyond the known depth or a venue has no price
 * @param roiPct    that profit over the notional, in percent
 */
public record SizeEdge(long usd, Double profitUsd, Double roiPct) {
}
