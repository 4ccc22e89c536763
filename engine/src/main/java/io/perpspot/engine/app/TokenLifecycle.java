package io.perpspot.engine.app;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.config.Shard;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.tokens.SpotDiscovery;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenDiscovery;
import io.perpspot.engine.tokens.TokenOverrides;
import io.perpspot.engine.tokens.TokenRegistry;
import io.perpspot.engine.tokens.TokenTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pair set over a run: discovery at start (Hyperliquid {@code meta} × Jupiter's verified
 * tokens, or the static table, then {@code tokens.yaml} overrides), the merge with the ids a
 * continued journal already holds, the start records (TokenDef per pair, a Discovery record),
 * and each periodic rediscovery round: new pairs get new ids and TokenDefs, pairs whose perp was
 * delisted are re-journaled with the flag, a Discovery record closes the round, and the
 * {@link Listener} (the feeds and the cache mirror) switches to the grown set. Ids are only ever
 * appended, so replay sees the same set at each point of the journal.
 */
public final class TokenLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TokenLifecycle.class);
    /** Discovery records carry at most this much of the "how" text. */
    private static final int HOW_CHARS = 900;

    /** Told after a rediscovery round that changed the set (on the scheduler thread). */
    @FunctionalInterface
    public interface Listener {
        /** {@code next} replaces the set; {@code added} are its new pairs; {@code how} says where they came from. */
        void pairsChanged(TokenRegistry next, List<Token> added, String how);
    }

    private final Config config;
    private final Path configDir;
    private final HttpFetcher http;
    private final HttpFetcher jupiterHttp;
    private final EpochNanoClock clock;
    private final TokenOverrides overrides;
    private final List<Token> staticTable;
    /** Hyperliquid spot pairs of the tracked perps; a registry always carries the last ones found. */
    private final SpotDiscovery spot;
    private volatile TokenRegistry registry;
    private String how;
    private EventPublisher out;
    private Listener listener = (next, added, how) -> { };

    private TokenLifecycle(Config config, Path configDir, HttpFetcher http, HttpFetcher jupiterHttp,
                           EpochNanoClock clock) {
        this.config = config;
        this.configDir = configDir;
        this.http = http;
        this.jupiterHttp = jupiterHttp;
        this.clock = clock;
        this.overrides = readOverrides();
        this.staticTable = staticTable();
        this.spot = new SpotDiscovery(http, config.get(Settings.HL_REST), overrides.spot());
    }

    /**
     * Reads the token files and runs the first discovery round: Hyperliquid's meta through
     * {@code http}, Jupiter's verified tokens through {@code jupiterHttp} (which carries the API key).
     *
     * @throws ConfigException when a token file is unreadable or no pair is left to track
     */
    public static TokenLifecycle discover(Config config, Path configDir, HttpFetcher http, HttpFetcher jupiterHttp,
                                          EpochNanoClock clock) {
        TokenLifecycle t = new TokenLifecycle(config, configDir, http, jupiterHttp, clock);
        TokenDiscovery.Result found = t.discoverOnce();
        t.registry = found.registry();
        t.how = found.how();
        t.listed = found;
        if (t.registry.size() == 0) {
            throw new ConfigException("tokens: no pairs to track (" + t.how + ")");
        }
        LOG.info("tracking {} pairs: {}", t.registry.size(), t.how);
        return t;
    }

    private TokenDiscovery.Result listed;

    /**
     * A continued journal keeps its ids: the pairs it defined come first, in its order, then the
     * newly discovered ones, up to {@code tokens.max} (or the journal's own count if larger).
     */
    public void carryOver(List<Token> journaled) {
        List<Token> merged = capped(TokenDiscovery.merge(journaled, registry.all(), listed.listedCoins()),
                journaled.size());
        registry = new TokenRegistry(merged, registry.spotPairs());
        how = how + "; ids of " + journaled.size() + " pairs carried over from the journal";
    }

    /** Journals the start: a TokenDef per pair, then a Discovery record; later rounds publish to {@code ring} too. */
    public void journalStart(EventPublisher ring) {
        this.out = ring;
        MarketEvent e = new MarketEvent();
        for (Token t : registry.all()) {
            ring.publish(EngineEvents.tokenDef(e, t, clock.nanoTime()));
        }
        ring.publish(EngineEvents.discovery(e, EngineEvents.DISCOVERY_START, registry.size(), registry.size(), 0,
                clip(how), clock.nanoTime()));
    }

    /** Who hears of a changed set. */
    public void listener(Listener l) {
        this.listener = l;
    }

    /** The current pair set. */
    public TokenRegistry registry() {
        return registry;
    }

    /** Where the current set came from (discovery, table, overrides, carried-over ids). */
    public String how() {
        return how;
    }

    /**
     * One rediscovery round (scheduler thread; {@link #journalStart} first). A failing round
     * leaves the set unchanged and says so in the log.
     */
    public void rediscover() {
        try {
            TokenDiscovery.Result found = discoverOnce();
            TokenRegistry current = registry;
            TokenRegistry next = new TokenRegistry(capped(TokenDiscovery.merge(current.all(), found.registry().all(),
                    found.listedCoins()), current.size()), found.registry().spotPairs());
            MarketEvent e = new MarketEvent();
            List<Token> addedPairs = new ArrayList<>();
            int delisted = 0;
            for (Token t : next.all()) {
                Token old = t.id() < current.size() ? current.get(t.id()) : null;
                if (old == null) {
                    addedPairs.add(t);
                } else if (old.delisted() == t.delisted()) {
                    continue;
                } else if (t.delisted()) {
                    delisted++;
                }
                out.publish(EngineEvents.tokenDef(e, t, clock.nanoTime()));
            }
            registry = next;
            List<String> newSpot = new ArrayList<>();
            for (Map.Entry<String, String> p : next.spotPairs().entrySet()) {
                if (!p.getValue().equals(current.spotPairs().get(p.getKey()))) {
                    newSpot.add(p.getValue() + " -> " + p.getKey());
                }
            }
            String round = "refresh: " + found.how() + (newSpot.isEmpty() ? "" : "; new spot pairs " + newSpot);
            out.publish(EngineEvents.discovery(e, EngineEvents.DISCOVERY_REFRESH, next.size(), addedPairs.size(),
                    delisted, clip(round), clock.nanoTime()));
            if (!addedPairs.isEmpty() || delisted > 0 || !newSpot.isEmpty()) {
                listener.pairsChanged(next, addedPairs, round);
                LOG.info("rediscovery: {} pairs ({} added, {} newly delisted, {} new spot pairs)", next.size(),
                        addedPairs.size(), delisted, newSpot.size());
            }
        } catch (RuntimeException ex) {
            LOG.warn("rediscovery failed; the pair set is unchanged: {}", ex.getMessage());
        }
    }

    /** At most {@code tokens.max} pairs, or {@code floor} when more are already defined (ids are never dropped). */
    private List<Token> capped(List<Token> pairs, int floor) {
        int max = Math.max(floor, config.get(Settings.TOKENS_MAX));
        return pairs.size() > max ? pairs.subList(0, max) : pairs;
    }

    private TokenDiscovery.Result discoverOnce() {
        int max = config.get(Settings.TOKENS_MAX);
        TokenDiscovery.Result found = config.get(Settings.TOKENS_DISCOVERY)
                ? TokenDiscovery.discover(config.get(Settings.HL_REST), config.get(Settings.JUP_TOKENS), staticTable,
                        max, http, jupiterHttp)
                : TokenDiscovery.staticTable(staticTable, max, "discovery off");
        List<Token> all = overrides.apply(found.registry().all(), found.listedCoins());
        Shard shard = config.get(Settings.TOKENS_SHARD);
        // The shard is taken before the cap: tokens.max bounds this engine's pairs, not the universe's.
        List<Token> pairs = capped(shard.all() ? all : all.stream().filter(t -> shard.keeps(t.hlCoin())).toList(), 0);
        String text = found.how() + (overrides == TokenOverrides.NONE ? "" : " + overrides of "
                + config.get(Settings.TOKENS_OVERRIDES))
                + (shard.all() ? "" : "; shard " + shard + ": " + pairs.size() + " of " + all.size() + " pairs");
        // Spot pairs ride with discovery: with it off the engine reaches no venue before it starts.
        TokenRegistry set = new TokenRegistry(pairs);
        if (config.get(Settings.TOKENS_DISCOVERY)) {
            set = set.withSpotPairs(spot.discover(pairs));
        }
        return new TokenDiscovery.Result(set, text, found.listedCoins());
    }

    private static String clip(String s) {
        return s.length() <= HOW_CHARS ? s : s.substring(0, HOW_CHARS) + "...";
    }

    /** A file of the configuration directory, or null when there is none or it does not exist. */
    private Path configFile(String name) {
        Path p = configDir == null ? null : configDir.resolve(name);
        return p != null && Files.isRegularFile(p) ? p : null;
    }

    private TokenOverrides readOverrides() {
        Path p = configFile(config.get(Settings.TOKENS_OVERRIDES));
        if (p == null) {
            return TokenOverrides.NONE;
        }
        try (InputStream in = Files.newInputStream(p)) {
            return TokenOverrides.read(in, p.toString());
        } catch (IOException ex) {
            throw new ConfigException("tokens: cannot read " + p + ": " + ex.getMessage());
        }
    }

    private List<Token> staticTable() {
        String file = config.get(Settings.TOKENS_FILE);
        Path p = configFile(file);
        try {
            if (p != null) {
                try (InputStream in = Files.newInputStream(p)) {
                    return TokenTable.read(in, p.toString());
                }
            }
            try (InputStream in = TokenLifecycle.class.getResourceAsStream("/perpspot-defaults/tokens.csv")) {
                if (in == null) {
                    throw new ConfigException("tokens: " + file + " not found and no bundled table");
                }
                return TokenTable.read(in, "built-in tokens.csv");
            }
        } catch (IOException ex) {
            throw new ConfigException("tokens: cannot read " + (p == null ? file : p) + ": " + ex.getMessage());
        }
    }
}
