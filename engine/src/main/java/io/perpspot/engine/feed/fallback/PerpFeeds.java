package io.perpspot.engine.feed.fallback;

import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Owns the perp side: the {@link PerpFeedChain} of tiers (built by {@code app.EngineAssembly}
 * from the configuration) and the daemon thread its polling tiers share. Starts and closes
 * both, and hands the pairs a rediscovery adds to every tier.
 */
public final class PerpFeeds implements AutoCloseable {
    private final PerpFeedChain chain;
    private final ScheduledExecutorService pollThread;

    /** The chain and the thread its polling tiers run on (both closed by {@link #close}). */
    public PerpFeeds(PerpFeedChain chain, ScheduledExecutorService pollThread) {
        this.chain = chain;
        this.pollThread = pollThread;
    }

    /** Starts the perp side (the chain's first tier; the others as failures require). Returns at once. */
    public void start() {
        chain.start();
    }

    /**
     * Pairs added by a rediscovery reach the perp side: each WebSocket tier subscribes them on new
     * connections, the REST tier polls them. The CoinGecko and Kraken fallbacks keep pricing the
     * start-up set (their id tables are bundled). Returns the coins subscribed on WebSockets.
     */
    public int addPairs(TokenRegistry next, List<Token> added) {
        int subscribed = 0;
        for (PerpTier t : chain.tiers()) {
            if (t instanceof WsTier ws) {
                subscribed = Math.max(subscribed, ws.addPairs(next, added));
            } else if (t instanceof HyperliquidRestTier rest) {
                rest.updateRegistry(next);
            }
        }
        return subscribed;
    }

    /** The failover chain, for its state and figures (closed with this). */
    public PerpFeedChain chain() {
        return chain;
    }

    /** The source serving the perp side now, or -1. */
    public int activeSource() {
        return chain.activeSource();
    }

    @Override
    public void close() {
        chain.close();
        pollThread.shutdownNow();
        try {
            pollThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
