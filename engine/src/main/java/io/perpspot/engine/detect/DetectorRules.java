package io.perpspot.engine.detect;

/**
 * The thresholds {@link ArbitrageDetector} applies. The strategy's journaled parameters
 * ({@code strategy.StrategySettings}) implement it, so the detector reads them without
 * depending on the room that owns them.
 */
public interface DetectorRules {
    /** |z| at or above which a dislocation is a signal. */
    double minAbsZ();

    /** The net edge (after round-trip fees) a signal needs, in bps. */
    double minNetEdgeBps();

    /** Round-trip fees in bps: both legs, entry and exit. */
    double roundTripFeesBps();

    /** A spot price older than this (event time) refuses the signal. */
    long maxSpotAgeNanos();

    /** A perp price older than this (event time) refuses the signal. */
    long maxPerpAgeNanos();

    /** While a signal lasts it is repeated (or its refusal written) at most this often. */
    long opportunityIntervalNanos();

    /** True if prices from {@code source} may never make an opportunity. */
    boolean isFallback(int source);
}
