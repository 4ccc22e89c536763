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
 * Decodes Kraken public {@code Ticker} answers ({@code {"error":[],"result":{"<PAIRKEY>":{"a":[…],
 * "b":[…],…}}}}, protocols.md §5) into PerpBbo events per token (source {@code kraken}): bid
 * {@code b[0]}, ask {@code a[0]}, sizes the lot volumes. Result keys may be Kraken's renamed pair
 * names ({@code XXBTZUSD} for {@code XBTUSD}). Errors come back as HTTP 200 with a non-empty
 * {@code error} array: the whole answer is rejected and the poll fails with Kraken's message.
 */
public final class KrakenDecoder extends FallbackDecoder {
    private final FallbackIds ids;
    private final Map<String, List<Integer>> tokensBySymbol = new HashMap<>();
    private final List<String> pairs = new ArrayList<>();

    public KrakenDecoder(TokenRegistry registry, FallbackIds ids, EventPublisher out, FeedStats stats) {
        super(Source.KRAKEN, out, stats);
        this.ids = ids;
        for (Token t : registry.all()) {
            String pair = ids.kraken().get(t.symbol());
            if (pair != null) {
                if (!tokensBySymbol.containsKey(t.symbol())) {
                    pairs.add(pair);
                }
                tokensBySymbol.computeIfAbsent(t.symbol(), k -> new ArrayList<>()).add(t.id());
            }
        }
    }

    /** The pairs to ask for. */
    public List<String> pairs() {
        return pairs;
    }

    /**
     * Decodes one Ticker answer and publishes a PerpBbo per token of each valid pair; a bad entry is rejected alone
     * (counted per reason) and the others still count.
     *
     * @param recvNanos the answer's receive time, epoch nanoseconds
     * @return the PerpBbo events published
     * @throws PollingTier.PollFailure if the body is rejected as a whole (not JSON, truncated, the wrong shape, or a
     *     Kraken error), after counting it
     */
    public int decode(byte[] body, int len, long recvNanos) {
        JsonNode root = parse(body, len, "Ticker");
        if (!root.isObject()) {
            throw shape(body, len, Reject.WRONG_TYPE, "Ticker: not an object");
        }
        JsonNode error = root.get("error");
        if (error != null && error.isArray() && error.size() > 0) {
            throw shape(body, len, Reject.SERVER_ERROR, "Ticker: " + error);
        }
        JsonNode result = root.get("result");
        if (result == null || !result.isObject()) {
            throw shape(body, len, result == null ? Reject.MISSING_FIELD : Reject.WRONG_TYPE, "Ticker: result");
        }
        int published = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> en = it.next();
            String symbol = ids.symbolOfKrakenKey(en.getKey());
            List<Integer> tokens = symbol == null ? null : tokensBySymbol.get(symbol);
            if (tokens == null) {
                entry(Reject.UNKNOWN_PAIR, "kraken pair " + en.getKey());
                continue;
            }
            JsonNode v = en.getValue();
            if (!v.isObject()) {
                entry(Reject.WRONG_TYPE, en.getKey());
                continue;
            }
            JsonNode a = v.get("a");
            JsonNode b = v.get("b");
            if (a == null || b == null || !a.isArray() || !b.isArray() || a.size() < 1 || b.size() < 1) {
                entry(a == null || b == null ? Reject.MISSING_FIELD : Reject.WRONG_TYPE, en.getKey() + " a/b");
                continue;
            }
            long ask = price(a.get(0), true, en.getKey() + ".a");
            if (ask == FixedPoint.INVALID) {
                continue;
            }
            long bid = price(b.get(0), true, en.getKey() + ".b");
            if (bid == FixedPoint.INVALID) {
                continue;
            }
            if (bid >= ask) {
                entry(Reject.CROSSED_BOOK, en.getKey());
                continue;
            }
            for (int id : tokens) {
                scratch.reset();
                scratch.type = EventType.PERP_BBO;
                scratch.source = source;
                scratch.tokenId = id;
                scratch.recvNanos = recvNanos;
                scratch.bidPx = bid;
                scratch.askPx = ask;
                scratch.bidSz = size(b.get(b.size() - 1));
                scratch.askSz = size(a.get(a.size() - 1));
                out.publish(scratch);
                published++;
            }
        }
        return published;
    }
}
