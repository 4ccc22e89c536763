package io.perpspot.engine.feed;

import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.ring.StatusPublisher;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Where a feed client's output goes, the same for every client: market events to the
 * {@code publisher} (the ring, or a failover tier's gate), rejects and frames counted in
 * {@code stats}, source states journaled through {@code status}, receive times read from
 * {@code clock}.
 *
 * @param publisher the market events' destination
 * @param stats     per-source counters (frames, rejects)
 * @param status    journals the source's up/down/stale states
 * @param clock     the receive-time clock
 */
public record FeedContext(EventPublisher publisher, FeedStats stats, StatusPublisher status, EpochNanoClock clock) {
    /** The same outputs with market events going to {@code other} (a failover tier's gate). */
    public FeedContext publishingTo(EventPublisher other) {
        return new FeedContext(other, stats, status, clock);
    }
}
