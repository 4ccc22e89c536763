package io.perpspot.engine.feed.fallback;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads Hyperliquid subscriptions over connections within the per-IP limits (1000
 * subscriptions, 10 connections; protocols.md §1.8): {@code allMids} once on the first
 * connection, then {@code bbo}, {@code l2Book} and {@code activeAssetCtx} per coin, a coin's three
 * always on the same connection, at most {@code perConnection} per connection; then {@code bbo} and
 * {@code l2Book} per Hyperliquid spot pair ({@code @142}, docs/hyperliquid-spot.md), both on one connection.
 * Perps come first: when a cap binds, spot pairs are the first left out, and the plan logs which pairs got
 * their two channels and which got none.
 */
public final class SubscriptionPlan {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionPlan.class);
    /** Hyperliquid's per-IP limits. */
    public static final int HL_MAX_SUBSCRIPTIONS = 1000;
    public static final int HL_MAX_CONNECTIONS = 10;
    /** Subscriptions per coin: bbo, l2Book, activeAssetCtx. */
    static final int PER_COIN = 3;
    /** Subscriptions per spot pair: bbo, l2Book. */
    static final int PER_SPOT_PAIR = 2;

    private SubscriptionPlan() {
    }

    /** The subscribe frames, one list per connection. Coins that do not fit are left out and logged. */
    public static List<List<String>> plan(List<String> coins, boolean fastBook, int perConnection, int maxConnections,
                                          int maxSubscriptions) {
        return plan(coins, fastBook, perConnection, maxConnections, maxSubscriptions, true);
    }

    /**
     * As {@link #plan(List, boolean, int, int, int)}; {@code withAllMids} false plans extra
     * connections for pairs added mid-run (the first connection of the tier already has allMids).
     */
    public static List<List<String>> plan(List<String> coins, boolean fastBook, int perConnection, int maxConnections,
                                          int maxSubscriptions, boolean withAllMids) {
        return plan(coins, List.of(), fastBook, perConnection, maxConnections, maxSubscriptions, withAllMids);
    }

    /** As {@link #plan(List, boolean, int, int, int, boolean)}, with the {@code spotPairs} after the perps. */
    public static List<List<String>> plan(List<String> coins, List<String> spotPairs, boolean fastBook,
                                          int perConnection, int maxConnections, int maxSubscriptions,
                                          boolean withAllMids) {
        int per = Math.max(PER_COIN + 1, perConnection);
        int conns = Math.min(Math.max(1, maxConnections), HL_MAX_CONNECTIONS);
        int budget = Math.min(maxSubscriptions, HL_MAX_SUBSCRIPTIONS);
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int total = 0;
        if (withAllMids) {
            current.add(frame("{\"type\":\"allMids\"}"));
            total = 1;
        }
        int left = 0;
        for (String coin : coins) {
            if (total + PER_COIN > budget) {
                left++;
                continue;
            }
            if (current.size() + PER_COIN > per) {
                if (out.size() + 1 >= conns) {
                    left++;
                    continue;
                }
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(frame("{\"type\":\"bbo\",\"coin\":\"" + coin + "\"}"));
            current.add(frame(fastBook ? "{\"type\":\"l2Book\",\"coin\":\"" + coin + "\",\"fast\":true}"
                    : "{\"type\":\"l2Book\",\"coin\":\"" + coin + "\"}"));
            current.add(frame("{\"type\":\"activeAssetCtx\",\"coin\":\"" + coin + "\"}"));
            total += PER_COIN;
        }
        List<String> spotIn = new ArrayList<>();
        List<String> spotOut = new ArrayList<>();
        for (String pair : spotPairs) {
            if (total + PER_SPOT_PAIR > budget) {
                spotOut.add(pair);
                continue;
            }
            if (current.size() + PER_SPOT_PAIR > per) {
                if (out.size() + 1 >= conns) {
                    spotOut.add(pair);
                    continue;
                }
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(frame("{\"type\":\"bbo\",\"coin\":\"" + pair + "\"}"));
            current.add(frame(fastBook ? "{\"type\":\"l2Book\",\"coin\":\"" + pair + "\",\"fast\":true}"
                    : "{\"type\":\"l2Book\",\"coin\":\"" + pair + "\"}"));
            total += PER_SPOT_PAIR;
            spotIn.add(pair);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        if (!spotIn.isEmpty()) {
            LOG.info("hyperliquid: spot pairs with bbo and l2Book: {}", spotIn);
        }
        if (!spotOut.isEmpty()) {
            LOG.warn("hyperliquid: spot pairs left unsubscribed (the subscription or connection cap binds): {}",
                    spotOut);
        }
        if (left > 0) {
            LOG.warn("hyperliquid: {} coins left unsubscribed: {} subscriptions over {} connections is the limit",
                    left, Math.min(budget, per * conns), conns);
        }
        return out;
    }

    private static String frame(String subscription) {
        return "{\"method\":\"subscribe\",\"subscription\":" + subscription + "}";
    }
}
