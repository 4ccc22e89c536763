package io.perpspot.tools.read;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * How fresh the spot leg was, derived from what the journal already holds (no engine record of its own).
 *
 * <p><b>Spot age</b>: at each perp event of a token, that event's receive time minus the receive time of
 * the token's latest Jupiter Price API record ({@code jupiter-price}). Perp events before a token's first
 * Jupiter price are counted apart ({@link #perpWithoutSpot}), not given an age.
 *
 * <p><b>Ladder age at near-signal moments</b>: at each Spread output record whose |z| is at least
 * {@code nearAbsZ} (the token is near a signal), the record's time minus the receive time of the token's
 * latest Jupiter quote rung ({@code jupiter-quote}); a near-signal Spread before any rung of its token
 * counts apart. A ladder is counted at each BUY rung of the token's smallest notional.
 *
 * <pre>
 *   input pass:  SpotPrice(jupiter-price) ─▶ lastSpot[token]      PerpEvent ─▶ age = recv − lastSpot[token]
 *                SpotQuote(jupiter-quote) ─▶ quote times[token]   (per token and all tokens: HdrHistogram, µs)
 *   output pass: Spread |z| ≥ nearAbsZ    ─▶ ladder age = time − latest quote time ≤ it
 * </pre>
 *
 * Percentiles come from HdrHistograms in microseconds at 3 significant digits (0.1 %); counts and maxima are
 * exact. Feed the input records first ({@link #onInput}), then the output records ({@link #onOutput}).
 */
public final class SpotFreshness {
    /**
     * |z| at or above which a Spread counts as near a signal: three quarters of the shipped
     * {@code strategy.entry.min-abs-z} 2, as the quote scheduler's near-signal nearness 0.75.
     */
    public static final double NEAR_ABS_Z = 1.5;
    private static final long NEVER = Long.MIN_VALUE;

    /** Counts, percentiles and maximum of ages, in nanoseconds (percentiles within 0.1 %). */
    public record Ages(long count, long p50, long p99, long max) {
        /** No age recorded. */
        public static final Ages NONE = new Ages(0, 0, 0, 0);

        static Ages of(Histogram h, long max) {
            if (h.getTotalCount() == 0) {
                return NONE;
            }
            return new Ages(h.getTotalCount(), h.getValueAtPercentile(50) * 1000,
                    Math.min(max, h.getValueAtPercentile(99) * 1000), max);
        }
    }

    /** One token's figures: spot age at its perp events, ladders seen, ladder age when it was near a signal. */
    public record TokenFreshness(int tokenId, String symbol, Ages spotAge, long ladders, Ages nearSignalLadderAge) {
    }

    /** Ages of one kind, of one token or of all: a histogram (µs) and the exact maximum (ns). */
    private static final class Series {
        private final Histogram histogram = new Histogram(3_600_000_000L, 3);
        private long max;

        static Series add(Series s, long ageNanos) {
            Series to = s == null ? new Series() : s;
            to.histogram.recordValue(Math.min(to.histogram.getHighestTrackableValue(), ageNanos / 1000));
            to.max = Math.max(to.max, ageNanos);
            return to;
        }

        static Ages ages(Series s) {
            return s == null ? Ages.NONE : Ages.of(s.histogram, s.max);
        }
    }

    private final double nearAbsZ;
    private Series all;
    private Series nearAll;
    private long perpWithoutSpot;
    private long priceAnswers;
    private long lastPriceRecv = NEVER;
    private long quoteRungs;
    private final BitSet nearTokens = new BitSet();
    private final BitSet nearNow = new BitSet();
    private final Histogram nearAtOnce = new Histogram(1_000_000L, 3);
    private long nextNearSample = NEVER;
    private long nearWithoutQuote;
    private long[] lastSpot = new long[0];
    private Series[] byToken = new Series[0];
    private long[][] quoteTimes = new long[0][];
    private int[] quoteCount = new int[0];
    private long[] minNotional = new long[0];
    private long[] ladders = new long[0];
    private Series[] nearByToken = new Series[0];

    /** Near-signal at {@link #NEAR_ABS_Z}. */
    public SpotFreshness() {
        this(NEAR_ABS_Z);
    }

    /** Near-signal Spreads are those with |z| at least {@code nearAbsZ}. */
    public SpotFreshness(double nearAbsZ) {
        this.nearAbsZ = nearAbsZ;
    }

    private void slot(int id) {
        if (id < lastSpot.length) {
            return;
        }
        int n = Math.max(id + 1, lastSpot.length * 2);
        int old = lastSpot.length;
        lastSpot = Arrays.copyOf(lastSpot, n);
        Arrays.fill(lastSpot, old, n, NEVER);
        byToken = Arrays.copyOf(byToken, n);
        quoteTimes = Arrays.copyOf(quoteTimes, n);
        quoteCount = Arrays.copyOf(quoteCount, n);
        minNotional = Arrays.copyOf(minNotional, n);
        ladders = Arrays.copyOf(ladders, n);
        nearByToken = Arrays.copyOf(nearByToken, n);
    }

    /** One input record, in journal order. */
    public void onInput(MarketEvent e) {
        int id = e.tokenId;
        if (id < 0) {
            return;
        }
        slot(id);
        if (e.type == EventType.SPOT_PRICE && e.source == Source.JUPITER_PRICE) {
            lastSpot[id] = e.recvNanos;
            if (e.recvNanos != lastPriceRecv) {
                // The prices of one answer share its receive time.
                priceAnswers++;
                lastPriceRecv = e.recvNanos;
            }
        } else if (EventType.isPerp(e.type)) {
            if (lastSpot[id] == NEVER) {
                perpWithoutSpot++;
                return;
            }
            long age = Math.max(0, e.recvNanos - lastSpot[id]);
            byToken[id] = Series.add(byToken[id], age);
            all = Series.add(all, age);
        } else if (e.type == EventType.SPOT_QUOTE && e.source == Source.JUPITER_QUOTE) {
            onQuote(id, e);
        }
    }

    private void onQuote(int id, MarketEvent e) {
        quoteRungs++;
        if (quoteTimes[id] == null) {
            quoteTimes[id] = new long[16];
        } else if (quoteCount[id] == quoteTimes[id].length) {
            quoteTimes[id] = Arrays.copyOf(quoteTimes[id], quoteCount[id] * 2);
        }
        quoteTimes[id][quoteCount[id]++] = e.recvNanos;
        if (e.quoteSide == QuoteSide.BUY) {
            if (minNotional[id] == 0 || e.quoteNotionalUsd < minNotional[id]) {
                minNotional[id] = e.quoteNotionalUsd;
                ladders[id] = 0;
            }
            if (e.quoteNotionalUsd == minNotional[id]) {
                ladders[id]++;
            }
        }
    }

    /** One output record, in journal order (after every input record). */
    public void onOutput(OutputRecord r) {
        // The perp-jupiter z says how near a token is to the signal Jupiter's quote ladders serve.
        if (r.type != OutputType.SPREAD || r.pair != 0 || r.tokenId < 0) {
            return;
        }
        boolean near = Math.abs(r.z) >= nearAbsZ;
        nearNow.set(r.tokenId, near);
        if (nextNearSample == NEVER || r.timeNanos >= nextNearSample) {
            // Once a second (of spread time): how many tokens are near a signal by their latest spread.
            nearAtOnce.recordValue(nearNow.cardinality());
            nextNearSample = r.timeNanos + 1_000_000_000L;
        }
        if (!near) {
            return;
        }
        int id = r.tokenId;
        slot(id);
        nearTokens.set(id);
        long latest = latestQuoteAtOrBefore(id, r.timeNanos);
        if (latest == NEVER) {
            nearWithoutQuote++;
            return;
        }
        long age = Math.max(0, r.timeNanos - latest);
        nearByToken[id] = Series.add(nearByToken[id], age);
        nearAll = Series.add(nearAll, age);
    }

    private long latestQuoteAtOrBefore(int id, long t) {
        long[] times = quoteTimes[id];
        if (times == null) {
            return NEVER;
        }
        int i = Arrays.binarySearch(times, 0, quoteCount[id], t);
        int at = i >= 0 ? i : -i - 2;
        return at < 0 ? NEVER : times[at];
    }

    /** |z| at or above which a Spread counts as near a signal. */
    public double nearAbsZ() {
        return nearAbsZ;
    }

    /** Spot age over every perp event of every token. */
    public Ages spotAge() {
        return Series.ages(all);
    }

    /** Ladder age over every near-signal Spread of every token. */
    public Ages nearSignalLadderAge() {
        return Series.ages(nearAll);
    }

    /** Price API answers journaled: runs of jupiter-price records with one receive time. */
    public long priceAnswers() {
        return priceAnswers;
    }

    /**
     * How many tokens were near a signal at once (by each token's latest spread), sampled once a second of
     * spread time: p50, p99 and max as {@link Ages} fields (counts, not nanoseconds).
     */
    public Ages nearSignalAtOnce() {
        return nearAtOnce.getTotalCount() == 0 ? Ages.NONE : new Ages(nearAtOnce.getTotalCount(),
                nearAtOnce.getValueAtPercentile(50), nearAtOnce.getValueAtPercentile(99), nearAtOnce.getMaxValue());
    }

    /** Tokens that were near a signal at least once. */
    public int nearSignalTokens() {
        return nearTokens.cardinality();
    }

    /** Quote rungs journaled (one per answered quote request). */
    public long quoteRungs() {
        return quoteRungs;
    }

    /** Perp events of a token that had no Jupiter price yet. */
    public long perpWithoutSpot() {
        return perpWithoutSpot;
    }

    /** Near-signal Spreads of a token that had no Jupiter quote rung yet. */
    public long nearSignalWithoutQuote() {
        return nearWithoutQuote;
    }

    /** Every token with a spot age or a ladder, worst p99 spot age first; {@code symbols} names an id. */
    public List<TokenFreshness> tokens(IntFunction<String> symbols) {
        List<TokenFreshness> out = new ArrayList<>();
        for (int id = 0; id < lastSpot.length; id++) {
            if (byToken[id] == null && ladders[id] == 0 && nearByToken[id] == null) {
                continue;
            }
            out.add(new TokenFreshness(id, symbols.apply(id), Series.ages(byToken[id]), ladders[id],
                    Series.ages(nearByToken[id])));
        }
        out.sort(Comparator.comparingLong((TokenFreshness t) -> t.spotAge().p99()).reversed()
                .thenComparingInt(TokenFreshness::tokenId));
        return out;
    }
}
