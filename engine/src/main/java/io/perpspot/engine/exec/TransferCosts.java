package io.perpspot.engine.exec;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.VenuePair;

/**
 * What moving a token between Hyperliquid and Solana (Unit's bridge) costs a {@code hlspot-jupiter} trade: the
 * network fees, and the delay during which the leg bought on one venue waits, unhedged, to be sold on the other
 * ({@code strategy.transfer.*}, docs/hyperliquid-spot.md). Never zero by default: Unit needs source-chain
 * finality (32 Solana confirmations; 5000 Hyperliquid blocks for a withdrawal).
 *
 * @param costBps               network fees of one transfer, bps of the notional
 * @param depositDelayNanos     Solana → Hyperliquid (a trade selling on Hyperliquid, buying on Jupiter)
 * @param withdrawalDelayNanos  Hyperliquid → Solana (a trade buying on Hyperliquid, selling on Jupiter)
 * @param riskSigmas            standard deviations of the price over the delay the edge must also beat
 */
public record TransferCosts(double costBps, long depositDelayNanos, long withdrawalDelayNanos, double riskSigmas) {
    /** No transfer: a pair on one venue, or inventory already held on both. */
    public static final TransferCosts NONE = new TransferCosts(0, 0, 0, 0);

    /** The delay of a trade in {@code d} on {@code hlspot-jupiter} (leg A, Hyperliquid spot, sold when short). */
    public long delayNanos(Direction d) {
        return delayNanos(d.code(), depositDelayNanos, withdrawalDelayNanos);
    }

    /**
     * The one rule of which transfer a direction ({@code OutputRecord} code) waits for: short Hyperliquid spot, long
     * Jupiter buys on Solana and deposits to sell on Hyperliquid; the other way withdraws. Shared with the detector.
     */
    public static long delayNanos(int direction, long depositDelayNanos, long withdrawalDelayNanos) {
        return direction == OutputRecord.SHORT_PERP_LONG_SPOT ? depositDelayNanos : withdrawalDelayNanos;
    }

    /** The price risk of that delay at a volatility per √second, in bps. */
    public double riskBps(Direction d, double volPerSqrtSecond) {
        return riskSigmas == 0 ? 0 : VenuePair.transferRiskBps(riskSigmas, volPerSqrtSecond, delayNanos(d));
    }
}
