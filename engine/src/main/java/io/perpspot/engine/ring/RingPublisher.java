package io.perpspot.engine.ring;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.perpspot.engine.codec.FeedStats;

/**
 * Copies a decoded event into the next ring slot and publishes it. Never blocks a feed thread
 * for market data: when the ring is full, book and price events are dropped and counted
 * (the next snapshot supersedes them). Engine, token and status events are never dropped:
 * they wait for a slot. Safe for several producer threads (the ring is multi-producer).
 */
public final class RingPublisher implements EventPublisher {
    private final RingBuffer<MarketEvent> ring;
    private final FeedStats stats;

    public RingPublisher(RingBuffer<MarketEvent> ring, FeedStats stats) {
        this.ring = ring;
        this.stats = stats;
    }

    @Override
    public boolean publish(MarketEvent decoded) {
        long seq;
        if (EventType.isMarketData(decoded.type)) {
            try {
                seq = ring.tryNext();
            } catch (InsufficientCapacityException e) {
                stats.ringFull(decoded.source);
                return false;
            }
        } else {
            seq = ring.next();
        }
        try {
            ring.get(seq).copyFrom(decoded);
        } finally {
            ring.publish(seq);
        }
        return true;
    }
}
