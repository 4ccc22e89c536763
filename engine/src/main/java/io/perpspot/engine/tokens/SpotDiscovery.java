package io.perpspot.engine.tokens;

import io.perpspot.engine.http.HttpFetcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers Hyperliquid spot pairs for the tracked perps: fetches {@code spotMeta} from the first info URL
 * that answers, matches its pairs ({@link SpotMatcher}) and logs what it matched and why, and what it skipped,
 * once: a round whose outcome is the one logged last logs nothing. A spotMeta that is refused
 * ({@link SpotMeta.Refused}) or unreachable leaves the previous universe in force, and says why once.
 * One instance per engine, on the discovery thread.
 */
public final class SpotDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(SpotDiscovery.class);

    private final HttpFetcher http;
    private final List<String> infoUrls;
    private final Map<String, String> overrides;
    private SpotMeta universe;
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
        SpotMatcher.Match m = SpotMatcher.match(universe, tokens, overrides);
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
        HttpFetcher.Response r = http.postJson(url, "{\"type\":\"spotMeta\"}");
        if (r.status() != 200) {
            throw new IllegalStateException("HTTP " + r.status());
        }
        return SpotMeta.parse(new String(r.body(), StandardCharsets.UTF_8));
    }
}
