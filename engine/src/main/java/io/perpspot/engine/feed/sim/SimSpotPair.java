package io.perpspot.engine.feed.sim;

/**
 * A Hyperliquid spot pair of the simulated world ({@code @142}: UBTC/USDC), quoted in USDC against the
 * perp of {@link #perp}: its price per token is the perp's mid per token times {@code 1 + basis/10,000},
 * where the spot-vs-perp basis (bps) is its own Ornstein-Uhlenbeck process (mean -3..+3, stationary std
 * 2-5, half-life about 7 s): a small mean-reverting spread, as between a Unit token and its perp. Books
 * are thinner than the perp's. State is written by {@link SimMarket} under its lock.
 */
final class SimSpotPair {
    /** The pair's WebSocket / info coin: {@code @index}. */
    final String name;
    /** The pair's index in spotMeta's universe. */
    final int index;
    /** The base token's spotMeta entry. */
    final String baseName;
    final int baseIndex;
    final int szDecimals;
    final int weiDecimals;
    final SimAsset perp;
    final double basisMeanBps;
    final double basisStdBps;
    final double levelNotionalUsd;
    /** The current spot-vs-perp basis in bps. */
    double basisBps;

    SimSpotPair(int index, String baseName, int baseIndex, int szDecimals, SimAsset perp, double basisMeanBps,
                double basisStdBps, double levelNotionalUsd) {
        this.name = "@" + index;
        this.index = index;
        this.baseName = baseName;
        this.baseIndex = baseIndex;
        this.szDecimals = szDecimals;
        this.weiDecimals = Math.max(szDecimals, 8);
        this.perp = perp;
        this.basisMeanBps = basisMeanBps;
        this.basisStdBps = basisStdBps;
        this.levelNotionalUsd = levelNotionalUsd;
        this.basisBps = basisMeanBps;
    }

    /** The spot mid per token (USDC). */
    double mid() {
        return perp.perpMid() / perp.multiplier() * (1 + basisBps / 10_000);
    }
}
