package io.perpspot.dashboard.state;

import static io.perpspot.dashboard.state.JsonFigures.num;

import java.util.ArrayList;
import java.util.List;

/**
 * One token's strategy spread snapshots with event time in [fromMs, toMs], thinned to evenly
 * spaced points, as parallel columns (null where a value was not a number).
 *
 * @param points       points returned
 * @param matched      snapshots in the range before thinning
 * @param kept         snapshots held in memory for the token ({@code dashboard.history-points} at most)
 * @param oldestKeptMs time of the oldest held snapshot: a range before it is not in memory
 */
public record HistorySeries(String symbol, long fromMs, long toMs, int points, int matched, int kept,
                            Long oldestKeptMs, List<Long> timeMs, List<Double> spot, List<Double> perpMid,
                            List<Double> basisBps, List<Double> z, List<Double> mean, List<Double> std,
                            List<Double> fundingHourly) {
    /** The snapshots of {@code h} in [fromMs, toMs], every k-th so that at most {@code maxPoints} remain. */
    static HistorySeries of(String symbol, TokenState.History h, long fromMs, long toMs, int maxPoints) {
        List<Integer> picked = new ArrayList<>();
        for (int k = 0; k < h.size; k++) {
            int i = h.index(k);
            if (h.timeMs[i] >= fromMs && h.timeMs[i] <= toMs) {
                picked.add(i);
            }
        }
        int n = picked.size();
        int stride = Math.max(1, (n + maxPoints - 1) / maxPoints);
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
        return new HistorySeries(symbol, fromMs, toMs, t.size(), n, h.size, h.size == 0 ? null : h.timeMs[h.index(0)],
                t, spot, perp, basis, z, mean, std, funding);
    }
}
