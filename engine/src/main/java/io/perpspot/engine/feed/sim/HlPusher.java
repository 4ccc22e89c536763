package io.perpspot.engine.feed.sim;

import java.time.Duration;

/**
 * Renders subscription snapshots and pushes them at the sim cadences: {@code bbo} only when it
 * changed, {@code l2Book} with one shared {@code time} for all coins ({@code fast} books every
 * 0.5 s at most, 5 levels), {@code activeAssetCtx}, {@code allDexsAssetCtxs} (the first dex only) and
 * {@code allMids}; spot pairs' ({@code @142}) books and bbo
 * as the perps'. Reads the market and the
 * hub's groups; writes WebSocket frames. Nothing goes out while the server is stalled.
 */
final class HlPusher {
    static final Duration FAST_BOOK_INTERVAL = Duration.ofMillis(500);

    private final HlHub hub;
    private final SimMarket market;

    private long lastTime;

    /**
     * Exchange time in ms, strictly increasing across every frame this server renders: the real
     * service never repeats a coin's snapshot time (clients reject repeats as duplicates).
     */
    synchronized long clock() {
        long now = System.currentTimeMillis();
        lastTime = now > lastTime ? now : lastTime + 1;
        return lastTime;
    }

    HlPusher(HlHub hub) {
        this.hub = hub;
        this.market = hub.market;
    }

    /** The current message for a subscription, or null for channels the sim does not feed (trades, candle). */
    String snapshot(HlSubscription sub, long time) {
        if (sub.type == HlSubscription.Type.ALL_MIDS) {
            return HlFrames.allMids(market);
        }
        if (sub.type == HlSubscription.Type.ALL_DEXS_ASSET_CTXS) {
            return HlFrames.allDexsAssetCtxs(market);
        }
        SimSpotPair spot = market.spotPair(sub.coin);
        if (spot != null) {
            return switch (sub.type) {
                case L2_BOOK -> HlFrames.l2Book(market.spotBook(spot, sub.fast ? 5 : 20), time);
                case BBO -> HlFrames.bbo(market.spotBook(spot, 1), time);
                default -> null;
            };
        }
        SimAsset a = market.asset(sub.coin);
        if (a == null) {
            return null;
        }
        switch (sub.type) {
            case L2_BOOK: {
                long step = market.aggregationStep(a, sub.nSigFigs, sub.mantissa);
                return HlFrames.l2Book(market.book(a, sub.fast ? 5 : 20, step), time);
            }
            case BBO:
                return HlFrames.bbo(market.book(a, 1, 0), time);
            case ACTIVE_ASSET_CTX:
                return HlFrames.activeAssetCtx(market.ctx(a));
            default:
                return null;
        }
    }

    void pushBooks(boolean fast) {
        if (hub.stalled) {
            return;
        }
        long time = clock();
        for (HlHub.Group g : hub.groups.values()) {
            if (g.subscription.type == HlSubscription.Type.L2_BOOK && g.subscription.fast == fast) {
                render(g, time);
            }
        }
        hub.flushAll();
    }

    void pushBbo() {
        if (hub.stalled) {
            return;
        }
        long time = clock();
        for (HlHub.Group g : hub.groups.values()) {
            if (g.subscription.type != HlSubscription.Type.BBO) {
                continue;
            }
            SimSpotPair spot = market.spotPair(g.subscription.coin);
            SimBook top = spot != null ? market.spotBook(spot, 1)
                    : market.book(market.asset(g.subscription.coin), 1, 0);
            String key = HlFrames.bboKey(top);
            if (!key.equals(g.lastBbo)) {
                g.lastBbo = key;
                hub.broadcast(g, HlFrames.bbo(top, time));
            }
        }
        hub.flushAll();
    }

    void pushType(HlSubscription.Type type) {
        if (hub.stalled) {
            return;
        }
        long time = clock();
        for (HlHub.Group g : hub.groups.values()) {
            if (g.subscription.type == type) {
                render(g, time);
            }
        }
        hub.flushAll();
    }

    private void render(HlHub.Group g, long time) {
        String text = snapshot(g.subscription, time);
        if (text != null) {
            hub.broadcast(g, text);
        }
    }
}
