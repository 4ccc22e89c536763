package io.perpspot.dashboard.state;

/**
 * One venue pair of a token ({@code perp-jupiter}, {@code perp-hlspot}, {@code hlspot-jupiter}; see the engine's
 * {@code VenuePair}) as the board shows it: the pair's latest Spread record and its latest tradable opportunity;
 * null wherever the journal has not said yet (a token without a Hyperliquid spot book has only perp-jupiter's).
 *
 * @param pair              the pair's name
 * @param basisBps          the latest Spread record's basis, (mid A − mid B) / mid B
 * @param z                 its z-score on the pair's own window
 * @param spreadTimeMs      that record's event time
 * @param netBps            the latest tradable opportunity's net edge (after the pair's costs)
 * @param direction         its direction, named on the pair ({@code short-perp/long-hlspot}, ...)
 * @param opportunityTimeMs its event time
 */
public record PairRow(String pair, Double basisBps, Double z, Long spreadTimeMs, Double netBps, String direction,
                      Long opportunityTimeMs) {
}
