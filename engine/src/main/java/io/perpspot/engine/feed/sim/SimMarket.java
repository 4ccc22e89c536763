package io.perpspot.engine.feed.sim;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.tokens.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded market model behind the simulated venues. Reads {@code sim.seed}, {@code sim.tokens},
 * {@code sim.tick-interval} and {@code sim.dislocation-rate}, the bundled {@code tokens.csv} and
 * the Jupiter validated token list; writes nothing outside itself.
 *
 * <p>Each {@link #step()} moves every token's fair price by a GBM increment (annualised vol
 * 40-150 % per token). The Jupiter spot price is the fair price; the Hyperliquid perp mid is
 * {@code spot × multiplier × (1 + basis/10,000)}, where the basis (bps) is a per-token
 * Ornstein-Uhlenbeck process (mean -5..+15, stationary std 1.5-4) plus Poisson dislocations of
 * ±40..150 bps that decay with a half-life of 20-60 s. Books, asset contexts and funding are
 * derived from that state. The same seed, size and number of steps give the same numbers.
 *
 * <p>Hyperliquid spot ({@link SimSpotPair}): the pairs of {@link #SPOT_BASES} whose perp is in the
 * universe trade as {@code @N} against USDC, priced off the perp with their own small basis process,
 * drawn from a random stream of their own so that the perp and Jupiter walks are those of a sim
 * without spot.
 *
 * <p>Thread-safe: every method that reads or writes state holds the market's lock, so the sim
 * event loop can step it while the engine or a test reads it.
 */
public final class SimMarket {
    private static final double SECONDS_PER_YEAR = 365.25 * 86_400;
    /** Mean-reversion speed of the OU basis, per second (about a 14 s half-life). */
    private static final double OU_THETA = 0.05;
    /** Mean-reversion speed of a spot pair's basis against its perp, per second (about a 7 s half-life). */
    private static final double SPOT_THETA = 0.1;
    /** Time constant of the premium average that drives funding. */
    private static final double PREMIUM_AVERAGE_SECONDS = 600;
    private static final double INTEREST_8H = 0.0001;
    private static final double FUNDING_CAP_HOURLY = 0.04;

    private final long seed;
    private final Duration tickInterval;
    private final double dt;
    private final double dislocationRate;
    private final SimUniverse world;
    private final Map<String, SimAsset> byCoin = new HashMap<>();
    private final Map<String, SimAsset> byMint = new HashMap<>();
    private final SplittableRandom rng;
    /** The spot pairs' own stream: adding spot leaves every perp and Jupiter number as it was. */
    private final SplittableRandom spotRng;
    private final Map<String, SimSpotPair> spotByName = new LinkedHashMap<>();
    private long steps;

    /**
     * Perp coin, spot base token name, spotMeta pair index, token index and szDecimals of the sim's
     * Hyperliquid spot pairs: Unit's UBTC, UETH, USOL (HYPE's {@code @107} and UBTC's {@code @142} as on mainnet,
     * the other indexes the sim's own: docs/hyperliquid-spot.md),
     * HYPE and Unit's UPUMP. A perp the universe lacks has no spot pair.
     */
    static final List<Object[]> SPOT_BASES = List.of(
            new Object[] {"BTC", "UBTC", 142, 197, 5},
            new Object[] {"ETH", "UETH", 151, 221, 4},
            new Object[] {"SOL", "USOL", 156, 254, 3},
            new Object[] {"HYPE", "HYPE", 107, 150, 2},
            new Object[] {"PUMP", "UPUMP", 188, 299, 0});

    /**
     * @param seed            the seed of every random draw
     * @param tokens          tradable pairs in the universe, 1..700
     * @param tickInterval    model time of one {@link #step()}
     * @param dislocationRate expected basis dislocations per token per second
     */
    public SimMarket(long seed, int tokens, Duration tickInterval, double dislocationRate) {
        if (tickInterval.isZero() || tickInterval.isNegative()) {
            throw new IllegalArgumentException("tick interval must be positive: " + tickInterval);
        }
        this.seed = seed;
        this.tickInterval = tickInterval;
        this.dt = tickInterval.toNanos() / 1e9;
        this.dislocationRate = dislocationRate;
        this.world = SimUniverse.build(seed, tokens);
        // The world used the seed for its parameters; the walk gets its own stream.
        this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (SimAsset a : world.assets) {
            if (a.hlCoin != null) {
                byCoin.put(a.hlCoin, a);
            }
            if (a.mint != null) {
                byMint.putIfAbsent(a.mint, a);
            }
        }
        this.spotRng = new SplittableRandom(seed ^ 0x51D7_5B0E_7A1CL);
        for (Object[] b : SPOT_BASES) {
            SimAsset perp = byCoin.get((String) b[0]);
            if (perp != null && perp.perpLive()) {
                SimSpotPair p = new SimSpotPair((Integer) b[2], (String) b[1], (Integer) b[3], (Integer) b[4], perp,
                        -3 + 6 * spotRng.nextDouble(), 2 + 3 * spotRng.nextDouble(), perp.levelNotionalUsd * 0.3);
                spotByName.put(p.name, p);
            }
        }
    }

    /** A market from {@code sim.seed}, {@code sim.tokens}, {@code sim.tick-interval}, {@code sim.dislocation-rate}. */
    public static SimMarket create(Config config) {
        return new SimMarket(config.get(Settings.SIM_SEED), config.get(Settings.SIM_TOKENS),
                config.get(Settings.SIM_TICK), config.get(Settings.SIM_DISLOCATION_RATE));
    }

    /** The {@code sim.seed} it was built from: the same seed gives the same world and walk. */
    public long seed() {
        return seed;
    }

    /** The simulated time of one {@link #step()} ({@code sim.tick-interval}). */
    public Duration tickInterval() {
        return tickInterval;
    }

    /** The tradable pairs, ids 0..n-1: the pairs of tokens.csv first, then the others. */
    public List<Token> universe() {
        return world.tokens;
    }

    /** The pair whose Hyperliquid coin is exactly {@code hlCoin}, or null. */
    public Token token(String hlCoin) {
        SimAsset a = byCoin.get(hlCoin);
        return a == null ? null : a.token;
    }

    /** The pair of a Solana mint, or null. */
    public Token tokenByMint(String mint) {
        SimAsset a = byMint.get(mint);
        return a == null ? null : a.token;
    }

    /** Hyperliquid perp names in {@code meta} order: the pairs, HL-only coins and delisted coins. */
    public List<String> perpCoins() {
        List<String> out = new ArrayList<>(world.meta.size());
        for (SimAsset a : world.meta) {
            out.add(a.hlCoin);
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether Hyperliquid lists the coin as delisted. */
    public boolean isDelisted(String hlCoin) {
        SimAsset a = byCoin.get(hlCoin);
        return a != null && a.kind == SimAsset.Kind.DELISTED;
    }

    /** The coin's szDecimals, or -1 for an unknown coin. */
    public int szDecimals(String hlCoin) {
        SimAsset a = byCoin.get(hlCoin);
        return a == null ? -1 : a.szDecimals;
    }

    /** Advances the model by one tick. */
    public synchronized void step() {
        double sqrtDt = Math.sqrt(dt);
        double ouDecay = Math.exp(-OU_THETA * dt);
        double ouNoise = Math.sqrt(1 - ouDecay * ouDecay);
        double jumpProbability = 1 - Math.exp(-dislocationRate * dt);
        double premiumAlpha = 1 - Math.exp(-dt / PREMIUM_AVERAGE_SECONDS);
        for (SimAsset a : world.assets) {
            double sigma = a.annualVol / Math.sqrt(SECONDS_PER_YEAR);
            a.fair *= Math.exp(-0.5 * sigma * sigma * dt + sigma * sqrtDt * rng.nextGaussian());
            if (!a.perpLive()) {
                continue;
            }
            a.ouBps = a.basisMeanBps + (a.ouBps - a.basisMeanBps) * ouDecay
                    + a.basisStdBps * ouNoise * rng.nextGaussian();
            a.dislocationBps *= Math.pow(0.5, dt / a.dislocationHalfLifeSec);
            if (rng.nextDouble() < jumpProbability) {
                double jump = 40 + 110 * rng.nextDouble();
                a.dislocationBps += rng.nextBoolean() ? jump : -jump;
            }
            // Index and mark noise: AR(1) with a stationary std of about half a basis point.
            a.oracleNoise = 0.9 * a.oracleNoise + 0.436 * 0.5e-4 * rng.nextGaussian();
            a.markNoise = 0.9 * a.markNoise + 0.436 * 0.3e-4 * rng.nextGaussian();
            double oracle = a.oracle();
            a.premiumEwma += premiumAlpha * ((a.perpMid() - oracle) / oracle - a.premiumEwma);
            a.openInterest *= Math.exp(2e-4 * sqrtDt * rng.nextGaussian());
            double traded = a.levelNotionalUsd * 0.05 * dt * (0.5 + rng.nextDouble());
            a.dayNtlVlm += traded;
            a.dayBaseVlm += traded / (a.fair * a.multiplier());
        }
        double spotDecay = Math.exp(-SPOT_THETA * dt);
        double spotNoise = Math.sqrt(1 - spotDecay * spotDecay);
        for (SimSpotPair p : spotByName.values()) {
            p.basisBps = p.basisMeanBps + (p.basisBps - p.basisMeanBps) * spotDecay
                    + p.basisStdBps * spotNoise * spotRng.nextGaussian();
        }
        steps++;
    }

    /** Steps taken since creation. */
    public synchronized long steps() {
        return steps;
    }

    /** Jupiter (spot) USD price of one Solana token. */
    public synchronized double spotPrice(Token token) {
        return pair(token).fair;
    }

    /** Model Hyperliquid mid in USD per contract (×1000 tokens for k-contracts). */
    public synchronized double perpMid(Token token) {
        return pair(token).perpMid();
    }

    /** The basis in bps: perp price per token against the spot price. */
    public synchronized double basisBps(Token token) {
        return pair(token).basisBps();
    }

    /** The hourly funding rate estimate (fraction), as {@code activeAssetCtx.funding} reports it. */
    public synchronized double fundingRate(Token token) {
        return funding(pair(token));
    }

    /**
     * Adds a dislocation of {@code bps} to a pair's basis now; it decays like a drawn one. For tests
     * and demos that need an opportunity on cue.
     */
    public synchronized void dislocate(Token token, double bps) {
        pair(token).dislocationBps += bps;
    }

    /** The perp book of a coin, {@code depth} levels a side; empty for a delisted coin, null if unknown. */
    public synchronized SimBook book(String hlCoin, int depth) {
        SimAsset a = byCoin.get(hlCoin);
        return a == null ? null : book(a, depth, 0);
    }

    /** Hyperliquid spot pair names ({@code @142}) by the perp coin they trade beside, in spotMeta order. */
    public Map<String, String> spotPairs() {
        Map<String, String> out = new LinkedHashMap<>();
        for (SimSpotPair p : spotByName.values()) {
            out.put(p.perp.hlCoin, p.name);
        }
        return out;
    }

    /** The spot book of a pair ({@code @142}), {@code depth} levels a side, or null if unknown. */
    public synchronized SimBook spotBook(String pair, int depth) {
        SimSpotPair p = spotByName.get(pair);
        return p == null ? null : spotBook(p, depth);
    }

    // ---- package-private views for the servers ------------------------------------------------

    SimSpotPair spotPair(String name) {
        return spotByName.get(name);
    }

    List<SimSpotPair> spotPairList() {
        return List.copyOf(spotByName.values());
    }

    /** A spot pair's mid now (the market's lock: its basis walks with the steps). */
    synchronized double spotMid(SimSpotPair p) {
        return p.mid();
    }

    synchronized SimBook spotBook(SimSpotPair p, int depth) {
        long key = seed * 0x9E3779B97F4A7C15L + (100_000 + p.index) * 0xC2B2AE3D27D4EB4FL + steps;
        return SimBook.generate(p.name, p.szDecimals, p.mid(), depth, 0, p.levelNotionalUsd, key);
    }

    SimAsset asset(String hlCoin) {
        return byCoin.get(hlCoin);
    }

    SimAsset assetByMint(String mint) {
        return byMint.get(mint);
    }

    List<SimAsset> metaAssets() {
        return world.meta;
    }

    /** Every asset Jupiter knows, in world order. */
    List<SimAsset> jupiterAssets() {
        List<SimAsset> out = new ArrayList<>();
        for (SimAsset a : world.assets) {
            if (a.onJupiter()) {
                out.add(a);
            }
        }
        return out;
    }

    /** A book with prices on a grid of at least {@code aggStepMicros} (nSigFigs aggregation). */
    synchronized SimBook book(SimAsset a, int depth, long aggStepMicros) {
        if (!a.perpLive()) {
            return SimBook.empty(a.hlCoin, a.szDecimals);
        }
        long key = seed * 0x9E3779B97F4A7C15L + a.index * 0xC2B2AE3D27D4EB4FL + steps;
        return SimBook.generate(a.hlCoin, a.szDecimals, a.perpMid(), depth, aggStepMicros, a.levelNotionalUsd, key);
    }

    /** The aggregation step of an l2Book subscription at the current mid, in micros (0 = none). */
    synchronized long aggregationStep(SimAsset a, Integer nSigFigs, Integer mantissa) {
        if (nSigFigs == null || !a.perpLive()) {
            return 0;
        }
        long midMicros = Math.max(1, Math.round(a.perpMid() * HlNumbers.MICROS));
        int d = HlNumbers.digits(midMicros);
        long step = d > nSigFigs ? HlNumbers.pow10(d - nSigFigs) : 1;
        return mantissa == null ? step : step * mantissa;
    }

    synchronized double usdPrice(SimAsset a) {
        return a.fair;
    }

    synchronized double priceChange24h(SimAsset a) {
        return (a.fair / a.open24h - 1) * 100;
    }

    /** The asset context of a perp (frozen, with nulls, for a delisted coin). */
    synchronized SimCtx ctx(SimAsset a) {
        if (!a.perpLive()) {
            return new SimCtx(a.hlCoin, true, a.szDecimals, 0, 0, a.prevDayPxMicros, 0, Double.NaN,
                    a.frozenOracleMicros, a.frozenMarkMicros, -1, -1, -1, 0);
        }
        SimBook b = book(a, 20, 0);
        double impactUsd = a.hlCoin.equals("BTC") || a.hlCoin.equals("ETH") ? 20_000 : 6_000;
        long impactBid = b.impactPxMicros(true, impactUsd);
        long impactAsk = b.impactPxMicros(false, impactUsd);
        long oracle = HlNumbers.roundPx(a.oracle(), a.szDecimals);
        long mark = HlNumbers.roundPx(a.perpMid() * (1 + a.markNoise), a.szDecimals);
        long midSum = b.bidCount() > 0 && b.askCount() > 0 ? b.bidPxMicros(0) + b.askPxMicros(0) : -1;
        double premium = (Math.max(impactBid - oracle, 0) - Math.max(oracle - impactAsk, 0)) / (double) oracle;
        double lot = HlNumbers.pow10(a.szDecimals);
        double oi = Math.round(a.openInterest * lot) / lot;
        double baseVlm = Math.round(a.dayBaseVlm * lot) / lot;
        return new SimCtx(a.hlCoin, false, a.szDecimals, funding(a), oi, a.prevDayPxMicros, a.dayNtlVlm, premium,
                oracle, mark, midSum, impactBid, impactAsk, baseVlm);
    }

    /** Mid of a live perp's book as (bid + ask) micros, or -1. */
    synchronized long midSumMicros(SimAsset a) {
        if (!a.perpLive()) {
            return -1;
        }
        SimBook b = book(a, 1, 0);
        return b.bidCount() > 0 && b.askCount() > 0 ? b.bidPxMicros(0) + b.askPxMicros(0) : -1;
    }

    /** A Solana slot that advances with model time (about 400 ms a slot). */
    synchronized long slot() {
        return 453_538_000L + (long) (steps * dt / 0.4);
    }

    private double funding(SimAsset a) {
        if (!a.perpLive()) {
            return 0;
        }
        // Hyperliquid: F = P + clamp(interest - P, -0.05 %, 0.05 %) per 8 h, paid hourly at F / 8.
        double p = a.premiumEwma;
        double f8h = p + Math.max(-0.0005, Math.min(0.0005, INTEREST_8H - p));
        return Math.max(-FUNDING_CAP_HOURLY, Math.min(FUNDING_CAP_HOURLY, f8h / 8));
    }

    private SimAsset pair(Token token) {
        SimAsset a = byCoin.get(token.hlCoin());
        if (a == null || a.token == null || !a.mint.equals(token.mint())) {
            throw new IllegalArgumentException("not a pair of this market: " + token);
        }
        return a;
    }
}
