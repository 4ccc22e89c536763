package io.perpspot.engine.feed.fallback;

/**
 * One rung of the perp-side failover chain (a WebSocket endpoint, the REST info endpoint,
 * CoinGecko, Kraken). The {@link PerpFeedChain} starts and stops tiers; a running tier keeps
 * trying on its own (reconnects or polls with backoff) and reports its health through
 * {@link Health}. Its market data goes through a publisher gated by the chain, so only the
 * active tier's prices reach the ring.
 */
public interface PerpTier {
    /** Health reports from a running tier. Callable from any thread; must not block. */
    interface Health {
        /** The tier serves data ({@code detail} goes into the status reason journaled if it becomes active). */
        void up(PerpTier tier, String detail);

        /**
         * The tier lost its source: {@code state} ({@code SourceState.DOWN} or {@code STALE}) and {@code reason} are
         * journaled; if it was serving, the chain fails over to the next tier. A stopped tier's report is ignored.
         */
        void down(PerpTier tier, int state, String reason);
    }

    /** The journal source this tier's events and status carry. */
    int source();

    /** Starts (or restarts) trying; non-blocking or short. */
    void start();

    /** Stops and releases its connections; may block briefly; never called on an I/O thread. */
    void stop();
}
