package io.perpspot.engine.feed.fallback;

import io.netty.channel.EventLoopGroup;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Builds and owns the perp side from the configuration: the {@link PerpFeedChain} with one
 * {@link WsTier} per {@code feeds.hyperliquid.ws} URL (the first journaled as
 * {@code hl-ws-mainnet}, the second as {@code hl-ws-testnet}, by role, whatever the host), then
 * {@link HyperliquidRestTier} over {@code feeds.hyperliquid.rest}, then {@link CoinGeckoTier} and
 * {@link KrakenTier} unless {@code feeds.fallback.enabled} is false. Polls run on one daemon
 * thread of their own ({@code perpspot-perp-poll}) so a slow fallback never delays the Jupiter
 * poller.
 */
public final class PerpFeeds implements AutoCloseable {
    private final PerpFeedChain chain;
    private final ScheduledExecutorService pollThread;

    private PerpFeeds(PerpFeedChain chain, ScheduledExecutorService pollThread) {
        this.chain = chain;
        this.pollThread = pollThread;
    }

    public static PerpFeeds create(Config config, TokenRegistry registry, EventPublisher ring, FeedStats stats,
                                   StatusPublisher status, EpochNanoClock clock, EventLoopGroup io) {
        ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perpspot-perp-poll");
            t.setDaemon(true);
            return t;
        });
        PerpFeedChain chain = new PerpFeedChain(status);
        Duration bInit = config.get(Settings.BACKOFF_INITIAL);
        Duration bMax = config.get(Settings.BACKOFF_MAX);
        LimitedHttp http = new LimitedHttp(config.get(Settings.HTTP_TIMEOUT), config.get(Settings.FALLBACK_MAX_BODY_BYTES));
        CoinValidator validator = new CoinValidator(http, stats);
        WsTier.Params p = new WsTier.Params(config.get(Settings.HL_PING_INTERVAL), config.get(Settings.HL_STALE_AFTER),
                config.get(Settings.HL_CONNECT_TIMEOUT), config.get(Settings.HL_MAX_FRAME_BYTES), bInit, bMax,
                config.get(Settings.HL_SUBS_PER_CONNECTION), config.get(Settings.HL_MAX_CONNECTIONS),
                config.get(Settings.HL_MAX_SUBSCRIPTIONS), config.get(Settings.HL_FAST_BOOK));
        List<String> ws = config.get(Settings.HL_WS);
        List<String> rest = config.get(Settings.HL_REST);
        for (int i = 0; i < ws.size(); i++) {
            int source = i == 0 ? Source.HL_WS_MAINNET : i == 1 ? Source.HL_WS_TESTNET : Source.HL_WS_OTHER;
            String info = rest.isEmpty() ? null : rest.get(Math.min(i, rest.size() - 1));
            int index = chain.size();
            chain.add(new WsTier(source, ws.get(i), info, registry, chain.gate(index, ring), stats, chain.health(),
                    clock, io, p, validator));
        }
        if (!rest.isEmpty()) {
            int index = chain.size();
            chain.add(new HyperliquidRestTier(Source.HL_REST, rest, registry, chain.gate(index, ring), stats, http,
                    clock, polls, config.get(Settings.HL_REST_POLL_INTERVAL), config.get(Settings.HL_REST_BOOKS_PER_POLL),
                    new Backoff(bInit, bMax), chain.health()));
        }
        if (config.get(Settings.FALLBACK_ENABLED)) {
            FallbackIds ids = FallbackIds.bundled();
            Duration every = config.get(Settings.FALLBACK_POLL_INTERVAL);
            int cg = chain.size();
            chain.add(new CoinGeckoTier(config.get(Settings.FALLBACK_COINGECKO),
                    new CoinGeckoDecoder(registry, ids, chain.gate(cg, ring), stats), http, stats, clock, polls, every,
                    new Backoff(bInit, bMax), chain.health()));
            int kr = chain.size();
            chain.add(new KrakenTier(config.get(Settings.FALLBACK_KRAKEN),
                    new KrakenDecoder(registry, ids, chain.gate(kr, ring), stats), http, stats, clock, polls, every,
                    new Backoff(bInit, bMax), chain.health()));
        }
        return new PerpFeeds(chain, polls);
    }

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
