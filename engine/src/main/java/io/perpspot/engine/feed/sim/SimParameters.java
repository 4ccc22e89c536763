package io.perpspot.engine.feed.sim;

import java.util.SplittableRandom;

/**
 * Draws the fixed parameters and the starting state of one {@link SimAsset}. Every asset draws the
 * same number of values whatever its kind, so a world is a pure function of its seed and size.
 */
final class SimParameters {
    private static final double[] POOL_FEES_BPS = {1, 2, 4, 5, 10, 25, 30};
    private static final int[] LEVERAGES = {3, 5, 5, 10, 10, 10};

    private SimParameters() {
    }

    /**
     * @param price per-token starting price in USD
     * @param known {price, vol, liquidity, level USD, leverage} of a well-known coin, or null
     */
    static void assign(SimAsset a, double price, double[] known, SplittableRandom r) {
        double vol = 0.4 + 1.1 * r.nextDouble();
        double basisMean = -5 + 20 * r.nextDouble();
        double basisStd = 1.5 + 2.5 * r.nextDouble();
        double halfLife = 20 + 40 * r.nextDouble();
        double levelUsd = SimUniverse.logUniform(r, 2_000, 40_000);
        double liquidity = SimUniverse.logUniform(r, 1e5, 3e7);
        double fee = POOL_FEES_BPS[r.nextInt(POOL_FEES_BPS.length)];
        int leverage = LEVERAGES[r.nextInt(LEVERAGES.length)];
        double open24h = price * Math.exp(0.05 * r.nextGaussian());
        double prevDay = Math.exp(0.04 * r.nextGaussian());
        double oiTurns = SimUniverse.logUniform(r, 200, 2_000);
        double volumeTurns = 0.5 + 2.5 * r.nextDouble();
        double ouStart = r.nextGaussian();
        if (known != null) {
            vol = known[1];
            liquidity = known[2] > 0 ? known[2] : liquidity;
            levelUsd = known[3] > 0 ? known[3] : levelUsd;
            leverage = (int) known[4];
        }
        double contract = price * a.multiplier();
        a.fair = price;
        a.annualVol = vol;
        a.basisMeanBps = basisMean;
        a.basisStdBps = basisStd;
        a.dislocationHalfLifeSec = halfLife;
        a.levelNotionalUsd = levelUsd;
        a.liquidityUsd = liquidity;
        a.poolFeeBps = fee;
        a.open24h = open24h;
        a.szDecimals = szDecimalsFor(contract);
        a.maxLeverage = leverage;
        // Tiered tables for the majors (ids above 50), plain ones share the leverage as id, like Hyperliquid.
        a.marginTableId = leverage == 40 ? 56 : leverage == 25 ? 55 : leverage;
        a.ouBps = basisMean + basisStd * ouStart;
        a.premiumEwma = a.ouBps / 10_000;
        a.prevDayPxMicros = HlNumbers.roundPx(contract * prevDay, a.szDecimals);
        a.openInterest = levelUsd * oiTurns / contract;
        a.dayNtlVlm = levelUsd * oiTurns * volumeTurns;
        a.dayBaseVlm = a.dayNtlVlm / contract;
    }

    /** Size decimals from the contract price: BTC 5, ETH 4, SOL and HYPE 2, cheap coins 0. */
    static int szDecimalsFor(double contractPrice) {
        if (contractPrice >= 10_000) {
            return 5;
        }
        if (contractPrice >= 1_000) {
            return 4;
        }
        if (contractPrice >= 10) {
            return 2;
        }
        if (contractPrice >= 1) {
            return 1;
        }
        return 0;
    }
}
