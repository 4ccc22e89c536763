package io.perpspot.engine.app;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.perpspot.engine.cache.CacheKind;
import io.perpspot.engine.cache.CacheMirror;
import io.perpspot.engine.cache.CacheSettings;
import io.perpspot.engine.cache.CacheStats;
import io.perpspot.engine.cache.FailoverCache;
import io.perpspot.engine.cache.PerpspotCache;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.fallback.PerpFeeds;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.feed.jupiter.JupiterLimiter;
import io.perpspot.engine.feed.jupiter.JupiterPricePoller;
import io.perpspot.engine.feed.jupiter.JupiterQuotePoller;
import io.perpspot.engine.feed.jupiter.JupiterScheduler;
import io.perpspot.engine.feed.jupiter.QuoteCache;
import io.perpspot.engine.feed.jupiter.QuotePriorities;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.ring.Topology;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.Recovery;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenDiscovery;
import io.perpspot.engine.tokens.TokenOverrides;
import io.perpspot.engine.tokens.TokenRegistry;
import io.perpspot.engine.tokens.TokenTable;
import io.perpspot.engine.core.FixedPoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's lifecycle: discover tokens, open the journal, start the ring, journal the
 * EngineStart and TokenDef records, start the feeds (live or sim), and on stop close everything
 * in order — feeds first, then drain the ring, then the journal — and print a summary.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    public static final String VERSION = "0.1.0";

    private final EngineOptions options;
    private final EpochNanoClock clock = new OffsetEpochNanoClock();
    private final FeedStats stats = new FeedStats();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private long startNanos;
    private Config config;
    private SimVenues venues;
    private volatile TokenRegistry registry;
    private String tokensHow;
    private Journal journal;
    private Topology topology;
    private StatusPublisher status;
    private EventLoopGroup ioGroup;
    private ScheduledExecutorService scheduler;
    private PerpFeeds perp;
    private JupiterPricePoller poller;
    private FailoverCache cache;
    private CacheMirror cacheMirror;
    private JupiterQuotePoller quotes;
    private JupiterLimiter limiter;
    private JupiterScheduler jupiter;
    private HttpFetcher http;
    private TokenOverrides overrides = TokenOverrides.NONE;
    private Recovery.Result recovery;
    private volatile int exitCode = ExitCodes.OK;
    private List<Token> staticTable;
    private boolean started;
    private boolean stopped;
    private final List<Sidecar> sidecars = new ArrayList<>();

    public Engine(EngineOptions options) {
        this.options = options;
    }

    /** Runs until the duration elapses or the process is asked to stop; returns the exit code. */
    public static int runToCompletion(EngineOptions options) throws InterruptedException {
        Engine engine = new Engine(options);
        Thread hook = new Thread(() -> {
            engine.requestStop();
            engine.close();
        }, "perpspot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            engine.start();
            engine.awaitStop(options.duration());
            return engine.exitCode;
        } finally {
            engine.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the engine
            }
        }
    }

    /** Starts everything; throws ConfigException/JournalFormatException for bad input. */
    public synchronized void start() {
        startNanos = System.nanoTime();
        config = options.config();
        LOG.info("perpspot {}: configuration from {}", VERSION, config.origin());
        double jupRate;
        String apiKey = System.getenv("JUPITER_API_KEY");
        if (options.sim()) {
            venues = SimVenues.start(config);
            config = config.with(Settings.HL_WS, String.join(",", venues.wsUrls()))
                    .with(Settings.HL_REST, String.join(",", venues.infoUrls()))
                    .with(Settings.FALLBACK_COINGECKO, venues.coingecko().url())
                    .with(Settings.FALLBACK_KRAKEN, venues.kraken().url())
                    .with(Settings.JUP_PRICE, venues.priceUrl())
                    .with(Settings.JUP_QUOTE, venues.quoteUrl())
                    .with(Settings.JUP_TOKENS, venues.tokensUrl());
            jupRate = config.get(Settings.SIM_JUP_RATE);
            apiKey = null;
            LOG.info("feed sim: Hyperliquid at {} (testnet {}), Jupiter at {}, CoinGecko at {}, Kraken at {}",
                    venues.wsUrl(), venues.wsUrls().get(1), venues.priceUrl(), venues.coingecko().url(),
                    venues.kraken().url());
        } else {
            jupRate = apiKey == null || apiKey.isBlank() ? config.get(Settings.JUP_RATE)
                    : config.get(Settings.JUP_RATE_WITH_KEY);
            LOG.info("feed live: Hyperliquid {}, Jupiter {}", config.text(Settings.HL_WS), config.get(Settings.JUP_PRICE));
        }
        http = new HttpFetcher(config.get(Settings.HTTP_TIMEOUT));
        overrides = readOverrides();
        staticTable = staticTable();
        TokenDiscovery.Result tokens = discoverTokens();
        registry = tokens.registry();
        tokensHow = tokens.how();
        if (registry.size() == 0) {
            throw new ConfigException("tokens: no pairs to track (" + tokensHow + ")");
        }
        LOG.info("tracking {} pairs: {}", registry.size(), tokensHow);

        journal = Journal.openForWrite(options.journal(), config.get(Settings.JOURNAL_ROLL), config.get(Settings.JOURNAL_BLOCK),
                config.get(Settings.JOURNAL_PRETOUCH));
        topology = new Topology(journal, config.get(Settings.RING_SIZE), config.get(Settings.RING_WAIT), stats, clock,
                config.get(Settings.LATENCY_INTERNAL_INTERVAL).toNanos(), config.get(Settings.RING_OVERFLOW),
                config.get(Settings.JOURNAL_ON_ERROR).equals("pause"), config.get(Settings.JOURNAL_RETRY).toNanos(),
                this::journalFailed);
        // Recovery: an existing journal's state is rebuilt (latest StateSnapshot + the input after
        // it, or the whole input) before any live event, and its token ids are kept.
        recovery = Recovery.recover(journal, topology.strategy());
        LOG.info("journal {}: {}", options.journal().toAbsolutePath(), recovery.describe());
        StrategySettings newSettings = StrategySettings.from(config);
        boolean continues = !recovery.empty();
        if (continues) {
            StrategySettings old = topology.strategy().settings();
            if (old != null && !old.text().equals(newSettings.text())) {
                LOG.warn("strategy parameters differ from the journal's previous run: the derived state starts afresh"
                        + " (token ids are kept)");
            }
            List<Token> merged = TokenDiscovery.merge(recovery.tokens(), registry.all(), tokens.listedCoins());
            int max = Math.max(recovery.tokens().size(), config.get(Settings.TOKENS_MAX));
            if (merged.size() > max) {
                merged = merged.subList(0, max);
            }
            registry = new TokenRegistry(merged);
            tokensHow = tokensHow + "; ids of " + recovery.tokens().size() + " pairs carried over from the journal";
        }
        QuotePriorities priorities = new QuotePriorities(MarketEvent.TOKEN_ID_LIMIT);
        topology.strategy().priorityHint(priorities);
        topology.start();
        status = new StatusPublisher(topology.publisher(), clock);
        // The cache starts after the ring (its switches are journaled) and before the feeds. Its
        // first health check is bounded by cache.redis.timeout; it never fails the start.
        cache = FailoverCache.start(CacheSettings.from(config, System.getenv()), status::publish);
        System.out.println(cache.describe());
        System.out.flush();
        cacheMirror = CacheMirror.start(cache, journal, registry, config.get(Settings.CACHE_MIRROR_INTERVAL));
        cacheMirror.constant(CacheKind.TOKENS, "discovered", CacheMirror.tokensJson(registry.all(), tokensHow));
        cacheMirror.constant(CacheKind.TEMPLATES, "all", templatesJson());

        MarketEvent e = new MarketEvent();
        String header = "# perpspot " + VERSION + " feed=" + (options.sim() ? "sim" : "live") + "\n"
                + (continues ? StrategySettings.CONTINUE_LINE + "\n" : "");
        topology.publisher().publish(EngineEvents.engineStart(e, header + newSettings.text(),
                clock.nanoTime()));
        for (Token t : registry.all()) {
            topology.publisher().publish(EngineEvents.tokenDef(e, t, clock.nanoTime()));
        }
        topology.publisher().publish(EngineEvents.discovery(e, EngineEvents.DISCOVERY_START, registry.size(),
                registry.size(), 0, clip(tokensHow), clock.nanoTime()));

        ioGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("perpspot-io", true), NioIoHandler.newFactory());
        perp = PerpFeeds.create(config, registry, topology.publisher(), stats, status, clock, ioGroup);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "perpspot-scheduler"));
        limiter = new JupiterLimiter(jupRate);
        int maxBody = (int) (long) config.get(Settings.JUP_MAX_BODY);
        poller = new JupiterPricePoller(config.get(Settings.JUP_PRICE), registry, config.get(Settings.JUP_BATCH),
                limiter, apiKey, maxBody, http, topology.publisher(), stats, status, clock, scheduler,
                new Backoff(config.get(Settings.BACKOFF_INITIAL), config.get(Settings.BACKOFF_MAX)));
        quotes = new JupiterQuotePoller(config.get(Settings.JUP_QUOTE), registry, config.get(Settings.JUP_QUOTE_NOTIONALS),
                config.get(Settings.JUP_QUOTE_SLIPPAGE), limiter, apiKey, maxBody, http, topology.publisher(), stats,
                status, clock, QuoteCache.shared(cache, config.get(Settings.CACHE_REDIS_TIMEOUT).toMillis()), priorities);
        jupiter = new JupiterScheduler(limiter, poller, quotes, config.get(Settings.JUP_PRICE_SHARE), scheduler);
        perp.start();
        jupiter.start();
        scheduler.scheduleAtFixedRate(this::logProgress, 10, 10, TimeUnit.SECONDS);
        long refresh = config.get(Settings.TOKENS_REFRESH).toNanos();
        if (refresh > 0 && config.get(Settings.TOKENS_DISCOVERY)) {
            scheduler.scheduleWithFixedDelay(this::rediscover, refresh, refresh, TimeUnit.NANOSECONDS);
        }
        started = true;
        if (options.dashboard()) {
            startSidecars();
        }
        LOG.info("engine started: journal {}", options.journal().toAbsolutePath());
    }

    private TokenDiscovery.Result discoverTokens() {
        int max = config.get(Settings.TOKENS_MAX);
        TokenDiscovery.Result found;
        if (config.get(Settings.TOKENS_DISCOVERY)) {
            found = TokenDiscovery.discover(config.get(Settings.HL_REST), config.get(Settings.JUP_TOKENS), staticTable,
                    max, http);
        } else {
            found = TokenDiscovery.staticTable(staticTable, max, "discovery off");
        }
        List<Token> pairs = overrides.apply(found.registry().all(), found.listedCoins());
        if (pairs.size() > max) {
            pairs = pairs.subList(0, max);
        }
        String how = found.how() + (overrides == TokenOverrides.NONE ? "" : " + overrides of "
                + config.get(Settings.TOKENS_OVERRIDES));
        return new TokenDiscovery.Result(new TokenRegistry(pairs), how, found.listedCoins());
    }

    /**
     * A periodic discovery round (scheduler thread): pairs of new coins get new ids and TokenDefs,
     * pairs whose perp is no longer listed are re-journaled with the delisted flag, then a
     * Discovery record closes the round. The Jupiter clients switch to the grown set.
     */
    private void rediscover() {
        try {
            TokenDiscovery.Result found = discoverTokens();
            TokenRegistry current = registry;
            List<Token> merged = TokenDiscovery.merge(current.all(), found.registry().all(), found.listedCoins());
            int max = Math.max(current.size(), config.get(Settings.TOKENS_MAX));
            if (merged.size() > max) {
                merged = merged.subList(0, max);
            }
            TokenRegistry next = new TokenRegistry(merged);
            MarketEvent e = new MarketEvent();
            int added = 0;
            int delisted = 0;
            List<Token> addedPairs = new java.util.ArrayList<>();
            for (Token t : next.all()) {
                Token old = t.id() < current.size() ? current.get(t.id()) : null;
                if (old == null) {
                    added++;
                    addedPairs.add(t);
                } else if (old.delisted() == t.delisted()) {
                    continue;
                } else if (t.delisted()) {
                    delisted++;
                }
                topology.publisher().publish(EngineEvents.tokenDef(e, t, clock.nanoTime()));
            }
            registry = next;
            String how = "refresh: " + found.how();
            topology.publisher().publish(EngineEvents.discovery(e, EngineEvents.DISCOVERY_REFRESH, next.size(), added,
                    delisted, clip(how), clock.nanoTime()));
            if (added > 0 || delisted > 0) {
                poller.updateRegistry(next);
                quotes.updateRegistry(next);
                int subscribed = perp.addPairs(next, addedPairs);
                cacheMirror.updateRegistry(next);
                cacheMirror.constant(CacheKind.TOKENS, "discovered", CacheMirror.tokensJson(next.all(), how));
                LOG.info("rediscovery: {} pairs ({} added, {} subscribed on Hyperliquid WebSockets now, {} newly"
                        + " delisted)", next.size(), added, subscribed, delisted);
            }
        } catch (RuntimeException ex) {
            LOG.warn("rediscovery failed; the pair set is unchanged: {}", ex.getMessage());
        }
    }

    private static String clip(String s) {
        return s.length() <= 900 ? s : s.substring(0, 900) + "...";
    }

    private TokenOverrides readOverrides() {
        String file = config.get(Settings.TOKENS_OVERRIDES);
        Path dir = options.configDir();
        Path p = dir == null ? null : dir.resolve(file);
        if (p == null || !Files.isRegularFile(p)) {
            return TokenOverrides.NONE;
        }
        try (InputStream in = Files.newInputStream(p)) {
            return TokenOverrides.read(in, p.toString());
        } catch (IOException ex) {
            throw new ConfigException("tokens: cannot read " + p + ": " + ex.getMessage());
        }
    }

    /** The execution templates as JSON for the cache (other processes read them there), or an error note. */
    private static String templatesJson() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                            .addSerializer(Duration.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializer()))
                    .writeValueAsString(io.perpspot.engine.exec.Templates.loadDefault().all());
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warn("cache: templates not cached: {}", e.getMessage());
            return "{\"error\":\"templates unavailable\"}";
        }
    }

    /** Sidecars (the dashboard) found on the class path; they read the journal, never write it. */
    private void startSidecars() {
        for (Sidecar.Provider p : ServiceLoader.load(Sidecar.Provider.class)) {
            sidecars.add(p.start(config, options.journal()));
            LOG.info("sidecar {} started", p.name());
        }
    }

    private List<Token> staticTable() {
        String file = config.get(Settings.TOKENS_FILE);
        Path dir = options.configDir();
        Path p = dir == null ? null : dir.resolve(file);
        try {
            if (p != null && Files.isRegularFile(p)) {
                try (InputStream in = Files.newInputStream(p)) {
                    return TokenTable.read(in, p.toString());
                }
            }
            try (InputStream in = Engine.class.getResourceAsStream("/perpspot-defaults/tokens.csv")) {
                if (in == null) {
                    throw new ConfigException("tokens: " + file + " not found and no bundled table");
                }
                return TokenTable.read(in, "built-in tokens.csv");
            }
        } catch (IOException ex) {
            throw new ConfigException("tokens: cannot read " + p + ": " + ex.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private long lastLogged;

    private void logProgress() {
        try {
            long n = topology.journalHandler().appended();
            long rate = (n - lastLogged) / 10;
            lastLogged = n;
            int perpSource = perp.activeSource();
            LOG.info("journaled {} events ({}/s) | perp {} {} | spot {} {} | opportunities {} | rejected {} | cache {}",
                    n, rate, perpSource < 0 ? "none" : Source.name(perpSource),
                    perpSource < 0 ? "(every perp source down)" : stateName(perpSource),
                    Source.name(Source.JUPITER_PRICE), stateName(Source.JUPITER_PRICE),
                    topology.strategy().opportunities(), totalRejects(), cache.stats().figures());
        } catch (RuntimeException ex) {
            LOG.debug("progress line failed", ex);
        }
    }

    private String stateName(int source) {
        return SourceState.name(status.state(source));
    }

    private long totalRejects() {
        long n = 0;
        for (int s = 0; s < Source.COUNT; s++) {
            n += stats.rejects(s);
        }
        return n;
    }

    /**
     * The consumer could not append to the journal (consumer thread). Exit mode: the engine stops
     * with {@link ExitCodes#JOURNAL}; pause mode: the topology keeps retrying by itself.
     */
    private void journalFailed(boolean exit) {
        if (exit) {
            exitCode = ExitCodes.JOURNAL;
            requestStop();
        }
    }

    /** The exit code the run ends with (OK, or JOURNAL after a journal failure in exit mode). */
    public int exitCode() {
        return exitCode;
    }

    /** What recovery found at start (null before start). */
    public Recovery.Result recovery() {
        return recovery;
    }

    /** The topology (tests: fault injection, overload counters). */
    public Topology topology() {
        return topology;
    }

    public void requestStop() {
        stopRequested.countDown();
    }

    /** Waits until {@link #requestStop} or the duration (null: forever) elapses. */
    public void awaitStop(Duration duration) throws InterruptedException {
        if (duration == null) {
            stopRequested.await();
        } else {
            stopRequested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Stops feeds, drains the ring, closes the journal, prints the summary. Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (Sidecar s : sidecars) {
            s.close();
        }
        if (jupiter != null) {
            jupiter.close();
        } else if (poller != null) {
            poller.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (perp != null) {
            perp.close();
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (venues != null) {
            venues.close();
        }
        // Before the ring drains: the cache journals its final figures as a SourceStatus.
        if (cacheMirror != null) {
            cacheMirror.close();
        }
        if (cache != null) {
            cache.close();
        }
        if (topology != null) {
            topology.close();
        }
        if (journal != null) {
            journal.close();
        }
        if (started) {
            printSummary(System.out);
        }
    }

    private void printSummary(PrintStream out) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        Strategy s = topology.strategy();
        int both = 0;
        for (int id = 0; id < registry.size(); id++) {
            SpreadBook b = s.book(id);
            if (b != null && b.spotPx != FixedPoint.NULL && b.perpMid != FixedPoint.NULL) {
                both++;
            }
        }
        StringBuilder byType = new StringBuilder();
        for (int t = 1; t <= EventType.MAX; t++) {
            long n = topology.journalHandler().appended(t);
            if (n > 0) {
                byType.append(byType.length() == 0 ? "" : ", ").append(EventType.name(t)).append(' ').append(n);
            }
        }
        out.printf("perpspot run stopped after %.1f s%n", secs);
        out.printf("  events journaled  %d (%s)%n", topology.journalHandler().appended(), byType);
        out.printf("  tokens            %d tracked, %d with both perp and spot prices%n", registry.size(), both);
        out.printf("  opportunities     %d (refused: stale-spot %d, stale-perp %d, fallback-source %d)%n",
                s.opportunities(), s.refusals(OutputRecord.GATE_STALE_SPOT), s.refusals(OutputRecord.GATE_STALE_PERP),
                s.refusals(OutputRecord.GATE_FALLBACK_SOURCE));
        if (quotes != null) {
            out.printf("  jupiter           %d requests at %.2f/s max (%d rate-limited), %d quote ladders, %d no-route%n",
                    limiter.granted(), limiter.configuredRate(), limiter.rateLimited(), quotes.ladders(), quotes.noRoute());
        }
        out.printf("  spread snapshots  %d%n", s.spreads());
        out.printf("  rejected          %d%s%n", totalRejects(), rejectDetail());
        if (topology.handlerErrors() > 0) {
            out.printf("  handler errors    %d (see the log)%n", topology.handlerErrors());
        }
        if (cache != null) {
            CacheStats c = cache.stats();
            out.printf("  cache             %s now (mode %s): hits %d, misses %d, errors %d, evictions %d, switches %d%n",
                    c.backend().label(), c.mode(), c.hits(), c.misses(), c.errors(), c.evictions(), c.switches());
        }
        out.printf("  journal           %s%n", options.journal().toAbsolutePath());
        out.flush();
    }

    private String rejectDetail() {
        StringBuilder sb = new StringBuilder();
        for (int src = 0; src < Source.COUNT; src++) {
            for (var en : stats.rejectsByReason(src).entrySet()) {
                sb.append(sb.length() == 0 ? " (" : ", ").append(Source.name(src)).append(' ')
                        .append(en.getKey().name().toLowerCase()).append(' ').append(en.getValue());
            }
            long dropped = stats.ringFullCount(src);
            if (dropped > 0) {
                sb.append(sb.length() == 0 ? " (" : ", ").append(Source.name(src)).append(" ring-full ").append(dropped);
            }
        }
        return sb.length() == 0 ? "" : sb.append(')').toString();
    }

    // ---- accessors for tests -----------------------------------------------------------------

    public TokenRegistry registry() {
        return registry;
    }

    /** The perp side (failover chain), or null before start. */
    public PerpFeeds perp() {
        return perp;
    }

    /** Per-source feed counters. */
    public FeedStats stats() {
        return stats;
    }

    /** The journaled source states. */
    public StatusPublisher status() {
        return status;
    }

    /** The cache (for the dashboard's health page: {@code cache().stats()}); null before start. */
    public PerpspotCache cache() {
        return cache;
    }

    /** The strategy fold (for tests: books, ladders, counters). */
    public Strategy strategy() {
        return topology.strategy();
    }

    /** Events journaled so far. */
    public long journaled() {
        return topology.journalHandler().appended();
    }

    /** Events of one type journaled so far. */
    public long journaled(int type) {
        return topology.journalHandler().appended(type);
    }

    /** The sim venues (null on live feeds). */
    public SimVenues venues() {
        return venues;
    }

    public JupiterQuotePoller quotePoller() {
        return quotes;
    }

    /** Runs one rediscovery round now (tests). */
    public void rediscoverNow() {
        rediscover();
    }





}
