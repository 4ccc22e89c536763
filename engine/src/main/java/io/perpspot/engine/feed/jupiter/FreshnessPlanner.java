package io.perpspot.engine.feed.jupiter;

import java.time.Duration;
import java.util.Arrays;

/**
 * Decides, for each permit of the {@link JupiterLimiter}, whether a Price API batch is due: keeps every
 * listed token's spot price younger than {@code target-spot-age}, and leaves the other permits to the quote
 * ladders. Pure (the caller passes the time and the limiter's current rate); the scheduler thread only.
 *
 * <pre>
 *   listed tokens ── SpotAges.oldestFirst ──▶ [batch 0 | batch 1 | ...]   (batch-size mints each, oldest first)
 *
 *   batch i is late if  age(oldest of i) + (i + 1) / currentRate  ≥  target      (skip this permit: would it miss?)
 *
 *   permit ──┬─ some batch late, price credit ≥ 1 ─▶ PRICE (batch 0, the oldest tokens)
 *            └─ otherwise ───────────────────────▶ quotes (a spare permit with no quote to make: batch 0 anyway)
 * </pre>
 *
 * <p>The price credit grows at {@code max-price-share × configuredRate} per second (at most two banked), so
 * prices never take more than that share of the configured budget when the target cannot be met (many tokens,
 * keyless): the quote ladders always keep the rest. After a 429 the limiter's current rate is lower, so the
 * interval grows, batches turn late sooner and prices take the permits they need first; quotes get what is left.
 */
final class FreshnessPlanner {
    private static final double MAX_CREDIT = 2;

    private final long targetNanos;
    private final double priceRate;
    private final int batchSize;
    private final SpotAges ages = new SpotAges();
    private int[] listed = new int[0];
    private double credit = 1;
    private long creditAt = Long.MIN_VALUE;

    /**
     * A planner for {@code batchSize} mints per request, keeping spot prices younger than {@code target}, with
     * prices taking at most {@code maxPriceShare} of {@code configuredRate} requests per second.
     */
    FreshnessPlanner(Duration target, double maxPriceShare, double configuredRate, int batchSize) {
        if (batchSize < 1 || !(maxPriceShare > 0) || !(configuredRate > 0)) {
            throw new IllegalArgumentException("batch size, price share and rate must be positive");
        }
        this.targetNanos = target.toNanos();
        this.priceRate = maxPriceShare * configuredRate;
        this.batchSize = batchSize;
    }

    /** The listed (not delisted) tokens to keep fresh; the same array again changes nothing. */
    void listed(int[] ids) {
        listed = ids;
    }

    /**
     * The batch due at this permit at {@code now} with the limiter at {@code currentRate} requests/s, or null
     * when none is late (or the price ceiling holds it back): the permit goes to the quote ladders.
     */
    int[] dueBatch(long now, double currentRate) {
        accrue(now);
        if (credit < 1 || listed.length == 0) {
            return null;
        }
        int[] order = ages.oldestFirst(listed);
        long interval = (long) (1e9 / currentRate);
        for (int i = 0, b = 0; i < order.length; i += batchSize, b++) {
            long at = ages.pricedAt(order[i]);
            if (at == SpotAges.NEVER || now - at + (b + 1) * interval >= targetNanos) {
                return Arrays.copyOf(order, Math.min(batchSize, order.length));
            }
        }
        return null;
    }

    /** The oldest tokens' batch whatever their age (a permit nothing else wants), or null with no token listed. */
    int[] oldestBatch() {
        if (listed.length == 0) {
            return null;
        }
        return Arrays.copyOf(ages.oldestFirst(listed), Math.min(batchSize, listed.length));
    }

    /** A price request was sent at {@code now}: it takes one credit. */
    void sent(long now) {
        accrue(now);
        credit = Math.max(0, credit - 1);
    }

    /** The tokens of {@code ids} were priced at {@code now} (their request was answered). */
    void priced(int[] ids, long now) {
        ages.priced(ids, now);
    }

    /** When {@code id} was last priced on this planner's clock, or {@link SpotAges#NEVER}. */
    long pricedAt(int id) {
        return ages.pricedAt(id);
    }

    /** The target: a batch goes before any of its tokens would pass it. */
    Duration target() {
        return Duration.ofNanos(targetNanos);
    }

    private void accrue(long now) {
        if (creditAt != Long.MIN_VALUE && now > creditAt) {
            credit = Math.min(MAX_CREDIT, credit + (now - creditAt) * priceRate / 1e9);
        }
        creditAt = Math.max(now, creditAt);
    }
}
