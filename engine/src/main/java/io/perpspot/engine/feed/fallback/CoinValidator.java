package io.perpspot.engine.feed.fallback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps only coins Hyperliquid lists: an unknown or lowercase coin in a subscription makes the
 * server close the whole socket without a word (protocols.md §1.4), so every coin is checked
 * against {@code meta} (exact, case-sensitive names) before it is subscribed. When {@code meta}
 * cannot be fetched, the last good answer is used; before any, only a syntactic check (upper-case
 * names, an optional {@code k} prefix) guards the socket. Each coin left out is counted per source
 * as {@link Reject#NOT_IN_META}. Thread-safe.
 */
public final class CoinValidator {
    private static final Logger LOG = LoggerFactory.getLogger(CoinValidator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAUSIBLE = Pattern.compile("k?[A-Z0-9]+");

    private final HttpFetcher http;
    private final FeedStats stats;
    private volatile Set<String> lastMeta;

    public CoinValidator(HttpFetcher http, FeedStats stats) {
        this.http = http;
        this.stats = stats;
    }

    /** The registry's coins that may be subscribed on a source whose info endpoint is {@code infoUrl}. */
    public List<String> validCoins(TokenRegistry registry, String infoUrl, int source) {
        return validCoins(registry.all(), infoUrl, source);
    }

    /** The tokens' coins that may be subscribed on a source whose info endpoint is {@code infoUrl}. */
    public List<String> validCoins(List<Token> tokens, String infoUrl, int source) {
        Set<String> meta = null;
        if (infoUrl != null) {
            try {
                meta = fetch(infoUrl);
                lastMeta = meta;
            } catch (HttpFetcher.FetchException | IOException e) {
                LOG.info("hyperliquid meta from {} unavailable ({}); {}", infoUrl, e.getMessage(),
                        lastMeta != null ? "using the last good meta" : "checking coin names only");
            }
        }
        if (meta == null) {
            meta = lastMeta;
        }
        List<String> out = new ArrayList<>();
        for (Token t : tokens) {
            String coin = t.hlCoin();
            boolean ok = meta != null ? meta.contains(coin) : PLAUSIBLE.matcher(coin).matches();
            if (ok) {
                out.add(coin);
            } else {
                stats.reject(source, Reject.NOT_IN_META, null, 0, 0, coin + " is not subscribed");
            }
        }
        return out;
    }

    /**
     * The last good {@code meta.universe} in its order (delisted ones included), or null before one was read: what
     * names the contexts of an {@code allDexsAssetCtxs} frame.
     */
    public List<String> metaOrder() {
        Set<String> m = lastMeta;
        return m == null ? null : List.copyOf(m);
    }

    /** Names in {@code meta.universe} (delisted ones included: they are acked and push empty books). */
    Set<String> fetch(String infoUrl) throws IOException {
        HttpFetcher.Response r = http.postJson(infoUrl, "{\"type\":\"meta\"}");
        if (r.status() != 200 || r.oversize()) {
            throw new IOException("HTTP " + r.status() + (r.oversize() ? " (body over the size limit)" : ""));
        }
        JsonNode root = JSON.readTree(r.body());
        JsonNode universe = root == null ? null : root.get("universe");
        if (universe == null || !universe.isArray()) {
            throw new IOException("meta without a universe");
        }
        // In meta's order: an allDexsAssetCtxs frame names its contexts by that order alone.
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode a : universe) {
            JsonNode name = a.get("name");
            if (name != null && name.isTextual()) {
                names.add(name.asText());
            }
        }
        if (names.isEmpty()) {
            throw new IOException("meta with an empty universe");
        }
        return names;
    }
}
