package io.perpspot.alerts.rule;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.VenuePair;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code kind: reject-rate}: more than {@code per-minute} would-be opportunities refused by the detector's source
 * gates ({@code stale-spot}, {@code stale-perp}, {@code fallback-source}; {@code reasons} narrows them) within one
 * minute of event time. These refusals are the rejects the journal holds (Opportunity records with a reject
 * reason), so {@code alerts replay} decides the same; frames the decoders reject are counted by the engine
 * ({@code perpspot_frames_rejected_total}) but not journaled. Fires once per spell over the rate; a minute back at
 * or under it ends the spell. {@code pairs} narrows the venue pairs counted (empty: every pair); the alert gives the
 * refusals by reason and by pair (a reason is about the pair's legs: {@code stale-perp} on hlspot-jupiter is its
 * Hyperliquid spot leg).
 */
public final class RejectRateRule extends Rule {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final double perMinute;
    private final Set<String> reasons;
    private final Set<Integer> pairs;
    private final ArrayDeque<long[]> window = new ArrayDeque<>();
    private final int cap;
    private boolean over;

    /** The rule; {@code reasons} empty counts every reject reason, {@code pairs} (codes) empty every venue pair. */
    RejectRateRule(String name, Duration cooldown, double perMinute, Set<String> reasons, Set<Integer> pairs) {
        super(name, cooldown);
        this.perMinute = perMinute;
        this.reasons = Set.copyOf(reasons);
        this.pairs = Set.copyOf(pairs);
        // Only whether the count is over the rate matters: a bounded window is enough.
        this.cap = (int) Math.min(1_000_000, Math.floor(perMinute) + 2);
    }

    @Override
    public Alert onOutput(OutputRecord r, String symbol, String link) {
        if (r.type != OutputType.OPPORTUNITY || r.rejectReason == 0 || !onPair(r, pairs)
                || !reasons.isEmpty() && !reasons.contains(OutputRecord.rejectReasonName(r.rejectReason))) {
            return null;
        }
        long now = r.timeNanos;
        window.addLast(new long[] {now, r.rejectReason, r.pair});
        while (now - window.peekFirst()[0] >= MINUTE_NANOS || window.size() > cap) {
            window.removeFirst();
        }
        if (window.size() <= perMinute) {
            over = false;
            return null;
        }
        if (over) {
            return null;
        }
        over = true;
        Map<String, Long> byReason = new TreeMap<>();
        long[] byPair = new long[VenuePair.COUNT];
        for (long[] w : window) {
            byReason.merge(OutputRecord.rejectReasonName((int) w[1]), 1L, Long::sum);
            byPair[(int) w[2]]++;
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("refused_last_minute", (long) window.size());
        n.put("limit_per_minute", round(perMinute, 2));
        byReason.forEach((reason, count) -> n.put(reason, count));
        for (int p = 0; p < VenuePair.COUNT; p++) {
            if (byPair[p] > 0) {
                n.put(VenuePair.name(p), byPair[p]);
            }
        }
        return new Alert(name(), "reject-rate", "detector refusals over " + round(perMinute, 2) + " a minute",
                null, null, n, now, link);
    }

    @Override
    String key(Alert a) {
        return "rejects"; // one cooldown for the rate, whatever the reasons
    }
}
