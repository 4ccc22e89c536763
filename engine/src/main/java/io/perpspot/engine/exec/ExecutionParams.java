package io.perpspot.engine.exec;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigKey;
import io.perpspot.engine.config.Durations;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.VenuePair;
import java.time.Duration;

/**
 * The execution model's parameters: fees, Solana costs, the two legs' latency distributions
 * and failure chances, the fallback impact model, the holding horizon, volatility fallback,
 * Monte Carlo and risk settings. Built from configuration ({@code execution.*} and the
 * Jupiter platform fee of {@code strategy.fees}); tests change single fields with the withers.
 *
 * @param perpFeeBps       Hyperliquid fee per perp trade (tier and order type applied)
 * @param spotFeeBps       Jupiter platform fee per swap
 * @param solanaTxLamports base + priority fee of one Solana transaction
 * @param holdingHours     how long a hedged position is held (funding accrues over it)
 * @param hlSpotFeeBps     Hyperliquid spot fee per trade (taker: {@code strategy.fees.hyperliquid-spot-taker-bps})
 * @param transfer         Unit's bridge between the two spot venues ({@code strategy.transfer.*})
 *
 * <p>The perp/spot names are today's pair's. {@link #forPair} gives the parameters of another venue pair, with
 * leg A's fee, latency and failure chance in the {@code perp*} fields and leg B's in the {@code spot*} ones.
 */
public record ExecutionParams(
        double perpFeeBps,
        double spotFeeBps,
        long solanaTxLamports,
        double solUsdFallback,
        LatencySampler perpLatency,
        LatencySampler spotLatency,
        double perpFailProbability,
        double spotFailProbability,
        ImpactModel impact,
        double defaultDepthUsd,
        double ladderMaxExtrapolation,
        double holdingHours,
        double volFallbackAnnual,
        int volMinReturns,
        double driftAnnual,
        int paths,
        long seed,
        int threads,
        int histogramBins,
        double riskFreeRate,
        double hlSpotFeeBps,
        TransferCosts transfer) {

    /** Seconds in a (365-day) year, for annualised volatility and drift. */
    public static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    /**
     * The parameters of a loaded configuration: {@code execution.*} and the Jupiter platform fee of
     * {@code strategy.fees.jupiter-platform-bps}; the perp fee is looked up in {@link FeeSchedule} by tier and order
     * type.
     *
     * @throws ConfigException naming the key: impact {@code min-bps} above {@code max-bps}, a latency {@code p99} below
     *     its {@code p50}, or a malformed latency table
     */
    public static ExecutionParams from(Config c) {
        int tier = c.get(Settings.EXEC_HL_FEE_TIER);
        double perpFee = c.get(Settings.EXEC_HL_ORDER).equals("maker") ? FeeSchedule.makerBps(tier)
                : FeeSchedule.takerBps(tier);
        double min = c.get(Settings.EXEC_IMPACT_MIN_BPS);
        double max = c.get(Settings.EXEC_IMPACT_MAX_BPS);
        if (min > max) {
            throw new ConfigException("config: " + Settings.EXEC_IMPACT_MIN_BPS.name() + ": must not exceed "
                    + Settings.EXEC_IMPACT_MAX_BPS.name() + " (" + max + "), got '" + min + "'");
        }
        ImpactModel impact = new ImpactModel(ImpactModel.Kind.of(c.get(Settings.EXEC_IMPACT_MODEL)),
                c.get(Settings.EXEC_IMPACT_K), c.get(Settings.EXEC_IMPACT_AC_PERM), c.get(Settings.EXEC_IMPACT_AC_TEMP),
                min, max);
        return new ExecutionParams(
                perpFee,
                c.get(Settings.FEE_JUP_PLATFORM),
                c.get(Settings.EXEC_SOL_BASE_FEE) + c.get(Settings.EXEC_SOL_PRIORITY_FEE),
                c.get(Settings.EXEC_SOL_USD_FALLBACK),
                latency(c, Settings.EXEC_HL_LAT_P50, Settings.EXEC_HL_LAT_P99, Settings.EXEC_HL_LAT_TABLE),
                latency(c, Settings.EXEC_SOL_LAT_P50, Settings.EXEC_SOL_LAT_P99, Settings.EXEC_SOL_LAT_TABLE),
                c.get(Settings.EXEC_HL_FAIL),
                c.get(Settings.EXEC_SOL_FAIL),
                impact,
                c.get(Settings.EXEC_IMPACT_DEPTH),
                c.get(Settings.EXEC_LADDER_EXTRAPOLATION),
                c.get(Settings.EXEC_HORIZON).toNanos() / 3.6e12,
                c.get(Settings.EXEC_VOL_FALLBACK),
                c.get(Settings.EXEC_VOL_MIN_RETURNS),
                c.get(Settings.EXEC_DRIFT),
                c.get(Settings.EXEC_PATHS),
                c.get(Settings.EXEC_SEED),
                c.get(Settings.EXEC_THREADS),
                c.get(Settings.EXEC_BINS),
                c.get(Settings.EXEC_RISK_FREE),
                c.get(Settings.EXEC_HL_ORDER).equals("maker") ? FeeSchedule.SPOT_MAKER_BPS
                        : c.get(Settings.FEE_HL_SPOT_TAKER),
                new TransferCosts(c.get(Settings.TRANSFER_COST), c.get(Settings.TRANSFER_DEPOSIT_DELAY).toNanos(),
                        c.get(Settings.TRANSFER_WITHDRAWAL_DELAY).toNanos(), c.get(Settings.TRANSFER_RISK_SIGMAS)));
    }

    /**
     * The parameters of a {@link VenuePair}'s two legs: {@code perp-jupiter} is this; on {@code perp-hlspot} leg B
     * is Hyperliquid spot (its fee, Hyperliquid's latency and failure chance, no Solana transaction, no transfer);
     * on {@code hlspot-jupiter} leg A is Hyperliquid spot (its fee; Hyperliquid's latency) and the transfer applies.
     * Elsewhere the transfer is {@link TransferCosts#NONE}.
     */
    public ExecutionParams forPair(int pair) {
        return switch (pair) {
            case VenuePair.PERP_HLSPOT -> new ExecutionParams(perpFeeBps, hlSpotFeeBps, 0, solUsdFallback, perpLatency,
                    perpLatency, perpFailProbability, perpFailProbability, impact, defaultDepthUsd,
                    ladderMaxExtrapolation, holdingHours, volFallbackAnnual, volMinReturns, driftAnnual, paths, seed,
                    threads, histogramBins, riskFreeRate, hlSpotFeeBps, TransferCosts.NONE);
            case VenuePair.HLSPOT_JUPITER -> new ExecutionParams(hlSpotFeeBps, spotFeeBps, solanaTxLamports,
                    solUsdFallback, perpLatency, spotLatency, perpFailProbability, spotFailProbability, impact,
                    defaultDepthUsd, ladderMaxExtrapolation, holdingHours, volFallbackAnnual, volMinReturns,
                    driftAnnual, paths, seed, threads, histogramBins, riskFreeRate, hlSpotFeeBps, transfer);
            default -> transfer.equals(TransferCosts.NONE) ? this : withTransfer(TransferCosts.NONE);
        };
    }

    /** A copy with another transfer model (tests; {@link TransferCosts#NONE} models inventory on both venues). */
    public ExecutionParams withTransfer(TransferCosts t) {
        return new ExecutionParams(perpFeeBps, spotFeeBps, solanaTxLamports, solUsdFallback, perpLatency, spotLatency,
                perpFailProbability, spotFailProbability, impact, defaultDepthUsd, ladderMaxExtrapolation, holdingHours,
                volFallbackAnnual, volMinReturns, driftAnnual, paths, seed, threads, histogramBins, riskFreeRate,
                hlSpotFeeBps, t);
    }

    /**
     * A leg's latency from configuration: the percentile table when it is not empty
     * ({@code "0:50ms,50:200ms,99:800ms,100:2s"}), else a lognormal through p50 and p99
     * (a constant when p50 = p99; zero when both are zero).
     */
    static LatencySampler latency(Config c, ConfigKey<Duration> p50Key, ConfigKey<Duration> p99Key,
            ConfigKey<String> tableKey) {
        String table = c.get(tableKey).trim();
        if (!table.isEmpty()) {
            return parseTable(tableKey.name(), table);
        }
        long p50 = c.get(p50Key).toNanos();
        long p99 = c.get(p99Key).toNanos();
        if (p99 < p50) {
            throw new ConfigException("config: " + p99Key.name() + ": must not be below " + p50Key.name() + " ("
                    + Durations.format(c.get(p50Key)) + "), got '" + Durations.format(c.get(p99Key)) + "'");
        }
        if (p50 == p99 || p50 == 0) {
            return new ConstantLatency(p99 == p50 ? p50 : p99);
        }
        return new LognormalLatency(p50, p99);
    }

    /** Parses {@code "pct:duration,pct:duration,..."}; a bad table is a ConfigException naming the key. */
    public static EmpiricalLatency parseTable(String key, String table) {
        String[] parts = table.split(",");
        double[] pct = new double[parts.length];
        long[] nanos = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            int colon = p.indexOf(':');
            Duration d = colon > 0 ? Durations.parse(p.substring(colon + 1)) : null;
            if (d == null) {
                throw new ConfigException("config: " + key + ": expected percentile:duration pairs like 50:200ms, got '"
                        + p + "'");
            }
            try {
                pct[i] = Double.parseDouble(p.substring(0, colon).trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("config: " + key + ": expected a percentile number before ':', got '" + p
                        + "'");
            }
            nanos[i] = d.toNanos();
        }
        try {
            return new EmpiricalLatency(pct, nanos);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config: " + key + ": " + e.getMessage() + ", got '" + table + "'");
        }
    }

    /** Per-square-root-second volatility equivalent to the annual fallback. */
    public double volFallbackPerSqrtSecond() {
        return volFallbackAnnual / Math.sqrt(SECONDS_PER_YEAR);
    }

    /** Gas of one Solana transaction in USD at a SOL price. */
    public double solanaTxUsd(double solUsd) {
        return solanaTxLamports * 1e-9 * solUsd;
    }

    /** A copy with other latency distributions for the perp (Hyperliquid) and the spot (Solana) leg. */
    public ExecutionParams withLatency(LatencySampler perp, LatencySampler spot) {
        return new ExecutionParams(perpFeeBps, spotFeeBps, solanaTxLamports, solUsdFallback, perp, spot,
                perpFailProbability, spotFailProbability, impact, defaultDepthUsd, ladderMaxExtrapolation, holdingHours,
                volFallbackAnnual, volMinReturns, driftAnnual, paths, seed, threads, histogramBins, riskFreeRate,
                hlSpotFeeBps, transfer);
    }

    /** A copy with other failure probabilities per leg, each in [0, 1] (not checked here). */
    public ExecutionParams withFailProbabilities(double perp, double spot) {
        return new ExecutionParams(perpFeeBps, spotFeeBps, solanaTxLamports, solUsdFallback, perpLatency, spotLatency,
                perp, spot, impact, defaultDepthUsd, ladderMaxExtrapolation, holdingHours,
                volFallbackAnnual, volMinReturns, driftAnnual, paths, seed, threads, histogramBins, riskFreeRate,
                hlSpotFeeBps, transfer);
    }

    /** A copy with another annual drift of the Monte Carlo's price path (0.05 = 5 % a year). */
    public ExecutionParams withDrift(double annual) {
        return new ExecutionParams(perpFeeBps, spotFeeBps, solanaTxLamports, solUsdFallback, perpLatency, spotLatency,
                perpFailProbability, spotFailProbability, impact, defaultDepthUsd, ladderMaxExtrapolation, holdingHours,
                volFallbackAnnual, volMinReturns, annual, paths, seed, threads, histogramBins, riskFreeRate,
                hlSpotFeeBps, transfer);
    }

    /** A copy with another Monte Carlo thread count (the result does not depend on it). */
    public ExecutionParams withThreads(int n) {
        return new ExecutionParams(perpFeeBps, spotFeeBps, solanaTxLamports, solUsdFallback, perpLatency, spotLatency,
                perpFailProbability, spotFailProbability, impact, defaultDepthUsd, ladderMaxExtrapolation, holdingHours,
                volFallbackAnnual, volMinReturns, driftAnnual, paths, seed, n, histogramBins, riskFreeRate,
                hlSpotFeeBps, transfer);
    }
}
