package io.perpspot.engine.feed.sim;

import io.netty.channel.EventLoopGroup;
import io.perpspot.engine.feed.fallback.FallbackIds;
import io.perpspot.engine.tokens.Token;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A local Kraken {@code GET /0/public/Ticker?pair=A,B} (protocols.md §5): {@code {"error":[],
 * "result":{…}}} keyed by Kraken's canonical pair names, which differ from the request for legacy
 * assets ({@code XBTUSD} → {@code XXBTZUSD}, {@code ETHUSD} → {@code XETHZUSD}); every value a
 * string except the trade counts. One unknown pair fails the whole request with HTTP 200 and
 * {@code {"error":["EQuery:Unknown asset pair"]}}, as Kraken does. Bid/ask straddle the sim
 * market's spot price. Faults through {@link #faults()}.
 */
public final class SimKrakenServer extends SimRestServer {
    public static final String PATH = "/0/public/Ticker";
    /** Kraken's renamed result keys for legacy assets. */
    private static final Map<String, String> RESULT_KEY = Map.of("XBTUSD", "XXBTZUSD", "ETHUSD", "XETHZUSD",
            "USDTUSD", "USDTZUSD");

    public SimKrakenServer(SimMarket market, EventLoopGroup group, int port) {
        super("sim-kraken", group, port, PATH, api(market));
    }

    private static BiFunction<String, Map<String, List<String>>, SimFaults.Reply> api(SimMarket market) {
        Map<String, Token> byPair = new HashMap<>();
        FallbackIds ids = FallbackIds.bundled();
        for (Token t : market.universe()) {
            String pair = ids.kraken().get(t.symbol());
            if (pair != null) {
                byPair.putIfAbsent(pair, t);
            }
        }
        return (path, params) -> {
            String list = SimCoinGeckoServer.first(params, "pair");
            Map<String, Token> asked = new LinkedHashMap<>();
            for (String p : (list == null ? "" : list).split(",")) {
                if (p.isBlank()) {
                    continue;
                }
                Token t = byPair.get(p.trim());
                if (t == null) {
                    return SimFaults.Reply.json("{\"error\":[\"EQuery:Unknown asset pair\"]}");
                }
                asked.put(p.trim(), t);
            }
            StringBuilder sb = new StringBuilder(1024).append("{\"error\":[],\"result\":{");
            boolean first = true;
            for (Map.Entry<String, Token> en : asked.entrySet()) {
                double px = market.spotPrice(en.getValue());
                String bid = decimal(px * 0.9999);
                String ask = decimal(px * 1.0001);
                if (!first) {
                    sb.append(',');
                }
                first = false;
                JsonText.string(sb, RESULT_KEY.getOrDefault(en.getKey(), en.getKey()))
                        .append(":{\"a\":[\"").append(ask).append("\",\"2\",\"2.000\"],\"b\":[\"").append(bid)
                        .append("\",\"1\",\"1.000\"],\"c\":[\"").append(decimal(px)).append("\",\"0.00112355\"],")
                        .append("\"v\":[\"702.24523395\",\"3307.38151293\"],\"p\":[\"").append(decimal(px))
                        .append("\",\"").append(decimal(px)).append("\"],\"t\":[33153,135029],\"l\":[\"")
                        .append(decimal(px * 0.98)).append("\",\"").append(decimal(px * 0.97)).append("\"],\"h\":[\"")
                        .append(decimal(px * 1.02)).append("\",\"").append(decimal(px * 1.03)).append("\"],\"o\":\"")
                        .append(decimal(px)).append("\"}");
            }
            return SimFaults.Reply.json(sb.append("}}").toString());
        };
    }

    private static String decimal(double v) {
        return new BigDecimal(v).round(new MathContext(8)).stripTrailingZeros().toPlainString();
    }
}
