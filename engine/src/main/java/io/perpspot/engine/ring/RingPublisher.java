package io.perpspot.engine.ring;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a decoded event into the next ring slot and publishes it. Safe for several producer
 * threads (the ring is multi-producer); never blocks a feed thread while it can help it.
 *
 * <p><b>Overload policy</b> (the consumer slower than the feeds, the ring full):
 * <ul>
 *   <li>book and price events (PerpBbo, PerpBook, PerpMid, SpotPrice) are <b>coalesced to the
 *       latest per token and kind</b>: a pending event of the same token and kind is replaced
 *       (the superseded one is counted, per source, as {@link FeedStats#ringFullCount});</li>
 *   <li>every other event — funding (PerpCtx), quote rungs, source status, discovery, tokens,
 *       engine start — is <b>never dropped</b>: it waits in a FIFO of {@code ring.overflow-capacity}
 *       events, in order;</li>
 *   <li>pending events are flushed into the ring, FIFO first, as soon as it has room: by the next
 *       publish and by the consumer at the end of each batch ({@link #drain});</li>
 *   <li>only when that FIFO is full too does a producer wait for the ring (counted as blocked,
 *       logged once).</li>
 * </ul>
 * Memory is bounded: the ring, the FIFO, and one held event per token and kind. The fast path
 * (nothing pending, the ring has room) takes no lock and allocates nothing.
 */
public final class RingPublisher implements EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RingPublisher.class);
    /** Coalesced kinds: PerpBbo, PerpBook, PerpMid, SpotPrice. */
    private static final int KINDS = 4;
    public static final int DEFAULT_OVERFLOW = 4096;

    private final RingBuffer<MarketEvent> ring;
    private final FeedStats stats;

    // Guarded by this.
    private final MarketEvent[] fifo;
    private int fifoHead;
    private int fifoSize;
    private final MarketEvent[] latest = new MarketEvent[MarketEvent.TOKEN_ID_LIMIT * KINDS];
    private final boolean[] dirty = new boolean[MarketEvent.TOKEN_ID_LIMIT * KINDS];
    private final int[] dirtyList = new int[MarketEvent.TOKEN_ID_LIMIT * KINDS];
    private int dirtyHead;
    private int dirtyCount;
    private long coalesced;
    private long deferred;
    private long blocked;
    private long maxPending;

    /** fifoSize + dirtyCount, for the lock-free fast path. */
    private volatile int pending;

    /**
     * The plain policy (tools, tests, benchmarks): when the ring is full, market data (PerpBbo..SpotPrice)
     * is dropped, counted and {@code false} returned, so a lossless caller can offer it again;
     * other events wait for a slot.
     */
    public RingPublisher(RingBuffer<MarketEvent> ring, FeedStats stats) {
        this.ring = ring;
        this.stats = stats;
        this.fifo = new MarketEvent[0];
        this.coalesce = false;
    }

    /** The engine's overload policy (class comment), with a FIFO of {@code overflowCapacity} events. */
    public RingPublisher(RingBuffer<MarketEvent> ring, FeedStats stats, int overflowCapacity) {
        this.ring = ring;
        this.stats = stats;
        this.fifo = new MarketEvent[overflowCapacity];
        this.coalesce = true;
    }

    private final boolean coalesce;

    /** True with the engine's coalescing policy; false with the plain drop-and-count one. */
    public boolean coalescing() {
        return coalesce;
    }

    /**
     * Publishes a copy of {@code decoded}. Coalescing policy: always true (the event is in the
     * ring, waits in the FIFO, or is held as the latest of its token and kind). Plain policy:
     * false when market data was dropped because the ring was full.
     */
    @Override
    public boolean publish(MarketEvent decoded) {
        if (!coalesce) {
            if (EventType.isMarketData(decoded.type)) {
                if (tryDirect(decoded)) {
                    return true;
                }
                stats.ringFull(decoded.source);
                return false;
            }
            long seq = ring.next();
            try {
                ring.get(seq).copyFrom(decoded);
            } finally {
                ring.publish(seq);
            }
            return true;
        }
        if (pending == 0 && tryDirect(decoded)) {
            return true;
        }
        synchronized (this) {
            drainLocked();
            if (pending == 0 && tryDirect(decoded)) {
                return true;
            }
            holdLocked(decoded);
        }
        return true;
    }

    private boolean tryDirect(MarketEvent decoded) {
        long seq;
        try {
            seq = ring.tryNext();
        } catch (InsufficientCapacityException e) {
            return false;
        }
        try {
            ring.get(seq).copyFrom(decoded);
        } finally {
            ring.publish(seq);
        }
        return true;
    }

    private static int kind(int type) {
        return switch (type) {
            case EventType.PERP_BBO -> 0;
            case EventType.PERP_BOOK -> 1;
            case EventType.PERP_MID -> 2;
            case EventType.SPOT_PRICE -> 3;
            default -> -1;
        };
    }

    private void holdLocked(MarketEvent e) {
        int kind = kind(e.type);
        if (kind >= 0 && e.tokenId >= 0 && e.tokenId < MarketEvent.TOKEN_ID_LIMIT) {
            int slot = e.tokenId * KINDS + kind;
            MarketEvent held = latest[slot];
            if (held == null) {
                held = new MarketEvent();
                latest[slot] = held;
            }
            if (dirty[slot]) {
                // The held event is superseded by a newer one of the same token and kind.
                coalesced++;
                stats.ringFull(held.source);
            } else {
                dirty[slot] = true;
                dirtyList[(dirtyHead + dirtyCount) % dirtyList.length] = slot;
                dirtyCount++;
            }
            held.copyFrom(e);
        } else {
            while (fifoSize == fifo.length) {
                if (blocked++ == 0) {
                    LOG.error("ring and overflow FIFO ({} events) are full: {} waits for the consumer (counted as"
                            + " blocked; further waits are not logged)", fifo.length, Thread.currentThread().getName());
                }
                LockSupport.parkNanos(100_000L);
                drainLocked();
            }
            int i = (fifoHead + fifoSize) % fifo.length;
            MarketEvent slot = fifo[i];
            if (slot == null) {
                slot = new MarketEvent();
                fifo[i] = slot;
            }
            slot.copyFrom(e);
            fifoSize++;
            if (deferred++ == 0) {
                LOG.warn("ring full: events that are never dropped (funding, quotes, status, discovery) wait in the"
                        + " overflow FIFO; book and price events are coalesced to the latest per token (counted)");
            }
        }
        int p = fifoSize + dirtyCount;
        maxPending = Math.max(maxPending, p);
        pending = p;
    }

    /**
     * Moves pending events into the ring while it has room (FIFO first, then the latest book and
     * price events in the order they were first held). Called by the consumer after each batch;
     * never waits.
     */
    public void drain() {
        if (pending == 0) {
            return;
        }
        synchronized (this) {
            drainLocked();
        }
    }

    private void drainLocked() {
        while (fifoSize > 0) {
            if (!tryDirect(fifo[fifoHead])) {
                pending = fifoSize + dirtyCount;
                return;
            }
            fifoHead = (fifoHead + 1) % fifo.length;
            fifoSize--;
        }
        while (dirtyCount > 0) {
            int slot = dirtyList[dirtyHead];
            if (!tryDirect(latest[slot])) {
                break;
            }
            dirty[slot] = false;
            dirtyHead = (dirtyHead + 1) % dirtyList.length;
            dirtyCount--;
        }
        pending = fifoSize + dirtyCount;
    }

    /** Book and price events superseded by a newer one of the same token and kind while the ring was full. */
    public synchronized long coalesced() {
        return coalesced;
    }

    /** Events that waited in the overflow FIFO (never dropped). */
    public synchronized long deferred() {
        return deferred;
    }

    /** Times a producer had to wait because the ring and the overflow FIFO were both full. */
    public synchronized long blocked() {
        return blocked;
    }

    /** Events held now (FIFO and latest-per-token). */
    public int pending() {
        return pending;
    }

    /** The most events held at once so far. */
    public synchronized long maxPending() {
        return maxPending;
    }
}
