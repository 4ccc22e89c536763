package io.perpspot.engine.detect;

/**
 * The thresholds {@link ArbitrageDetector} applies. The strategy's journaled parameters
 * ({@code strategy.StrategySettings}) implement it, so the detector reads them without
 * depending on the room that owns them.
 */
public interface DetectorRules {
    /** |z| at or above which a dislocation is a signal. */
    double minAbsZ();

    /** The least net edge a signal needs, in bps: its gross executable basis minus {@link #roundTripFeesBps}. */
    double minNetEdgeBps();

    /** Round-trip fees in bps of a {@code core.VenuePair} (both legs, entry and exit); read once. */
    double roundTripFeesBps(int pair);

    /** What moving the token between the pair's venues costs, bps of the notional (0 on one venue); read once. */
    double transferCostBps(int pair);

    /**
     * How long the token bought on one venue of the pair takes to reach the other, for a trade in {@code direction}
     * ({@code OutputRecord.SHORT_PERP_LONG_SPOT}: sell leg A, buy leg B); 0 on one venue.
     */
    long transferDelayNanos(int pair, int direction);

    /** Standard deviations of the price over the transfer delay a cross-venue edge must also beat (0: none). */
    double transferRiskSigmas();

    /** A spot leg older than this (event time) feeds no statistic and refuses a signal ({@code stale-spot}). */
    long maxSpotAgeNanos();

    /**
     * A perp mid, or the bid/ask a signal would trade, older than this (event time) feeds no statistic (the mid)
     * and refuses a signal ({@code stale-perp}).
     */
    long maxPerpAgeNanos();

    /** While a signal lasts it is repeated (or its refusal written) at most this often. */
    long opportunityIntervalNanos();

    /**
     * True if prices from {@code source} (a {@code core.Source} code) may feed no statistic and make no
     * opportunity: a signal on them is refused ({@code fallback-source}).
     */
    boolean isFallback(int source);
}
