package io.perpspot.engine.feed.jupiter;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * Which token's quote ladder comes next. Pure (the caller passes the time); the scheduler thread only.
 *
 * <pre>
 *   1. near-signal tokens (nearness ≥ {@link #NEAR_SIGNAL}), oldest ladder first: the i-th is late if
 *      age(i) + (i + 1) × ladder duration ≥ {@link #NEAR_SIGNAL_EVERY_NANOS} (or it has none); if any is
 *      late, the oldest goes                                                      ── the per-token minimum
 *   2. otherwise the highest urgency = time since its ladder × (1 + 20 × min(1.5, nearness)²);
 *      a token never quoted goes before any quoted one, in id order
 *   skipped: delisted tokens, and tokens whose every rung is backed off ({@link NoRouteBackoff})
 * </pre>
 *
 * The ladder duration is the last one measured (pick to finish: its rungs and the price permits between them), so a
 * near-signal token gets a ladder at least every {@link #NEAR_SIGNAL_EVERY_NANOS} while the quote budget has room
 * for them all, and the rest of the budget still goes by urgency.
 */
final class LadderSchedule {
    /**
     * Nearness (|z| / threshold) at or above which a token is near a signal: |z| ≥ 1.5 at the shipped threshold 2,
     * about one token in ten of the sim's 160 at any time (at 0.5 a third of them are: more than the quote budget
     * of one ladder per token per minute can serve).
     */
    static final double NEAR_SIGNAL = 0.75;
    /** A near-signal token gets a ladder at least this often. */
    static final long NEAR_SIGNAL_EVERY_NANOS = 60_000_000_000L;
    static final double PRIORITY_WEIGHT = 20;
    private static final long NEVER = Long.MIN_VALUE;

    private long[] ladderAt = new long[0];
    private long pickedAt = NEVER;
    private long ladderNanos;

    /** The ladder of {@code tokenId} (the last one picked) finished at {@code now}. */
    void laddered(int tokenId, long now) {
        slot(tokenId);
        ladderAt[tokenId] = now;
        if (pickedAt != NEVER) {
            ladderNanos = Math.max(0, now - pickedAt);
            pickedAt = NEVER;
        }
    }

    /** When the last ladder of {@code tokenId} finished, or {@code Long.MIN_VALUE}. */
    long ladderAt(int tokenId) {
        return tokenId < ladderAt.length ? ladderAt[tokenId] : NEVER;
    }

    /**
     * The next token among ids {@code 0..n-1} at {@code now}, or -1 when none may be quoted; {@code skip} says
     * which ids are out (delisted, every rung backed off), {@code nearness} is the strategy's hint per id.
     */
    int pick(long now, int n, IntPredicate skip, IntToDoubleFunction nearness) {
        slot(n - 1);
        int[] near = new int[n];
        int nearCount = 0;
        int best = -1;
        double bestScore = -1;
        for (int id = 0; id < n; id++) {
            if (skip.test(id)) {
                continue;
            }
            double closeness = nearness.applyAsDouble(id);
            long at = ladderAt[id];
            if (closeness >= NEAR_SIGNAL) {
                near[nearCount++] = id;
            }
            double score;
            if (at == NEVER) {
                score = Double.MAX_VALUE / 2 - id; // never quoted: in id order, before anything else
            } else {
                double w = Math.min(1.5, closeness);
                score = (now - at) * (1 + PRIORITY_WEIGHT * w * w);
            }
            if (score > bestScore) {
                bestScore = score;
                best = id;
            }
        }
        int late = lateNearSignal(near, nearCount, now);
        int picked = late >= 0 ? late : best;
        if (picked >= 0) {
            pickedAt = now;
        }
        return picked;
    }

    /** The oldest near-signal token if one of them would miss its minimum waiting for the ones before it, else -1. */
    private int lateNearSignal(int[] near, int count, long now) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = near[i];
        }
        Arrays.sort(order, (a, b) -> Long.compare(ladderAt[a], ladderAt[b]));
        for (int i = 0; i < count; i++) {
            long at = ladderAt[order[i]];
            if (at == NEVER || now - at + (i + 1) * ladderNanos >= NEAR_SIGNAL_EVERY_NANOS) {
                return order[0];
            }
        }
        return -1;
    }

    private void slot(int id) {
        if (id >= ladderAt.length) {
            int old = ladderAt.length;
            ladderAt = Arrays.copyOf(ladderAt, Math.max(id + 1, old * 2));
            Arrays.fill(ladderAt, old, ladderAt.length, NEVER);
        }
    }
}
