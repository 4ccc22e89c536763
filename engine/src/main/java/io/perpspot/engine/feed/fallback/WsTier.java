package io.perpspot.engine.feed.fallback;

import static io.perpspot.engine.config.Settings.HL_FAST_BOOK;
import static io.perpspot.engine.config.Settings.HL_MAX_CONNECTIONS;
import static io.perpspot.engine.config.Settings.HL_MAX_SUBSCRIPTIONS;
import static io.perpspot.engine.config.Settings.HL_REST;
import static io.perpspot.engine.config.Settings.HL_SUBS_PER_CONNECTION;
import static io.perpspot.engine.config.Settings.HL_WS;

import io.netty.channel.EventLoopGroup;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.core.LogKeys;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.hyperliquid.HyperliquidWsClient;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * One WebSocket tier: its endpoint, its role and how it spreads its subscriptions.
     *
     * @param source           the journal source, by role: {@code hl-ws-mainnet} for the first configured
     *                         URL, {@code hl-ws-testnet} for the second, {@code hl-ws-other} after, whatever the host
     * @param wsUrl            the WebSocket endpoint ({@code feeds.hyperliquid.ws})
     * @param infoUrl          the same network's info endpoint for {@code meta}, or null
     *                         ({@code feeds.hyperliquid.rest}, the last one for any further WebSocket)
     * @param connection       how each connection is kept
     * @param perConnection    coins per connection ({@code feeds.hyperliquid.subscriptions-per-connection})
     * @param maxConnections   connections at most ({@code feeds.hyperliquid.max-connections})
     * @param maxSubscriptions subscriptions at most ({@code feeds.hyperliquid.max-subscriptions})
     * @param fastBook         l2Book with {@code fast=true}: 5 levels every ~0.5 s
     *                         ({@code feeds.hyperliquid.fast-book})
     */
    public record Settings(int source, String wsUrl, String infoUrl, HyperliquidWsClient.Settings connection,
                           int perConnection, int maxConnections, int maxSubscriptions, boolean fastBook) {
        /** The tier of the {@code index}-th configured WebSocket URL. */
        public static Settings from(Config config, int index) {
            List<String> rest = config.get(HL_REST);
            int source = index == 0 ? Source.HL_WS_MAINNET : index == 1 ? Source.HL_WS_TESTNET : Source.HL_WS_OTHER;
            return new Settings(source, config.get(HL_WS).get(index),
                    rest.isEmpty() ? null : rest.get(Math.min(index, rest.size() - 1)),
                    HyperliquidWsClient.Settings.from(config), config.get(HL_SUBS_PER_CONNECTION),
                    config.get(HL_MAX_CONNECTIONS), config.get(HL_MAX_SUBSCRIPTIONS), config.get(HL_FAST_BOOK));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(WsTier.class);

    private final int source;
    private final String wsUrl;
    private final String infoUrl;
    private volatile TokenRegistry registry;
    private final FeedContext out;
    private final Health health;
    private final EventLoopGroup group;
    private final Settings settings;
    private final CoinValidator validator;
    private volatile List<HyperliquidWsClient> clients = List.of();
    /** The spot pairs the current connections subscribe (a rediscovery adds the others on new ones). */
    private Set<String> spotSubscribed = Set.of();
    private final Set<HyperliquidWsClient> upClients = ConcurrentHashMap.newKeySet();

    /**
     * A tier publishing to {@code out.publisher()} (the chain's gate) and reporting to
     * {@code health}; its connections run on {@code group}.
     */
    public WsTier(Settings settings, TokenRegistry registry, FeedContext out, Health health, EventLoopGroup group,
                  CoinValidator validator) {
        this.source = settings.source();
        this.wsUrl = settings.wsUrl();
        this.infoUrl = settings.infoUrl();
        this.registry = registry;
        this.out = out;
        this.health = health;
        this.group = group;
        this.settings = settings;
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
        List<String> spotPairs = new ArrayList<>();
        for (String coin : coins) {
            String pair = registry.spotPairs().get(coin);
            if (pair != null) {
                spotPairs.add(pair);
            }
        }
        List<List<String>> plan = SubscriptionPlan.plan(coins, spotPairs, settings.fastBook(),
                settings.perConnection(), settings.maxConnections(), settings.maxSubscriptions(), true);
        spotSubscribed = SubscriptionPlan.spotPairsIn(plan, spotPairs);
        List<String> metaOrder = SubscriptionPlan.usesAggregate(plan) ? validator.metaOrder() : null;
        List<HyperliquidWsClient> cs = new ArrayList<>();
        for (List<String> subs : plan) {
            HyperliquidWsClient c = new HyperliquidWsClient(wsUrl, source, subs, registry, settings.connection(), out,
                    listener, group);
            if (cs.isEmpty() && metaOrder != null) {
                // The aggregate rides on the first connection; its contexts are named by meta's order.
                c.perpUniverse(metaOrder);
            }
            cs.add(c);
        }
        clients = List.copyOf(cs);
        for (HyperliquidWsClient c : cs) {
            c.start();
        }
    }

    /**
     * Pairs added by a rediscovery, and Hyperliquid spot pairs it found for tracked perps that had none: validated
     * against meta and subscribed on new connections, within the tier's connection and subscription limits (the
     * running connections are left alone, so the side does not blink). A tier that is not running plans them at
     * its next start. Returns the number of coins subscribed now.
     */
    public synchronized int addPairs(TokenRegistry next, List<Token> added) {
        registry = next;
        List<HyperliquidWsClient> cs = clients;
        List<String> newSpot = new ArrayList<>();
        for (String pair : next.spotPairs().values()) {
            if (!spotSubscribed.contains(pair)) {
                newSpot.add(pair);
            }
        }
        if (cs.isEmpty() || (added.isEmpty() && newSpot.isEmpty())) {
            return 0;
        }
        int subs = 0;
        for (HyperliquidWsClient c : cs) {
            subs += c.subscriptionCount();
        }
        int connsLeft = Math.min(settings.maxConnections(), SubscriptionPlan.HL_MAX_CONNECTIONS) - cs.size();
        int subsLeft = Math.min(settings.maxSubscriptions(), SubscriptionPlan.HL_MAX_SUBSCRIPTIONS) - subs;
        List<String> coins = added.isEmpty() ? List.of() : validator.validCoins(added, infoUrl, source);
        if (coins.isEmpty() && newSpot.isEmpty()) {
            return 0;
        }
        if (connsLeft <= 0 || subsLeft < SubscriptionPlan.PER_SPOT_PAIR) {
            LOG.atWarn().addKeyValue(LogKeys.SOURCE, Source.name(source))
                    .log("{}: {} added pairs and {} spot pairs wait for the next reconnect of the tier: {} connections"
                            + " and {} subscriptions are in use", Source.name(source), coins.size(), newSpot.size(),
                            cs.size(), subs);
            return 0;
        }
        List<List<String>> plan = SubscriptionPlan.plan(coins, newSpot, settings.fastBook(), settings.perConnection(),
                connsLeft, subsLeft, false);
        Set<String> spotAdded = SubscriptionPlan.spotPairsIn(plan, newSpot);
        Set<String> spotNow = new HashSet<>(spotSubscribed);
        spotNow.addAll(spotAdded);
        spotSubscribed = Set.copyOf(spotNow);
        List<HyperliquidWsClient> grown = new ArrayList<>(cs);
        List<HyperliquidWsClient> fresh = new ArrayList<>();
        int subscribed = 0;
        for (List<String> frames : plan) {
            HyperliquidWsClient c = new HyperliquidWsClient(wsUrl, source, frames, next, settings.connection(), out,
                    listener, group);
            grown.add(c);
            fresh.add(c);
            subscribed += SubscriptionPlan.coinsIn(frames);
        }
        clients = List.copyOf(grown);
        for (HyperliquidWsClient c : fresh) {
            c.start();
        }
        LOG.atInfo().addKeyValue(LogKeys.SOURCE, Source.name(source))
                .log("{}: {} added pairs and {} spot pairs subscribed on {} new connection(s)", Source.name(source),
                        subscribed, spotAdded.size(), fresh.size());
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
