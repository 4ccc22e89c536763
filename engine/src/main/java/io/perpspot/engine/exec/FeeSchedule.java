package io.perpspot.engine.exec;

/**
 * Hyperliquid perp fees by volume tier (base rates, before staking discounts and maker
 * rebates), from the Hyperliquid fee docs (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees),
 * and the Hyperliquid spot base tier (values only: nothing prices a spot leg yet, docs/hyperliquid-spot.md).
 */
public final class FeeSchedule {
    private static final double[] TAKER_BPS = {4.5, 4.0, 3.5, 3.0, 2.8, 2.6, 2.4};
    private static final double[] MAKER_BPS = {1.5, 1.2, 0.8, 0.4, 0.0, 0.0, 0.0};
    private static final String[] VOLUME = {"< $5M", "> $5M", "> $25M", "> $100M", "> $500M", "> $2B", "> $7B"};

    /** Hyperliquid spot taker fee, base tier (< $5M 14-day volume): 0.070 %. */
    public static final double SPOT_TAKER_BPS = 7.0;
    /** Hyperliquid spot maker fee, base tier: 0.040 %. */
    public static final double SPOT_MAKER_BPS = 4.0;

    /** Highest tier number. */
    public static final int MAX_TIER = TAKER_BPS.length - 1;

    private FeeSchedule() {
    }

    /**
     * The taker fee of a volume tier, in bps of notional.
     *
     * @throws IllegalArgumentException if {@code tier} is not in [0, {@link #MAX_TIER}]
     */
    public static double takerBps(int tier) {
        return TAKER_BPS[check(tier)];
    }

    /**
     * The maker fee of a volume tier, in bps of notional (0 from tier 4: rebates are not modelled).
     *
     * @throws IllegalArgumentException if {@code tier} is not in [0, {@link #MAX_TIER}]
     */
    public static double makerBps(int tier) {
        return MAKER_BPS[check(tier)];
    }

    /** The tier's 14-day volume bracket, e.g. {@code "< $5M"}. */
    public static String volume(int tier) {
        return VOLUME[check(tier)];
    }

    private static int check(int tier) {
        if (tier < 0 || tier > MAX_TIER) {
            throw new IllegalArgumentException("fee tier: must be in [0, " + MAX_TIER + "], got " + tier);
        }
        return tier;
    }
}
