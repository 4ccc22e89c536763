package io.perpspot.engine.feed.fallback;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decodes CoinGecko {@code simple/price} answers ({@code {"<id>":{"usd":<number>,
 * "last_updated_at":<unix s>}}}, protocols.md §4) into PerpMid events per token (source
 * {@code coingecko}; prices are per token, so a k-contract needs no conversion). Unknown ids are
 * counted; an id's {@code last_updated_at} must move forward (CoinGecko caches for up to 60 s: a
 * repeated time is the same price again and is counted as a duplicate, not published).
 */
public final class CoinGeckoDecoder extends FallbackDecoder {
    private final Map<String, List<Integer>> tokensById = new HashMap<>();
    private final long[] lastTime;

    public CoinGeckoDecoder(TokenRegistry registry, FallbackIds ids, EventPublisher out, FeedStats stats) {
        super(Source.COINGECKO, out, stats);
        for (Token t : registry.all()) {
            String id = ids.coingecko().get(t.symbol());
            if (id != null) {
                tokensById.computeIfAbsent(id, k -> new ArrayList<>()).add(t.id());
            }
        }
        lastTime = new long[registry.size()];
    }

    /** The ids to ask for. */
    public List<String> ids() {
        return new ArrayList<>(tokensById.keySet());
    }

    /**
     * Decodes one body; returns the entries that were valid (published, or repeating the last
     * time: CoinGecko's cache). Throws {@link PollingTier.PollFailure} for a bad body.
     */
    public int decode(byte[] body, int len, long recvNanos) {
        JsonNode root = parse(body, len, "simple/price");
        if (!root.isObject()) {
            throw shape(body, len, Reject.WRONG_TYPE, "simple/price: not an object");
        }
        if (root.has("status") && root.get("status").isObject()) {
            JsonNode msg = root.get("status").get("error_message");
            throw shape(body, len, Reject.SERVER_ERROR, "simple/price: "
                    + (msg == null ? root.get("status") : msg.asText()));
        }
        int published = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> en = it.next();
            List<Integer> tokens = tokensById.get(en.getKey());
            if (tokens == null) {
                entry(Reject.UNKNOWN_PAIR, "coingecko id " + en.getKey());
                continue;
            }
            JsonNode v = en.getValue();
            if (!v.isObject()) {
                entry(Reject.WRONG_TYPE, en.getKey());
                continue;
            }
            long px = price(v.get("usd"), false, en.getKey() + ".usd");
            if (px == FixedPoint.INVALID) {
                continue;
            }
            long timeMs = 0;
            JsonNode t = v.get("last_updated_at");
            if (t != null && !t.isNull()) {
                if (!t.canConvertToLong() || !t.isIntegralNumber() || t.asLong() <= 0) {
                    entry(Reject.WRONG_TYPE, en.getKey() + ".last_updated_at");
                    continue;
                }
                timeMs = t.asLong() * 1000;
            }
            for (int id : tokens) {
                if (timeMs != 0) {
                    if (timeMs == lastTime[id]) {
                        entry(Reject.DUPLICATE_TIME, en.getKey());
                        published++;
                        continue;
                    }
                    if (timeMs < lastTime[id]) {
                        entry(Reject.OUT_OF_ORDER_TIME, en.getKey());
                        continue;
                    }
                    lastTime[id] = timeMs;
                }
                scratch.reset();
                scratch.type = EventType.PERP_MID;
                scratch.source = source;
                scratch.tokenId = id;
                scratch.recvNanos = recvNanos;
                scratch.exchTimeMs = timeMs;
                scratch.midPx = px;
                out.publish(scratch);
                published++;
            }
        }
        return published;
    }
}
