package io.perpspot.engine.feed.sim;

import io.netty.channel.EventLoopGroup;
import io.perpspot.engine.feed.fallback.FallbackIds;
import io.perpspot.engine.tokens.Token;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A local CoinGecko {@code GET /api/v3/simple/price?ids=…&vs_currencies=usd} (protocols.md §4):
 * a JSON object keyed by coin id, then currency, with JSON numbers; unknown ids are omitted
 * ({@code {}} if none is known); {@code include_last_updated_at=true} adds the unix-seconds time.
 * Prices are the sim market's spot prices of the tokens mapped to each id by the bundled
 * {@link FallbackIds}. Missing {@code vs_currencies}: 400 with CoinGecko's error body.
 * Faults through {@link #faults()}.
 */
public final class SimCoinGeckoServer extends SimRestServer {
    public static final String PATH = "/api/v3/simple/price";

    public SimCoinGeckoServer(SimMarket market, EventLoopGroup group, int port) {
        super("sim-coingecko", group, port, PATH, api(market));
    }

    private static BiFunction<String, Map<String, List<String>>, SimFaults.Reply> api(SimMarket market) {
        Map<String, Token> byId = new HashMap<>();
        FallbackIds ids = FallbackIds.bundled();
        for (Token t : market.universe()) {
            String id = ids.coingecko().get(t.symbol());
            if (id != null) {
                byId.putIfAbsent(id, t);
            }
        }
        return (path, params) -> {
            List<String> vs = params.get("vs_currencies");
            if (vs == null || vs.isEmpty()) {
                return new SimFaults.Reply(400, "application/json",
                        "{\"error\":\"Missing parameter vs_currencies\"}");
            }
            boolean time = "true".equals(first(params, "include_last_updated_at"));
            long now = System.currentTimeMillis() / 1000;
            StringBuilder sb = new StringBuilder(1024).append('{');
            String idList = first(params, "ids");
            boolean firstEntry = true;
            if (idList != null) {
                for (String id : idList.split(",")) {
                    Token t = byId.get(id.trim());
                    if (t == null) {
                        continue;
                    }
                    if (!firstEntry) {
                        sb.append(',');
                    }
                    firstEntry = false;
                    JsonText.string(sb, id.trim()).append(":{\"usd\":").append(market.spotPrice(t));
                    if (time) {
                        sb.append(",\"last_updated_at\":").append(now);
                    }
                    sb.append('}');
                }
            }
            return SimFaults.Reply.json(sb.append('}').toString());
        };
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
