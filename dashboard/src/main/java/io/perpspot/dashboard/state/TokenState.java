package io.perpspot.dashboard.state;

import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.VenuePair;

/**
 * What the dashboard knows about one token (by symbol, across engine runs). Mutated by the
 * tailer thread and read by HTTP and push threads, always under the {@link MarketView} lock.
 */
final class TokenState {
    final String symbol;
    String hlCoin;
    String mint;
    int multExp;

    long spotPx = FixedPoint.NULL;
    long liquidityUsd = FixedPoint.NULL;
    int spotSource = -1;
    long spotNanos;

    long perpBid = FixedPoint.NULL;
    long perpAsk = FixedPoint.NULL;
    long perpMid = FixedPoint.NULL;
    int perpSource = -1;
    long perpNanos;

    long markPx = FixedPoint.NULL;
    long oraclePx = FixedPoint.NULL;
    long funding = FixedPoint.NULL;
    long premium = FixedPoint.NULL;
    long impactBidPx = FixedPoint.NULL;
    long impactAskPx = FixedPoint.NULL;
    long ctxNanos;

    /** Id in the current engine run (the strategy's book), -1 when the current run has not defined it. */
    int tokenId = -1;
    long bookNanos;
    long ladderNanos;

    // Hyperliquid spot, from the strategy's Spread records of the pairs that have it as a leg (perp-hlspot: its leg
    // B, the mid only; hlspot-jupiter: its leg A, bid, ask and mid), whichever is newer.
    long hlSpotBid = FixedPoint.NULL;
    long hlSpotAsk = FixedPoint.NULL;
    long hlSpotMid = FixedPoint.NULL;
    long hlSpotNanos;

    /** Per venue pair ({@link VenuePair} code): its latest Spread figures and tradable opportunity. */
    final Pair[] pairs = new Pair[VenuePair.COUNT];

    // latest strategy spread snapshot of perp-jupiter (pairs[0] holds its basis and z too)
    double basisBps = Double.NaN;
    double z = Double.NaN;
    double mean = Double.NaN;
    double std = Double.NaN;
    int samples;
    long spreadNanos;
    long opportunities;

    final History history;

    TokenState(String symbol, int historyPoints) {
        this.symbol = symbol;
        this.history = new History(historyPoints);
        for (int p = 0; p < pairs.length; p++) {
            // perp-jupiter's snapshots are the token's own history; the other pairs' come only for tokens with a
            // Hyperliquid spot book, so they are allocated with their first snapshot
            pairs[p] = new Pair(p == VenuePair.PERP_JUPITER ? history : null, historyPoints);
        }
    }

    /** One venue pair of the token: latest basis and z, latest tradable opportunity, the snapshot history. */
    static final class Pair {
        double basisBps = Double.NaN;
        double z = Double.NaN;
        long spreadNanos;
        /** The latest tradable opportunity: net edge, direction, event time (0: none yet). */
        double netBps = Double.NaN;
        int direction;
        long opportunityNanos;
        private final int capacity;
        /** Snapshots (spot column: leg B's price, perpMid column: leg A's mid); null before the first. */
        History history;

        Pair(History history, int capacity) {
            this.history = history;
            this.capacity = capacity;
        }

        History history() {
            if (history == null) {
                history = new History(capacity);
            }
            return history;
        }
    }

    /** Fixed-capacity ring of spread snapshots (event time order as journaled). */
    static final class History {
        final long[] timeMs;
        final double[] spot;
        final double[] perpMid;
        final double[] basis;
        final double[] z;
        final double[] mean;
        final double[] std;
        final double[] funding;
        int start;
        int size;

        History(int capacity) {
            timeMs = new long[capacity];
            spot = new double[capacity];
            perpMid = new double[capacity];
            basis = new double[capacity];
            z = new double[capacity];
            mean = new double[capacity];
            std = new double[capacity];
            funding = new double[capacity];
        }

        void add(long t, double s, double p, double b, double zz, double m, double sd, double f) {
            int cap = timeMs.length;
            int i;
            if (size < cap) {
                i = (start + size) % cap;
                size++;
            } else {
                i = start;
                start = (start + 1) % cap;
            }
            timeMs[i] = t;
            spot[i] = s;
            perpMid[i] = p;
            basis[i] = b;
            z[i] = zz;
            mean[i] = m;
            std[i] = sd;
            funding[i] = f;
        }

        int index(int k) {
            return (start + k) % timeMs.length;
        }
    }
}
