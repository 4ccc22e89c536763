package io.perpspot.engine.exec;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Monte Carlo of executing one basis trade. Each path:
 * <ol>
 * <li>samples both legs' latencies (they are sent together at time 0);</li>
 * <li>decides whether each leg fills: in time (within the template's max latency) and not
 *     failed (each leg's failure probability);</li>
 * <li>moves the price along one geometric Brownian motion {@code S(t) = S₀·exp((μ − σ²/2)t + σW(t))}
 *     shared by both venues (the basis is the spread between them, the common move is the
 *     risk of the delay), so each leg fills at its deterministic executable price times the
 *     move up to its own latency;</li>
 * <li>both filled: the hedged P&amp;L of {@link ExecutionModel} with the moved entry prices
 *     (exit, fees, gas, funding as in the estimate); one filled: the naked leg is unwound once
 *     the other is known to have failed, after one more latency of its own venue, at the
 *     moved mid and its exit slippage, paying that leg's fees twice (and the failed swap's
 *     gas); none filled: the failed swap's gas.</li>
 * </ol>
 * With zero latency and zero volatility every path equals the estimate's net edge.
 *
 * <p>Each leg's fee, latency and failure chance are those of the estimate's venue pair
 * ({@link ExecutionParams#forPair}). On {@code hlspot-jupiter} a filled pair of legs also pays the estimate's
 * transfer cost (Unit's fee and the price risk of the bridge's delay, as the estimate priced it): the paths'
 * latencies are the orders', not the bridge's, whose minutes no template's max latency would allow.
 *
 * <p>Reproducible: paths are cut into fixed chunks of {@link #CHUNK}; chunk {@code c} draws from
 * the {@code c}-th {@link SplittableRandom#split()} of {@code new SplittableRandom(seed)} and
 * writes its paths by index, so the result depends on the seed alone, not on the thread count.
 * The path loop allocates nothing.
 */
public final class MonteCarlo {
    /** Paths per chunk (one random stream each). */
    public static final int CHUNK = 4096;
    /** Most paths per run. */
    public static final int MAX_PATHS = 10_000_000;

    /** Outcome counters. */
    public static final int BOTH = 0;
    public static final int PERP_ONLY = 1;
    public static final int SPOT_ONLY = 2;
    public static final int NONE = 3;

    private final int sign;
    private final double q;
    private final double perpIn;
    private final double spotIn;
    private final double perpRef;
    private final double spotRef;
    private final double perpExitSlip;
    private final double spotExitSlip;
    private final double exitUsd;
    private final double feesUsd;
    private final double perpFeeUsd;
    private final double spotFeeUsd;
    private final double gasTxUsd;
    private final double carryUsd;
    private final LatencySampler perpLatency;
    private final LatencySampler spotLatency;
    private final double perpFail;
    private final double spotFail;
    private final long maxLatencyNanos;
    private final double sigma;
    private final double muAdj;

    /** The paths' results. {@code pnlUsd[i]} and {@code executionSeconds[i]} belong to path i. */
    public record Outcome(double[] pnlUsd, double[] executionSeconds, long[] fills) {
        /** Paths on which both legs filled. */
        public long both() {
            return fills[BOTH];
        }

        /** Paths on which only the perp leg filled (then unwound). */
        public long perpOnly() {
            return fills[PERP_ONLY];
        }

        /** Paths on which only the spot leg filled (then unwound). */
        public long spotOnly() {
            return fills[SPOT_ONLY];
        }

        /** Paths on which neither leg filled (only the failed swap's gas is paid). */
        public long none() {
            return fills[NONE];
        }
    }

    /**
     * @param sigmaPerSqrtSecond volatility of the price during the delays
     * @param maxLatencyNanos    a leg slower than this does not fill (≤ 0: no limit)
     */
    public MonteCarlo(ExecutionEstimate e, ExecutionParams params, double sigmaPerSqrtSecond, long maxLatencyNanos) {
        ExecutionParams p = params.forPair(e.pair());
        if (!(sigmaPerSqrtSecond >= 0) || Double.isInfinite(sigmaPerSqrtSecond)) {
            throw new ExecutionException("volatility", "must be a finite number >= 0, got " + sigmaPerSqrtSecond);
        }
        sign = e.direction().sign();
        q = e.quantity();
        perpIn = e.perpEntry().price();
        spotIn = e.spotEntry().price();
        perpRef = e.perpEntry().refPrice();
        spotRef = e.spotEntry().refPrice();
        perpExitSlip = e.perpExit().slippageBps() / 10_000.0;
        spotExitSlip = e.spotExit().slippageBps() / 10_000.0;
        exitUsd = ExecutionModel.exitUsd(sign, q, spotRef, e.exitBasisBps() / 10_000.0, perpExitSlip, spotExitSlip);
        double n = e.notionalUsd();
        feesUsd = (e.perpFeesBps() + e.spotFeesBps() + e.transferCostBps()) / 10_000.0 * n;
        perpFeeUsd = p.perpFeeBps() / 10_000.0 * n;
        spotFeeUsd = p.spotFeeBps() / 10_000.0 * n;
        gasTxUsd = e.gasUsd() / 2;
        carryUsd = ExecutionModel.carryUsd(sign, e.fundingHourly(), e.holdingHours(), n);
        perpLatency = p.perpLatency();
        spotLatency = p.spotLatency();
        perpFail = p.perpFailProbability();
        spotFail = p.spotFailProbability();
        this.maxLatencyNanos = maxLatencyNanos;
        sigma = sigmaPerSqrtSecond;
        double mu = p.driftAnnual() / ExecutionParams.SECONDS_PER_YEAR;
        muAdj = mu - sigma * sigma / 2;
    }

    /**
     * Runs {@code paths} paths.
     *
     * @throws ExecutionException naming {@code paths} outside [1, {@link #MAX_PATHS}] or {@code threads} below 1
     */
    public Outcome run(int paths, long seed, int threads) {
        if (paths < 1 || paths > MAX_PATHS) {
            throw new ExecutionException("paths", "must be in [1, " + MAX_PATHS + "], got " + paths);
        }
        if (threads < 1) {
            throw new ExecutionException("threads", "must be >= 1, got " + threads);
        }
        double[] pnl = new double[paths];
        double[] time = new double[paths];
        int chunks = (paths + CHUNK - 1) / CHUNK;
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] rngs = new SplittableRandom[chunks];
        for (int c = 0; c < chunks; c++) {
            rngs[c] = root.split();
        }
        long[] counts = new long[chunks * 4];
        if (threads == 1 || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                chunk(rngs[c], c, paths, pnl, time, counts);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, chunks), r -> {
                Thread t = new Thread(r, "perpspot-montecarlo");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<?>[] fs = new Future<?>[chunks];
                for (int c = 0; c < chunks; c++) {
                    int cc = c;
                    fs[c] = pool.submit(() -> chunk(rngs[cc], cc, paths, pnl, time, counts));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Monte Carlo interrupted", ex);
            } catch (java.util.concurrent.ExecutionException ex) { // qualified: exec.ExecutionException is ours
                throw new IllegalStateException("Monte Carlo failed: " + ex.getCause(), ex.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        long[] fills = new long[4];
        for (int c = 0; c < chunks; c++) {
            for (int k = 0; k < 4; k++) {
                fills[k] += counts[c * 4 + k];
            }
        }
        return new Outcome(pnl, time, fills);
    }

    /** Runs the paths of chunk {@code c} into the arrays; allocation-free. */
    public void chunk(SplittableRandom rng, int c, int paths, double[] pnl, double[] time, long[] counts) {
        int from = c * CHUNK;
        int to = Math.min(paths, from + CHUNK);
        int base = c * 4;
        for (int i = from; i < to; i++) {
            long lpN = perpLatency.sampleNanos(rng);
            long lsN = spotLatency.sampleNanos(rng);
            boolean pInTime = maxLatencyNanos <= 0 || lpN <= maxLatencyNanos;
            boolean sInTime = maxLatencyNanos <= 0 || lsN <= maxLatencyNanos;
            boolean pOk = pInTime && (perpFail == 0 || rng.nextDouble() >= perpFail);
            boolean sOk = sInTime && (spotFail == 0 || rng.nextDouble() >= spotFail);
            double lp = lpN * 1e-9;
            double ls = lsN * 1e-9;
            boolean perpFirst = lp <= ls;
            double t1 = perpFirst ? lp : ls;
            double t2 = perpFirst ? ls : lp;
            double w1 = 0;
            double w2 = 0;
            if (sigma > 0) {
                w1 = sigma * Math.sqrt(t1) * Gaussian.next(rng);
                w2 = w1 + sigma * Math.sqrt(t2 - t1) * Gaussian.next(rng);
            }
            double wp = perpFirst ? w1 : w2;
            double ws = perpFirst ? w2 : w1;
            if (pOk && sOk) {
                double gp = Math.exp(muAdj * lp + wp);
                double gs = Math.exp(muAdj * ls + ws);
                pnl[i] = sign * q * (perpIn * gp - spotIn * gs) + exitUsd - feesUsd - 2 * gasTxUsd + carryUsd;
                time[i] = t2;
                counts[base + BOTH]++;
            } else if (pOk) {
                double known = sInTime ? ls : maxLatencyNanos * 1e-9;
                double tu = Math.max(known, lp) + perpLatency.sampleNanos(rng) * 1e-9;
                double wu = sigma > 0 ? wp + sigma * Math.sqrt(tu - lp) * Gaussian.next(rng) : 0;
                double gp = Math.exp(muAdj * lp + wp);
                double gu = Math.exp(muAdj * tu + wu);
                pnl[i] = sign * q * (perpIn * gp - perpRef * gu * (1
                        + sign * perpExitSlip)) - 2 * perpFeeUsd - gasTxUsd;
                time[i] = tu;
                counts[base + PERP_ONLY]++;
            } else if (sOk) {
                double known = pInTime ? lp : maxLatencyNanos * 1e-9;
                double tu = Math.max(known, ls) + spotLatency.sampleNanos(rng) * 1e-9;
                double wu = sigma > 0 ? ws + sigma * Math.sqrt(tu - ls) * Gaussian.next(rng) : 0;
                double gs = Math.exp(muAdj * ls + ws);
                double gu = Math.exp(muAdj * tu + wu);
                pnl[i] = sign * q * (spotRef * gu * (1 - sign * spotExitSlip) - spotIn * gs) - 2 * spotFeeUsd - 2 *
                        gasTxUsd;
                time[i] = tu;
                counts[base + SPOT_ONLY]++;
            } else {
                pnl[i] = -gasTxUsd;
                time[i] = Math.max(pInTime ? lp : maxLatencyNanos * 1e-9, sInTime ? ls : maxLatencyNanos * 1e-9);
                counts[base + NONE]++;
            }
        }
    }
}
