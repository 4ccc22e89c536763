package io.perpspot.dashboard.state;

import static io.perpspot.dashboard.state.JsonFigures.num;

import io.perpspot.engine.core.VenuePair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One token's strategy spread snapshots with event time in [fromMs, toMs], thinned to evenly
 * spaced points, as parallel columns (null where a value was not a number). The top-level columns
 * are perp-jupiter's (the perp mid, Jupiter's price, their basis); {@code pairs} holds the other venue
 * pairs that have snapshots, and {@code hlSpot} Hyperliquid spot's mid drawn from them.
 *
 * @param points       points returned
 * @param matched      snapshots in the range before thinning
 * @param kept         snapshots held in memory for the token ({@code dashboard.history-points} at most)
 * @param oldestKeptMs time of the oldest held snapshot: a range before it is not in memory
 * @param pairs        perp-hlspot and hlspot-jupiter, each only when it has snapshots in memory (a token without
 *                     a Hyperliquid spot book has none), thinned like the top-level columns
 * @param hlSpot       Hyperliquid spot's mid: perp-hlspot's leg B and hlspot-jupiter's leg A, merged in time order
 *                     (one point per event time), thinned; null when neither pair has snapshots in memory
 */
public record HistorySeries(String symbol, long fromMs, long toMs, int points, int matched, int kept,
                            Long oldestKeptMs, List<Long> timeMs, List<Double> spot, List<Double> perpMid,
                            List<Double> basisBps, List<Double> z, List<Double> mean, List<Double> std,
                            List<Double> fundingHourly, List<PairSeries> pairs, PriceSeries hlSpot) {

    /**
     * One venue pair's snapshots in the range, thinned.
     *
     * @param legA leg A's mid (the perp; Hyperliquid spot on hlspot-jupiter)
     * @param legB leg B's price (Hyperliquid spot on perp-hlspot; Jupiter on hlspot-jupiter)
     */
    public record PairSeries(String pair, int points, int matched, int kept, List<Long> timeMs, List<Double> legA,
                             List<Double> legB, List<Double> basisBps, List<Double> z, List<Double> mean,
                             List<Double> std) {
    }

    /** A price over time: parallel columns, thinned. */
    public record PriceSeries(int points, int matched, List<Long> timeMs, List<Double> mid) {
    }

    /** The token's snapshots in [fromMs, toMs], every k-th so that at most {@code maxPoints} remain per series. */
    static HistorySeries of(TokenState s, long fromMs, long toMs, int maxPoints) {
        TokenState.History h = s.history;
        List<Integer> picked = picked(h, fromMs, toMs);
        int n = picked.size();
        int stride = stride(n, maxPoints);
        List<Long> t = new ArrayList<>();
        List<Double> spot = new ArrayList<>();
        List<Double> perp = new ArrayList<>();
        List<Double> basis = new ArrayList<>();
        List<Double> z = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        List<Double> funding = new ArrayList<>();
        for (int k = 0; k < n; k += stride) {
            int i = picked.get(k);
            t.add(h.timeMs[i]);
            spot.add(num(h.spot[i]));
            perp.add(num(h.perpMid[i]));
            basis.add(num(h.basis[i]));
            z.add(num(h.z[i]));
            mean.add(num(h.mean[i]));
            std.add(num(h.std[i]));
            funding.add(num(h.funding[i]));
        }
        List<PairSeries> pairs = new ArrayList<>();
        // Hyperliquid spot's mid by event time: an hl-spot event moves both pairs, whose records then carry it twice
        Map<Long, Double> hl = new TreeMap<>();
        for (int code = VenuePair.PERP_HLSPOT; code < VenuePair.COUNT; code++) {
            TokenState.History ph = s.pairs[code].history;
            if (ph == null) {
                continue;
            }
            List<Integer> pp = picked(ph, fromMs, toMs);
            for (int i : pp) {
                double mid = code == VenuePair.PERP_HLSPOT ? ph.spot[i] : ph.perpMid[i];
                if (Double.isFinite(mid)) {
                    hl.put(ph.timeMs[i], mid);
                }
            }
            pairs.add(pairSeries(code, ph, pp, maxPoints));
        }
        return new HistorySeries(s.symbol, fromMs, toMs, t.size(), n, h.size, h.size == 0 ? null : h.timeMs[h.index(0)],
                t, spot, perp, basis, z, mean, std, funding, pairs,
                pairs.isEmpty() ? null : priceSeries(hl, maxPoints));
    }

    private static List<Integer> picked(TokenState.History h, long fromMs, long toMs) {
        List<Integer> picked = new ArrayList<>();
        for (int k = 0; k < h.size; k++) {
            int i = h.index(k);
            if (h.timeMs[i] >= fromMs && h.timeMs[i] <= toMs) {
                picked.add(i);
            }
        }
        return picked;
    }

    private static int stride(int n, int maxPoints) {
        return Math.max(1, (n + maxPoints - 1) / maxPoints);
    }

    private static PairSeries pairSeries(int code, TokenState.History h, List<Integer> picked, int maxPoints) {
        int n = picked.size();
        int stride = stride(n, maxPoints);
        List<Long> t = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        List<Double> basis = new ArrayList<>();
        List<Double> z = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        for (int k = 0; k < n; k += stride) {
            int i = picked.get(k);
            t.add(h.timeMs[i]);
            a.add(num(h.perpMid[i]));
            b.add(num(h.spot[i]));
            basis.add(num(h.basis[i]));
            z.add(num(h.z[i]));
            mean.add(num(h.mean[i]));
            std.add(num(h.std[i]));
        }
        return new PairSeries(VenuePair.name(code), t.size(), n, h.size, t, a, b, basis, z, mean, std);
    }

    private static PriceSeries priceSeries(Map<Long, Double> byTime, int maxPoints) {
        int n = byTime.size();
        int stride = stride(n, maxPoints);
        List<Long> t = new ArrayList<>();
        List<Double> mid = new ArrayList<>();
        int k = 0;
        for (Map.Entry<Long, Double> e : byTime.entrySet()) {
            if (k++ % stride == 0) {
                t.add(e.getKey());
                mid.add(e.getValue());
            }
        }
        return new PriceSeries(t.size(), n, t, mid);
    }
}
