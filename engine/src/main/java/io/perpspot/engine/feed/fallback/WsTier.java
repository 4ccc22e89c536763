package io.perpspot.engine.feed.fallback;

import io.netty.channel.EventLoopGroup;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.hyperliquid.HyperliquidWsClient;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Hyperliquid WebSocket endpoint as a failover tier: validates the coins against that
 * network's {@code meta}, spreads the subscriptions over several connections
 * ({@link SubscriptionPlan}) and runs one {@link HyperliquidWsClient} per connection, each
 * reconnecting and resubscribing on its own with backoff. The tier is up when every connection
 * has delivered data since it (re)connected, and down as soon as one fails (connect failure,
 * close, staleness): part of the token set would otherwise go without perp prices.
 */
public final class WsTier implements PerpTier {
    /** Connection parameters shared by the WebSocket tiers. */
    public record Params(Duration pingInterval, Duration staleAfter, Duration connectTimeout, int maxFrameBytes,
                        Duration backoffInitial, Duration backoffMax, int perConnection, int maxConnections,
                        int maxSubscriptions, boolean fastBook) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(WsTier.class);

    private final int source;
    private final String wsUrl;
    private final String infoUrl;
    private volatile TokenRegistry registry;
    private final EventPublisher out;
    private final FeedStats stats;
    private final Health health;
    private final EpochNanoClock clock;
    private final EventLoopGroup group;
    private final Params params;
    private final CoinValidator validator;
    private volatile List<HyperliquidWsClient> clients = List.of();
    private final Set<HyperliquidWsClient> upClients = ConcurrentHashMap.newKeySet();

    public WsTier(int source, String wsUrl, String infoUrl, TokenRegistry registry, EventPublisher out,
                  FeedStats stats, Health health, EpochNanoClock clock, EventLoopGroup group, Params params,
                  CoinValidator validator) {
        this.source = source;
        this.wsUrl = wsUrl;
        this.infoUrl = infoUrl;
        this.registry = registry;
        this.out = out;
        this.stats = stats;
        this.health = health;
        this.clock = clock;
        this.group = group;
        this.params = params;
        this.validator = validator;
    }

    @Override
    public int source() {
        return source;
    }

    private final HyperliquidWsClient.Listener listener = new HyperliquidWsClient.Listener() {
        @Override
        public void up(HyperliquidWsClient client) {
            List<HyperliquidWsClient> cs = clients;
            if (!cs.contains(client)) {
                return;
            }
            upClients.add(client);
            if (upClients.containsAll(cs)) {
                int subs = 0;
                for (HyperliquidWsClient c : cs) {
                    subs += c.subscriptionCount();
                }
                health.up(WsTier.this, wsUrl + ": " + cs.size() + " connection(s), " + subs + " subscriptions");
            }
        }

        @Override
        public void down(HyperliquidWsClient client, int state, String reason) {
            List<HyperliquidWsClient> cs = clients;
            int k = cs.indexOf(client);
            if (k < 0) {
                return;
            }
            upClients.remove(client);
            health.down(WsTier.this, state, wsUrl + (cs.size() > 1 ? " connection " + (k + 1) + "/" + cs.size() : "")
                    + ": " + reason);
        }
    };

    @Override
    public synchronized void start() {
        stop();
        List<String> coins = validator.validCoins(registry, infoUrl, source);
        List<List<String>> plan = SubscriptionPlan.plan(coins, params.fastBook(), params.perConnection(),
                params.maxConnections(), params.maxSubscriptions());
        List<HyperliquidWsClient> cs = new ArrayList<>();
        for (List<String> subs : plan) {
            cs.add(new HyperliquidWsClient(wsUrl, source, subs, registry, out, stats, null, listener, clock, group,
                    params.pingInterval(), params.staleAfter(), params.connectTimeout(), params.maxFrameBytes(),
                    new Backoff(params.backoffInitial(), params.backoffMax())));
        }
        clients = List.copyOf(cs);
        for (HyperliquidWsClient c : cs) {
            c.start();
        }
    }

    /**
     * Pairs added by a rediscovery: validated against meta and subscribed on new connections,
     * within the tier's connection and subscription limits (the running connections are left
     * alone, so the side does not blink). A tier that is not running plans them at its next start.
     * Returns the number of coins subscribed now.
     */
    public synchronized int addPairs(TokenRegistry next, List<Token> added) {
        registry = next;
        List<HyperliquidWsClient> cs = clients;
        if (cs.isEmpty() || added.isEmpty()) {
            return 0;
        }
        int subs = 0;
        for (HyperliquidWsClient c : cs) {
            subs += c.subscriptionCount();
        }
        int connsLeft = Math.min(params.maxConnections(), SubscriptionPlan.HL_MAX_CONNECTIONS) - cs.size();
        int subsLeft = Math.min(params.maxSubscriptions(), SubscriptionPlan.HL_MAX_SUBSCRIPTIONS) - subs;
        List<String> coins = validator.validCoins(added, infoUrl, source);
        if (coins.isEmpty()) {
            return 0;
        }
        if (connsLeft <= 0 || subsLeft < SubscriptionPlan.PER_COIN) {
            LOG.warn("{}: {} added pairs wait for the next reconnect of the tier: {} connections and {} subscriptions"
                    + " are in use", Source.name(source), coins.size(), cs.size(), subs);
            return 0;
        }
        List<List<String>> plan = SubscriptionPlan.plan(coins, params.fastBook(), params.perConnection(), connsLeft,
                subsLeft, false);
        List<HyperliquidWsClient> grown = new ArrayList<>(cs);
        List<HyperliquidWsClient> fresh = new ArrayList<>();
        int subscribed = 0;
        for (List<String> frames : plan) {
            HyperliquidWsClient c = new HyperliquidWsClient(wsUrl, source, frames, next, out, stats, null, listener, clock,
                    group, params.pingInterval(), params.staleAfter(), params.connectTimeout(), params.maxFrameBytes(),
                    new Backoff(params.backoffInitial(), params.backoffMax()));
            grown.add(c);
            fresh.add(c);
            subscribed += frames.size() / SubscriptionPlan.PER_COIN;
        }
        clients = List.copyOf(grown);
        for (HyperliquidWsClient c : fresh) {
            c.start();
        }
        LOG.info("{}: {} added pairs subscribed on {} new connection(s)", Source.name(source), subscribed, fresh.size());
        return subscribed;
    }

    @Override
    public synchronized void stop() {
        List<HyperliquidWsClient> cs = clients;
        clients = List.of();
        upClients.clear();
        for (HyperliquidWsClient c : cs) {
            c.close();
        }
    }

    /** The connections of the current run (tests). */
    public List<HyperliquidWsClient> clients() {
        return clients;
    }
}
