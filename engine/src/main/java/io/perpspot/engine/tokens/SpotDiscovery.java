package io.perpspot.engine.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.http.HttpFetcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers Hyperliquid spot pairs for the tracked perps: fetches {@code spotMetaAndAssetCtxs} (a server that does
 * not answer it: {@code spotMeta}) from the first info URL that answers, and the perps' marks
 * ({@code metaAndAssetCtxs}) from the same URL, matches the pairs ({@link SpotMatcher}: a candidate priced unlike its
 * perp is a namesake and is skipped) and logs what it matched and why, and what it skipped,
 * once: a round whose outcome is the one logged last logs nothing. A spotMeta that is refused
 * ({@link SpotMeta.Refused}) or unreachable leaves the previous universe in force, and says why once.
 * One instance per engine, on the discovery thread.
 */
public final class SpotDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(SpotDiscovery.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpFetcher http;
    private final List<String> infoUrls;
    private final Map<String, String> overrides;
    private SpotMeta universe;
    private Map<String, Double> perpMarks = Map.of();
    private Map<String, String> pairs = Map.of();
    private List<String> logged = List.of();
    private String lastFailure;

    /**
     * @param infoUrls  Hyperliquid info URLs in failover order
     * @param overrides {@code tokens.yaml}'s {@code spot} list: pair name to perp coin
     */
    public SpotDiscovery(HttpFetcher http, List<String> infoUrls, Map<String, String> overrides) {
        this.http = http;
        this.infoUrls = List.copyOf(infoUrls);
        this.overrides = Map.copyOf(overrides);
    }

    /** One round for {@code tokens}: the spot pair of each matched perp coin (the previous ones if it failed). */
    public Map<String, String> discover(List<Token> tokens) {
        String failure = null;
        for (String url : infoUrls) {
            try {
                universe = fetch(url);
                perpMarks = perpMarks(url);
                failure = null;
                break;
            } catch (SpotMeta.Refused e) {
                failure = url + ": spotMeta refused (" + e.getMessage() + ")";
            } catch (RuntimeException e) {
                failure = url + ": spotMeta unavailable (" + e.getMessage() + ")";
            }
        }
        if (failure != null && !failure.equals(lastFailure)) {
            LOG.warn("spot discovery: {}; keeping the previous spot universe ({} pairs)", failure, pairs.size());
        }
        lastFailure = failure;
        if (universe == null) {
            return pairs;
        }
        SpotMatcher.Match m = SpotMatcher.match(universe, tokens, overrides, perpMarks);
        pairs = m.pairByCoin();
        List<String> lines = m.lines();
        if (!lines.equals(logged)) {
            for (String line : lines) {
                LOG.info("spot discovery: {}", line);
            }
            logged = lines;
        }
        return pairs;
    }

    /** The last spot universe read, or null. */
    public SpotMeta universe() {
        return universe;
    }

    private SpotMeta fetch(String url) {
        HttpFetcher.Response r = http.postJson(url, "{\"type\":\"spotMetaAndAssetCtxs\"}");
        if (r.status() != 200) {
            r = http.postJson(url, "{\"type\":\"spotMeta\"}");
        }
        if (r.status() != 200) {
            throw new IllegalStateException("HTTP " + r.status());
        }
        return SpotMeta.parse(new String(r.body(), StandardCharsets.UTF_8));
    }

    /**
     * The perps' mark prices by coin from {@code metaAndAssetCtxs} (contexts in {@code universe} order); empty when
     * the server does not answer it or the body is not that shape: matching then goes by names alone.
     */
    private Map<String, Double> perpMarks(String url) {
        try {
            HttpFetcher.Response r = http.postJson(url, "{\"type\":\"metaAndAssetCtxs\"}");
            if (r.status() != 200) {
                return Map.of();
            }
            JsonNode root = JSON.readTree(r.body());
            JsonNode universe = root.path(0).path("universe");
            JsonNode ctxs = root.path(1);
            Map<String, Double> out = new HashMap<>();
            for (int i = 0; i < universe.size() && i < ctxs.size(); i++) {
                String coin = universe.get(i).path("name").asText("");
                double mark = ctxs.get(i).path("markPx").asDouble(Double.NaN);
                if (!coin.isEmpty() && mark > 0) {
                    out.put(coin, mark);
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
