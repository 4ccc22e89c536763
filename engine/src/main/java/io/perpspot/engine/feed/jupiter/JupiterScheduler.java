package io.perpspot.engine.feed.jupiter;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spends the permits of the one {@link JupiterLimiter} on the scheduler thread: a share of them
 * ({@code price-share}) on Price API batches, the rest on quote-ladder requests. It never sleeps
 * in the thread: after each request it schedules itself for the next permit.
 *
 * <pre>
 *   scheduler thread ── tick ── limiter permit? ──┬─ price due (share) ─▶ JupiterPricePoller.pollNext()
 *                        ▲                        └─ otherwise ─────────▶ JupiterQuotePoller.fetchNext()
 *                        └──── re-scheduled at limiter.nanosUntilPermit()
 * </pre>
 */
public final class JupiterScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JupiterScheduler.class);

    private final JupiterLimiter limiter;
    private final JupiterPricePoller prices;
    private final JupiterQuotePoller quotes;
    private final double priceShare;
    private final ScheduledExecutorService scheduler;
    private double priceCredit = 1; // the first permit goes to prices
    private volatile boolean closed;
    private volatile ScheduledFuture<?> task;

    public JupiterScheduler(JupiterLimiter limiter, JupiterPricePoller prices, JupiterQuotePoller quotes,
                            double priceShare, ScheduledExecutorService scheduler) {
        this.limiter = limiter;
        this.prices = prices;
        this.quotes = quotes;
        this.priceShare = quotes == null ? 1 : priceShare;
        this.scheduler = scheduler;
    }

    /**
     * Schedules the first request at once on the scheduler thread and returns; each request then schedules the next,
     * until {@link #close}.
     */
    public void start() {
        LOG.info("jupiter: {} requests/s shared by prices ({} batches per sweep, {}% of requests) and quote ladders",
                limiter.configuredRate(), prices.batches(), Math.round(priceShare * 100));
        task = scheduler.schedule(this::tick, 0, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            if (limiter.tryAcquire()) {
                priceCredit += priceShare;
                if ((priceCredit >= 1 || quotes == null) && prices.ready()) {
                    priceCredit -= 1;
                    prices.pollNext();
                } else if (quotes != null) {
                    priceCredit = Math.min(priceCredit, 2);
                    quotes.fetchNext();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("jupiter: request failed unexpectedly; the scheduler continues", e);
        }
        if (!closed) {
            task = scheduler.schedule(this::tick, Math.max(1_000_000L, limiter.nanosUntilPermit()),
                    TimeUnit.NANOSECONDS);
        }
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
