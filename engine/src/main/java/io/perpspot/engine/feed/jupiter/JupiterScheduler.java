package io.perpspot.engine.feed.jupiter;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spends the permits of the one {@link JupiterLimiter} on the scheduler thread, by freshness: a Price API batch
 * of the oldest tokens when one would otherwise pass {@code target-spot-age} ({@link FreshnessPlanner}, at most
 * {@code max-price-share} of the configured rate), else a quote-ladder request ({@link LadderSchedule}: near-signal
 * tokens first; rungs with no route backed off); a permit the quotes leave unused refreshes the oldest prices. It
 * never sleeps in the thread: after each request it schedules itself for the next permit.
 *
 * <pre>
 *   scheduler thread ── tick ── limiter permit? ──┬─ planner: a batch is late ─▶ JupiterPricePoller.poll(oldest)
 *                        ▲                        ├─ otherwise ────────────────▶ JupiterQuotePoller.fetchNext()
 *                        │                        └─ no quote to make ─────────▶ JupiterPricePoller.poll(oldest)
 *                        └──── re-scheduled at limiter.nanosUntilPermit()
 * </pre>
 */
public final class JupiterScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JupiterScheduler.class);

    private final JupiterLimiter limiter;
    private final JupiterPricePoller prices;
    private final JupiterQuotePoller quotes;
    private final FreshnessPlanner planner;
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> task;
    private volatile long dueBatches;
    private volatile long spareBatches;

    /**
     * How the scheduler shares the permits.
     *
     * @param targetSpotAge  a price batch goes before any of its tokens would pass this age
     *                       ({@code feeds.jupiter.target-spot-age})
     * @param maxPriceShare  prices take at most this share of the configured rate
     *                       ({@code feeds.jupiter.max-price-share})
     */
    public record Settings(Duration targetSpotAge, double maxPriceShare) {
    }

    /** A scheduler of {@code prices} and {@code quotes} (null: prices alone) on {@code scheduler}. */
    public JupiterScheduler(JupiterLimiter limiter, JupiterPricePoller prices, JupiterQuotePoller quotes,
                            Settings settings, ScheduledExecutorService scheduler) {
        this.limiter = limiter;
        this.prices = prices;
        this.quotes = quotes;
        this.planner = new FreshnessPlanner(settings.targetSpotAge(), quotes == null ? 1 : settings.maxPriceShare(),
                limiter.configuredRate(), prices.batchSize());
        this.scheduler = scheduler;
    }

    /**
     * Schedules the first request at once on the scheduler thread and returns; each request then schedules the next,
     * until {@link #close}.
     */
    public void start() {
        LOG.info("jupiter: {} requests/s shared by prices ({} batches per sweep, kept under {} s old) and quote"
                + " ladders", limiter.configuredRate(), prices.batches(), planner.target().toMillis() / 1000.0);
        task = scheduler.schedule(this::tick, 0, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            if (limiter.tryAcquire()) {
                spend(System.nanoTime());
            }
        } catch (RuntimeException e) {
            LOG.error("jupiter: request failed unexpectedly; the scheduler continues", e);
        }
        if (!closed) {
            task = scheduler.schedule(this::tick, Math.max(1_000_000L, limiter.nanosUntilPermit()),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** One permit, taken at {@code now}. */
    private void spend(long now) {
        planner.listed(prices.listedIds());
        int[] due = prices.ready() ? planner.dueBatch(now, limiter.currentRate()) : null;
        if (due != null) {
            dueBatches++;
            planner.sent(now);
            price(due);
            return;
        }
        if (quotes != null && quotes.fetchNext()) {
            return;
        }
        int[] spare = prices.ready() ? planner.oldestBatch() : null;
        if (spare != null) {
            spareBatches++;
            price(spare);
        }
    }

    private void price(int[] ids) {
        if (prices.poll(ids)) {
            planner.priced(ids, System.nanoTime());
        }
    }

    /** Price requests made because a batch was about to pass the target spot age. */
    public long dueBatches() {
        return dueBatches;
    }

    /** Price requests made on permits the quote ladders had no use for. */
    public long spareBatches() {
        return spareBatches;
    }

    @Override
    public void close() {
        closed = true;
        prices.close();
        if (quotes != null) {
            quotes.close();
        }
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }
}
