package io.perpspot.engine.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.LogKeys;
import io.perpspot.engine.http.HttpFetcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the pairs to track: Hyperliquid perps from {@code meta} (delisted ones dropped) joined
 * with Jupiter's verified tokens by symbol ({@code kBONK} ↔ {@code BONK} with a ×1000
 * contract), the static table overriding the join for the coins it lists. When the venues
 * cannot be reached the static table is used as it is, so the engine always starts.
 */
public final class TokenDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(TokenDiscovery.class);
    private static final Pattern K_COIN = Pattern.compile("k[A-Z0-9]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The token set and how it was obtained (for the log and the Discovery record), and the
     * Hyperliquid coins meta lists as tradable (null when meta could not be read).
     */
    public record Result(TokenRegistry registry, String how, Set<String> listedCoins) {
        public Result(TokenRegistry registry, String how) {
            this(registry, how, null);
        }
    }

    /** A perp listed in Hyperliquid's meta. */
    public record Perp(String name, boolean delisted) {
    }

    /** A mint listed by Jupiter's tokens API. */
    public record SpotToken(String mint, String symbol, int decimals, double liquidity) {
    }

    private TokenDiscovery() {
    }

    /**
     * Discovers pairs through the network, falling back to {@code staticTable}.
     *
     * @param restUrls  Hyperliquid info URLs in failover order
     * @param tokensUrl Jupiter tokens v2 base URL
     * @param http      for Hyperliquid's info endpoint (no credentials)
     * @param jupiter   for Jupiter's tokens API (with the {@code x-api-key} when there is one)
     */
    public static Result discover(List<String> restUrls, String tokensUrl, List<Token> staticTable, int max,
                                  HttpFetcher http, HttpFetcher jupiter) {
        List<Perp> perps = null;
        String metaFailure = null;
        for (String url : restUrls) {
            try {
                perps = fetchMeta(http, url);
                break;
            } catch (RuntimeException e) {
                metaFailure = e.getMessage();
            }
        }
        if (perps == null) {
            return staticTable(staticTable, max, "Hyperliquid meta unavailable (" + metaFailure + ")");
        }
        Set<String> listed = new HashSet<>();
        for (Perp p : perps) {
            if (!p.delisted()) {
                listed.add(p.name());
            }
        }
        List<SpotToken> spot;
        String spotHow;
        try {
            spot = fetchVerified(jupiter, tokensUrl);
            spotHow = " Jupiter verified tokens";
        } catch (RuntimeException e) {
            LOG.warn("discovery: Jupiter tokens unavailable ({}); using the shipped validated token list",
                    e.getMessage());
            spot = shippedVerified();
            spotHow = " tokens of the shipped validated list (Jupiter tokens unavailable: " + e.getMessage() + ")";
        }
        List<Token> pairs = join(perps, spot, staticTable, max);
        return new Result(new TokenRegistry(pairs), pairs.size() + " pairs discovered from " + perps.size()
                + " Hyperliquid perps x " + spot.size() + spotHow, listed);
    }

    /** Jupiter's validated token list shipped in the jar ({@link ValidatedTokens}), as spot tokens. */
    public static List<SpotToken> shippedVerified() {
        List<SpotToken> out = new ArrayList<>();
        for (ValidatedTokens.Entry e : ValidatedTokens.shipped()) {
            out.add(new SpotToken(e.mint(), e.symbol(), e.decimals(), 0));
        }
        return out;
    }

    /**
     * A rediscovery folded into the current set without disturbing ids: current pairs keep their
     * ids (flagged delisted when meta no longer lists their coin as tradable, unflagged when it
     * lists it again); pairs of new coins are appended. A coin remapped to another mint keeps its
     * old mint (a token id is bound to its mint for the whole run); the change is logged.
     *
     * @param listedCoins tradable coins in meta, or null if meta was not read (flags then stay)
     */
    public static List<Token> merge(List<Token> current, List<Token> found, Set<String> listedCoins) {
        Map<String, Token> foundByCoin = new HashMap<>();
        for (Token t : found) {
            foundByCoin.put(t.hlCoin(), t);
        }
        List<Token> out = new ArrayList<>();
        Set<String> coins = new HashSet<>();
        Set<String> mints = new HashSet<>();
        for (Token t : current) {
            boolean delisted = listedCoins != null ? !listedCoins.contains(t.hlCoin()) : t.delisted();
            Token f = foundByCoin.get(t.hlCoin());
            if (f != null && !f.mint().equals(t.mint())) {
                LOG.atWarn().addKeyValue(LogKeys.TOKEN, t.symbol()).log("discovery: {} now maps to {} (was {});"
                        + " the running pair keeps its mint until restart", t.hlCoin(), f.mint(), t.mint());
            }
            out.add(t.withDelisted(delisted).withId(out.size()));
            coins.add(t.hlCoin());
            mints.add(t.mint());
        }
        for (Token t : found) {
            if (!coins.contains(t.hlCoin()) && !mints.contains(t.mint())) {
                out.add(t.withDelisted(false).withId(out.size()));
                coins.add(t.hlCoin());
                mints.add(t.mint());
            }
        }
        return out;
    }

    /** The join itself (no I/O): HL universe order, static overrides first, highest liquidity wins ties. */
    public static List<Token> join(List<Perp> perps, List<SpotToken> spot, List<Token> staticTable, int max) {
        Map<String, Token> overrides = new HashMap<>();
        for (Token t : staticTable) {
            overrides.put(t.hlCoin(), t);
        }
        Map<String, SpotToken> bySymbol = new HashMap<>();
        for (SpotToken s : spot) {
            String key = s.symbol().toUpperCase(Locale.ROOT);
            SpotToken prev = bySymbol.get(key);
            if (prev == null || s.liquidity() > prev.liquidity()) {
                bySymbol.put(key, s);
            }
        }
        List<Token> out = new ArrayList<>();
        Set<String> usedMints = new HashSet<>();
        for (Perp p : perps) {
            if (out.size() >= max) {
                break;
            }
            if (p.delisted()) {
                continue;
            }
            Token t = overrides.get(p.name());
            if (t == null) {
                boolean k = K_COIN.matcher(p.name()).matches();
                String symbol = k ? p.name().substring(1) : p.name();
                SpotToken s = bySymbol.get(symbol.toUpperCase(Locale.ROOT));
                if (s == null) {
                    continue;
                }
                try {
                    t = new Token(out.size(), s.symbol(), p.name(), k ? 3 : 0, s.mint(), s.decimals());
                } catch (IllegalArgumentException e) {
                    LOG.atWarn().addKeyValue(LogKeys.TOKEN, s.symbol())
                            .log("discovery: skipping {} ↔ {}: {}", p.name(), s.mint(), e.getMessage());
                    continue;
                }
            }
            if (usedMints.add(t.mint())) {
                out.add(t.withId(out.size()));
            }
        }
        return out;
    }

    static List<Perp> fetchMeta(HttpFetcher http, String url) {
        HttpFetcher.Response r = http.postJson(url, "{\"type\":\"meta\"}");
        if (r.status() != 200) {
            throw new IllegalStateException("HTTP " + r.status() + " from " + url);
        }
        JsonNode root = parse(r, url);
        JsonNode universe = root.path("universe");
        if (!universe.isArray()) {
            throw new IllegalStateException(url + ": meta has no universe array");
        }
        List<Perp> perps = new ArrayList<>();
        for (JsonNode n : universe) {
            String name = n.path("name").asText("");
            if (!name.isEmpty()) {
                perps.add(new Perp(name, n.path("isDelisted").asBoolean(false)));
            }
        }
        return perps;
    }

    static List<SpotToken> fetchVerified(HttpFetcher http, String tokensUrl) {
        String url = tokensUrl.replaceAll("/+$", "") + "/tag?query=verified";
        HttpFetcher.Response r = http.get(url, Map.of());
        if (r.status() != 200) {
            throw new IllegalStateException("HTTP " + r.status() + " from " + url);
        }
        JsonNode root = parse(r, url);
        if (!root.isArray()) {
            throw new IllegalStateException(url + ": expected an array of tokens");
        }
        List<SpotToken> out = new ArrayList<>();
        for (JsonNode n : root) {
            String mint = n.path("id").asText("");
            String symbol = n.path("symbol").asText("");
            if (mint.isEmpty() || symbol.isEmpty() || !n.path("decimals").canConvertToInt()) {
                continue;
            }
            out.add(new SpotToken(mint, symbol, n.path("decimals").asInt(), n.path("liquidity").asDouble(0)));
        }
        return out;
    }

    private static JsonNode parse(HttpFetcher.Response r, String url) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(url + ": response is not JSON");
        }
    }

    /** The static table alone (first {@code max} pairs), with why it is used. */
    public static Result staticTable(List<Token> table, int max, String why) {
        return new Result(new TokenRegistry(cap(table, max)), "static token table (" + why + ")");
    }

    private static List<Token> cap(List<Token> list, int max) {
        return list.size() <= max ? list : list.subList(0, max);
    }
}
