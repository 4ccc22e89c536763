package io.perpspot.tools.read;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.latency.SourceHistograms;
import io.perpspot.engine.tokens.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Per-token analytics of a journal (for {@code journal analytics}, the backtest and the
 * dashboard), computed from one pass over each queue. What belongs to the token's venues is per token; what belongs
 * to a basis is per token and {@link VenuePair} ({@link Stats#pair}), each pair's Spread and Opportunity records apart
 * (a record before version 3 is {@code perp-jupiter}'s):
 *
 * <ul>
 * <li><b>volume</b>: market-data events by type, Hyperliquid spot books (source {@code hl-spot}) apart from the
 *     perp's; the latest {@code dayNtlVlm} of PerpCtx (Hyperliquid's rolling 24 h traded notional, USD);</li>
 * <li><b>opportunities</b> of a pair (not the refused ones) and their <b>hit rate</b>: an opportunity of direction d
 *     at event time t, basis b₀ (bps) and expected net edge e (bps) is a <i>hit</i> when some Spread record of the
 *     token and pair in (t, t + horizon] has a basis b that moved toward convergence by at least e:
 *     {@code b₀ − b ≥ e} for short A/long B (leg A rich: short-perp/long-spot on perp-jupiter),
 *     {@code b − b₀ ≥ e} for long A/short B. Otherwise it is a <i>miss</i> if the journal runs past t + horizon
 *     (its last input event time), or <i>unresolved</i>. Hit rate = hits / (hits + misses);</li>
 * <li><b>spread distribution</b> of a pair: basisBps of its Spread records: nearest-rank
 *     percentiles (the value at rank ⌈p·n⌉ of the sorted values), mean and sample standard
 *     deviation;</li>
 * <li><b>feed latency</b> of the token's events with an exchange timestamp
 *     ({@code recvNanos − exchTimeMs × 10⁶}), p50 and p99 (HdrHistogram, 3 digits);</li>
 * <li><b>expected profitability</b> of a pair: mean net edge of its opportunities (after all the pair's costs, as
 *     the detector wrote them) × hit rate, in bps per opportunity (a miss is taken as exiting flat: an optimistic
 *     first cut).</li>
 * </ul>
 *
 * Tokens are keyed by id and named by their last TokenDef. Undefined values are NaN.
 */
public final class TokenAnalytics {
    private record Opp(long timeNanos, int direction, double basisBps, double netBps) {
    }

    /** What is computed for one token on one venue pair: its opportunities, their hit rate, its basis. */
    public static final class PairStats {
        private final int pair;
        private double[] basis = new double[64];
        private long[] basisTimes = new long[64];
        private int spreads;
        private final List<Opp> opps = new ArrayList<>();
        private long hits;
        private long misses;
        private long unresolved;
        private double meanNetBps = Double.NaN;
        private double basisMean = Double.NaN;
        private double basisStd = Double.NaN;
        private double[] sorted = new double[0];

        PairStats(int pair) {
            this.pair = pair;
        }

        /** The {@link VenuePair} code. */
        public int pair() {
            return pair;
        }

        /** True when the journal holds a Spread or a tradable Opportunity of the token on this pair. */
        public boolean seen() {
            return spreads > 0 || !opps.isEmpty();
        }

        /** Opportunities, refused ones (stale or fallback legs) left out: hits + misses + unresolved. */
        public long opportunities() {
            return opps.size();
        }

        /** Opportunities whose basis converged by their net edge within the horizon. */
        public long hits() {
            return hits;
        }

        /** Opportunities that did not converge by their net edge within a horizon the journal covers. */
        public long misses() {
            return misses;
        }

        /** Opportunities that have not converged yet and whose horizon runs past the journal's last market event. */
        public long unresolved() {
            return unresolved;
        }

        /** hits / (hits + misses), NaN when no opportunity was resolved. */
        public double hitRate() {
            return hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses);
        }

        /** Mean expected net edge of the opportunities, bps. */
        public double meanNetBps() {
            return meanNetBps;
        }

        /** Sum of the opportunities' net edges, bps (0 without one): for means over several tokens. */
        public double sumNetBps() {
            double n = 0;
            for (Opp o : opps) {
                n += o.netBps();
            }
            return n;
        }

        /** Mean net edge × hit rate, bps per opportunity. */
        public double expectedBps() {
            return meanNetBps * hitRate();
        }

        /** Spread records with a basis (those the distribution is made of). */
        public int spreads() {
            return spreads;
        }

        /** Nearest-rank percentile (0 &lt; p ≤ 100) of the basis, NaN without spreads. */
        public double basisPercentile(double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
        }

        /** Mean basis of the Spread records, bps; NaN without spreads. */
        public double basisMean() {
            return basisMean;
        }

        /** Sample standard deviation (n − 1), NaN below 2 spreads. */
        public double basisStd() {
            return basisStd;
        }

        void addSpread(long t, double b) {
            if (spreads == basis.length) {
                basis = Arrays.copyOf(basis, spreads * 2);
                basisTimes = Arrays.copyOf(basisTimes, spreads * 2);
            }
            basis[spreads] = b;
            basisTimes[spreads] = t;
            spreads++;
        }

        void finish(long endNanos, long horizonNanos) {
            sorted = Arrays.copyOf(basis, spreads);
            Arrays.sort(sorted);
            if (spreads > 0) {
                double sum = 0;
                for (int i = 0; i < spreads; i++) {
                    sum += basis[i];
                }
                basisMean = sum / spreads;
                if (spreads > 1) {
                    double ss = 0;
                    for (int i = 0; i < spreads; i++) {
                        ss += (basis[i] - basisMean) * (basis[i] - basisMean);
                    }
                    basisStd = Math.sqrt(ss / (spreads - 1));
                }
            }
            double net = 0;
            for (Opp o : opps) {
                long t = o.timeNanos();
                int dir = o.direction();
                double b0 = o.basisBps();
                double edge = o.netBps();
                net += edge;
                boolean hit = false;
                // The same pair's basis only: another pair's legs converge on their own.
                for (int i = firstAfter(t); i < spreads && basisTimes[i] <= t + horizonNanos; i++) {
                    double move = dir == OutputRecord.SHORT_PERP_LONG_SPOT ? b0 - basis[i] : basis[i] - b0;
                    if (move >= edge) {
                        hit = true;
                        break;
                    }
                }
                if (hit) {
                    hits++;
                } else if (endNanos >= t + horizonNanos) {
                    misses++;
                } else {
                    unresolved++;
                }
            }
            meanNetBps = opps.isEmpty() ? Double.NaN : net / opps.size();
        }

        /** Index of the first spread strictly after {@code t} (spreads are in event-time order). */
        private int firstAfter(long t) {
            int lo = 0;
            int hi = spreads;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (basisTimes[mid] <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** Everything computed for one token. */
    public static final class Stats {
        private final int id;
        private String symbol;
        private final long[] eventsByType = new long[EventType.MAX + 1];
        private long hlSpotEvents;
        private long dayNtlVlm = FixedPoint.NULL;
        private final Histogram feedLatency =
                new Histogram(SourceHistograms.LOWEST_NANOS, SourceHistograms.HIGHEST_NANOS,
                SourceHistograms.DIGITS);
        private final PairStats[] pairs = new PairStats[VenuePair.COUNT];

        Stats(int id) {
            this.id = id;
            this.symbol = "#" + id;
            for (int p = 0; p < pairs.length; p++) {
                pairs[p] = new PairStats(p);
            }
        }

        /** The token id, as the journal's TokenDef records define it. */
        public int id() {
            return id;
        }

        /** The symbol of the token's last TokenDef, or {@code #id} when the journal defines none. */
        public String symbol() {
            return symbol;
        }

        /** The token's statistics on one {@link VenuePair}. */
        public PairStats pair(int pair) {
            return pairs[pair];
        }

        /**
         * Market-data events of one {@link EventType} from the perp's and Jupiter's sources (a PerpBbo or PerpBook of
         * Hyperliquid spot is counted by {@link #hlSpotEvents} instead).
         */
        public long events(int eventType) {
            return eventType >= 0 && eventType < eventsByType.length ? eventsByType[eventType] : 0;
        }

        /** Hyperliquid spot books (PerpBbo and PerpBook records of source hl-spot). */
        public long hlSpotEvents() {
            return hlSpotEvents;
        }

        /** All market-data events, Hyperliquid spot's included. */
        public long events() {
            long n = hlSpotEvents;
            for (int t = 0; t < eventsByType.length; t++) {
                n += EventType.isMarketData(t) ? eventsByType[t] : 0;
            }
            return n;
        }

        /** The latest 24 h traded notional in USD from PerpCtx, NaN if none. */
        public double dayNotionalUsd() {
            return dayNtlVlm == FixedPoint.NULL ? Double.NaN : dayNtlVlm / 1e6;
        }

        /** Feed-latency values recorded. */
        public long feedLatencyCount() {
            return feedLatency.getTotalCount();
        }

        /** Feed-latency percentile in nanoseconds, or -1 without values. */
        public long feedLatencyNanos(double percentile) {
            return feedLatency.getTotalCount() == 0 ? -1 : feedLatency.getValueAtPercentile(percentile);
        }

        void finish(long endNanos, long horizonNanos) {
            for (PairStats p : pairs) {
                p.finish(endNanos, horizonNanos);
            }
        }
    }

    private final Map<Integer, Stats> byId = new TreeMap<>();
    private final long horizonNanos;
    private long endNanos = Long.MIN_VALUE;

    private TokenAnalytics(long horizonNanos) {
        this.horizonNanos = horizonNanos;
    }

    /**
     * Reads the journal and computes every token's statistics.
     *
     * @param horizonNanos how long after an opportunity its basis may take to converge (> 0)
     */
    public static TokenAnalytics compute(JournalReader reader, long horizonNanos) {
        if (horizonNanos <= 0) {
            throw new IllegalArgumentException("analytics: the horizon must be > 0");
        }
        TokenAnalytics a = new TokenAnalytics(horizonNanos);
        reader.forEachInput(e -> {
            a.onInput(e);
            return true;
        });
        reader.forEachOutput((r, index) -> {
            a.onOutput(r);
            return true;
        });
        for (Map.Entry<Integer, Token> t : reader.tokens().entrySet()) {
            a.stats(t.getKey()).symbol = t.getValue().symbol();
        }
        for (Stats s : a.byId.values()) {
            s.finish(a.endNanos, horizonNanos);
        }
        return a;
    }

    private Stats stats(int id) {
        return byId.computeIfAbsent(id, Stats::new);
    }

    private void onInput(MarketEvent e) {
        if (e.type == EventType.TOKEN_DEF && e.tokenId >= 0) {
            stats(e.tokenId);
            return;
        }
        if (!EventType.isMarketData(e.type) || e.tokenId < 0) {
            return;
        }
        endNanos = Math.max(endNanos, e.recvNanos);
        Stats s = stats(e.tokenId);
        if (e.source == Source.HL_SPOT) {
            s.hlSpotEvents++;
        } else {
            s.eventsByType[e.type]++;
        }
        if (e.type == EventType.PERP_CTX && e.dayNtlVlm != FixedPoint.NULL) {
            s.dayNtlVlm = e.dayNtlVlm;
        }
        if (e.exchTimeMs > 0 && e.exchTimeMs < Long.MAX_VALUE / 1_000_000L) {
            long l = e.recvNanos - e.exchTimeMs * 1_000_000L;
            if (l >= 0 && l <= SourceHistograms.HIGHEST_NANOS) {
                s.feedLatency.recordValue(l);
            }
        }
    }

    private void onOutput(OutputRecord r) {
        if (r.tokenId < 0) {
            return;
        }
        // OutputCodec reads only the pairs this build knows, a record before v3 as perp-jupiter.
        if (r.type == OutputType.SPREAD && !Double.isNaN(r.basisBps)) {
            stats(r.tokenId).pairs[r.pair].addSpread(r.timeNanos, r.basisBps);
        } else if (r.type == OutputType.OPPORTUNITY && r.rejectReason == 0) {
            // A refused one (a stale or fallback leg) was never a signal: no hit, miss or edge.
            stats(r.tokenId).pairs[r.pair].opps.add(new Opp(r.timeNanos, r.direction, r.basisBps, r.netBps));
        }
    }

    /** Every token, by id. */
    public List<Stats> tokens() {
        return Collections.unmodifiableList(new ArrayList<>(byId.values()));
    }

    /** The token with this symbol, or null. */
    public Stats token(String symbol) {
        for (Stats s : byId.values()) {
            if (s.symbol.equalsIgnoreCase(symbol)) {
                return s;
            }
        }
        return null;
    }

    /** How long after an opportunity its basis may take to converge and still count as a hit, nanoseconds. */
    public long horizonNanos() {
        return horizonNanos;
    }

    /** Event time of the last market-data input, or Long.MIN_VALUE for none. */
    public long endNanos() {
        return endNanos;
    }
}
