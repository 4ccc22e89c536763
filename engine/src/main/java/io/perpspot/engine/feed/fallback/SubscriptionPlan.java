package io.perpspot.engine.feed.fallback;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** The one aggregate context subscription: every perp's funding, mark, oracle and impact prices. */
    static final String AGGREGATE = frame("{\"type\":\"allDexsAssetCtxs\"}");

    /** True when a plan takes the perps' contexts from {@code allDexsAssetCtxs} (on its first connection). */
    public static boolean usesAggregate(List<List<String>> plan) {
        return !plan.isEmpty() && plan.get(0).contains(AGGREGATE);
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

    /**
     * As {@link #plan(List, boolean, int, int, int, boolean)}, with the {@code spotPairs} after the perps. When the
     * per-coin contexts would leave a coin or a spot pair out, a first plan ({@code withAllMids}) takes every perp's
     * context from one {@code allDexsAssetCtxs} instead (two subscriptions a coin, not three): the aggregate
     * carries every field of {@code activeAssetCtx} the strategy reads, pushed every ≈ 13.6 s instead of ≈ 1 s
     * (mark, oracle and funding; the mid comes from the books). A plan that fits keeps the per-coin channel.
     */
    public static List<List<String>> plan(List<String> coins, List<String> spotPairs, boolean fastBook,
                                          int perConnection, int maxConnections, int maxSubscriptions,
                                          boolean withAllMids) {
        Outcome perCoin = pack(coins, spotPairs, fastBook, perConnection, maxConnections, maxSubscriptions,
                withAllMids, false);
        Outcome chosen = perCoin;
        if (withAllMids && (perCoin.left > 0 || !perCoin.spotOut.isEmpty())) {
            Outcome aggregate = pack(coins, spotPairs, fastBook, perConnection, maxConnections, maxSubscriptions,
                    true, true);
            if (aggregate.left < perCoin.left
                    || (aggregate.left == perCoin.left && aggregate.spotOut.size() < perCoin.spotOut.size())) {
                chosen = aggregate;
                LOG.info("hyperliquid: the caps bind with a context channel per coin: every perp's context comes"
                        + " from one allDexsAssetCtxs subscription instead (mark, oracle and funding every ≈ 14 s)");
            }
        }
        chosen.log();
        return chosen.plan;
    }

    /** One packing of the frames and what it left out. */
    private record Outcome(List<List<String>> plan, int left, List<String> spotIn, List<String> spotOut, int budget,
                           int per, int conns) {
        void log() {
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
        }
    }

    private static Outcome pack(List<String> coins, List<String> spotPairs, boolean fastBook, int perConnection,
                                int maxConnections, int maxSubscriptions, boolean withAllMids, boolean aggregate) {
        int per = Math.max(PER_COIN + 1, perConnection);
        int conns = Math.min(Math.max(1, maxConnections), HL_MAX_CONNECTIONS);
        int budget = Math.min(maxSubscriptions, HL_MAX_SUBSCRIPTIONS);
        Packing p = new Packing(per, conns, budget);
        if (withAllMids) {
            p.current.add(frame("{\"type\":\"allMids\"}"));
            p.total = 1;
        }
        if (aggregate) {
            p.current.add(AGGREGATE);
            p.total++;
        }
        int left = 0;
        for (String coin : coins) {
            boolean in = aggregate ? p.add(books(coin, fastBook))
                    : p.add(books(coin, fastBook), frame("{\"type\":\"activeAssetCtx\",\"coin\":\"" + coin + "\"}"));
            if (!in) {
                left++;
            }
        }
        List<String> spotIn = new ArrayList<>();
        List<String> spotOut = new ArrayList<>();
        for (String pair : spotPairs) {
            (p.add(books(pair, fastBook)) ? spotIn : spotOut).add(pair);
        }
        return new Outcome(p.done(), left, spotIn, spotOut, budget, per, conns);
    }

    /** The {@code spotPairs} whose bbo a plan subscribes (a pair's two frames go together, so its bbo says it). */
    static Set<String> spotPairsIn(List<List<String>> plan, List<String> spotPairs) {
        Set<String> frames = new HashSet<>();
        plan.forEach(frames::addAll);
        Set<String> in = new HashSet<>();
        for (String pair : spotPairs) {
            if (frames.contains(frame("{\"type\":\"bbo\",\"coin\":\"" + pair + "\"}"))) {
                in.add(pair);
            }
        }
        return in;
    }

    /**
     * The perp coins one connection of a plan without the aggregate subscribes: one activeAssetCtx each (a plan for
     * added pairs never takes the aggregate).
     */
    static int coinsIn(List<String> frames) {
        int n = 0;
        for (String f : frames) {
            if (f.contains("\"type\":\"activeAssetCtx\"")) {
                n++;
            }
        }
        return n;
    }

    /** A coin's bbo and l2Book subscribe frames. */
    private static String[] books(String coin, boolean fastBook) {
        return new String[] {frame("{\"type\":\"bbo\",\"coin\":\"" + coin + "\"}"),
            frame(fastBook ? "{\"type\":\"l2Book\",\"coin\":\"" + coin + "\",\"fast\":true}"
                    : "{\"type\":\"l2Book\",\"coin\":\"" + coin + "\"}")};
    }

    /** Frames packed onto connections: a group of frames goes whole onto one connection, or not at all. */
    private static final class Packing {
        private final int per;
        private final int conns;
        private final int budget;
        private final List<List<String>> out = new ArrayList<>();
        private List<String> current = new ArrayList<>();
        private int total;

        Packing(int per, int conns, int budget) {
            this.per = per;
            this.conns = conns;
            this.budget = budget;
        }

        /** Adds {@code books} and the {@code extra} frames together; false when they do not fit. */
        boolean add(String[] books, String... extra) {
            int n = books.length + extra.length;
            if (total + n > budget) {
                return false;
            }
            if (current.size() + n > per) {
                if (out.size() + 1 >= conns) {
                    return false;
                }
                out.add(current);
                current = new ArrayList<>();
            }
            current.addAll(List.of(books));
            current.addAll(List.of(extra));
            total += n;
            return true;
        }

        List<List<String>> done() {
            if (!current.isEmpty()) {
                out.add(current);
            }
            return out;
        }
    }

    private static String frame(String subscription) {
        return "{\"method\":\"subscribe\",\"subscription\":" + subscription + "}";
    }
}
