package io.perpspot.engine.feed.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seam for a load generator (the benchmarks' wire harness): the frames this sim's Hyperliquid
 * pushes, rendered by the same builders ({@code HlFrames}) from the market's current state, so a
 * generator can replay them at a fixed rate through {@link SimHyperliquidServer#injectFrames}
 * instead of at the sim's cadences. Reads the market; writes strings.
 */
public final class SimWireFrames {
    /** The channels a generator can render, as the engine subscribes them. */
    public enum Kind {
        /** {@code bbo}: the top of the book, with {@code time}. */
        BBO,
        /** {@code l2Book}: 20 levels a side, with {@code time}. */
        L2_BOOK,
        /** {@code activeAssetCtx}: funding, open interest, mark and oracle (the protocol gives it no time). */
        ACTIVE_ASSET_CTX
    }

    private SimWireFrames() {
    }

    /**
     * One frame of {@code kind} for every live perp of {@code market}, by coin in {@code meta} order, each
     * stamped with exchange time {@code time} (ms; ignored for {@link Kind#ACTIVE_ASSET_CTX}).
     */
    public static Map<String, String> render(SimMarket market, Kind kind, long time) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String coin : market.perpCoins()) {
            SimAsset a = market.asset(coin);
            if (a == null || !a.perpLive()) {
                continue;
            }
            out.put(coin, switch (kind) {
                case BBO -> HlFrames.bbo(market.book(a, 1, 0), time);
                case L2_BOOK -> HlFrames.l2Book(market.book(a, 20, 0), time);
                case ACTIVE_ASSET_CTX -> HlFrames.activeAssetCtx(market.ctx(a));
            });
        }
        return out;
    }
}
