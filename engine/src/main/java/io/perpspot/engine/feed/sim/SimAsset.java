package io.perpspot.engine.feed.sim;

import io.perpspot.engine.tokens.Token;

/**
 * One listing of the simulated world: its identity on each venue, its fixed parameters and its
 * mutable model state. Written only by {@link SimUniverse} (parameters) and {@link SimMarket}
 * (state, under the market's lock); read by the servers through the market.
 */
final class SimAsset {
    /** Where the asset trades. */
    enum Kind {
        /** Hyperliquid perp and Jupiter spot: a tradable pair of the universe. */
        PAIR,
        /** Hyperliquid perp only (HYPE, DOGE, kPEPE): no Solana counterpart. */
        PERP_ONLY,
        /** Delisted on Hyperliquid (acked, empty book, frozen ctx) but may still trade on Solana. */
        DELISTED,
        /** Jupiter only (USDC, USDT, RAY, ...). */
        SPOT_ONLY
    }

    // ---- identity ----------------------------------------------------------------------------
    final int index;
    final Kind kind;
    final String symbol;
    final String name;
    /** Exact Hyperliquid coin, or null when the asset has no perp listing. */
    final String hlCoin;
    /** Solana mint, or null when the asset is not on Jupiter. */
    final String mint;
    final int decimals;
    /** log10 of tokens per contract (3 for k-contracts). */
    final int multExp;
    /** The universe entry for {@link Kind#PAIR}, else null. */
    final Token token;

    // ---- fixed parameters --------------------------------------------------------------------
    int szDecimals;
    int maxLeverage;
    int marginTableId;
    /** Annualised volatility of the fair price. */
    double annualVol;
    /** Long-run mean of the basis, in bps. */
    double basisMeanBps;
    /** Stationary standard deviation of the OU part of the basis, in bps. */
    double basisStdBps;
    /** Half-life of a dislocation, in seconds. */
    double dislocationHalfLifeSec;
    /** Resting notional (USD) of the first book level; deeper levels grow from it. */
    double levelNotionalUsd;
    /** Jupiter liquidity in USD: depth of the square-root price impact of quotes. */
    double liquidityUsd;
    /** Jupiter pool fee in bps, paid on every quote through this token. */
    double poolFeeBps;
    /** Fair price 24 h ago (per token), for priceChange24h. */
    double open24h;
    /** Hyperliquid prevDayPx per contract, in micros (tick-rounded). */
    long prevDayPxMicros;
    /** Frozen Hyperliquid prices of a delisted coin (per contract, micros). */
    long frozenMarkMicros;
    long frozenOracleMicros;

    // ---- state -------------------------------------------------------------------------------
    /** Fair (spot) USD price per token. */
    double fair;
    /** Ornstein-Uhlenbeck part of the basis, bps. */
    double ouBps;
    /** Decaying dislocation part of the basis, bps. */
    double dislocationBps;
    /** Relative noise of the oracle against the fair price. */
    double oracleNoise;
    /** Relative noise of the mark against the perp mid. */
    double markNoise;
    /** Exponentially weighted premium (fraction), the input of the funding estimate. */
    double premiumEwma;
    /** Open interest in contracts. */
    double openInterest;
    /** Traded notional (USD) and contracts of the current day. */
    double dayNtlVlm;
    double dayBaseVlm;

    SimAsset(int index, Kind kind, String symbol, String name, String hlCoin, String mint, int decimals,
             int multExp, Token token) {
        this.index = index;
        this.kind = kind;
        this.symbol = symbol;
        this.name = name;
        this.hlCoin = hlCoin;
        this.mint = mint;
        this.decimals = decimals;
        this.multExp = multExp;
        this.token = token;
    }

    /** Tokens per contract. */
    double multiplier() {
        return multExp == 3 ? 1000.0 : 1.0;
    }

    boolean hasPerp() {
        return hlCoin != null;
    }

    /** Listed and trading on Hyperliquid (a book, a mid, a funding rate). */
    boolean perpLive() {
        return kind == Kind.PAIR || kind == Kind.PERP_ONLY;
    }

    boolean onJupiter() {
        return mint != null;
    }

    /** Total basis in bps: OU part plus dislocation. */
    double basisBps() {
        return ouBps + dislocationBps;
    }

    /** Model perp mid per contract. */
    double perpMid() {
        return fair * multiplier() * (1 + basisBps() / 10_000);
    }

    /** Oracle per contract: the fair price with a little index noise. */
    double oracle() {
        return fair * multiplier() * (1 + oracleNoise);
    }
}
