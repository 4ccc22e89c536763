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
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.exec.TemplateLibrary;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.Venues;
import io.perpspot.engine.feed.fallback.CoinGeckoDecoder;
import io.perpspot.engine.feed.fallback.CoinGeckoTier;
import io.perpspot.engine.feed.fallback.CoinValidator;
import io.perpspot.engine.feed.fallback.FallbackIds;
import io.perpspot.engine.feed.fallback.HyperliquidRestTier;
import io.perpspot.engine.feed.fallback.KrakenDecoder;
import io.perpspot.engine.feed.fallback.KrakenTier;
import io.perpspot.engine.feed.fallback.PerpFeedChain;
import io.perpspot.engine.feed.fallback.PerpFeeds;
import io.perpspot.engine.feed.fallback.PollSettings;
import io.perpspot.engine.feed.fallback.WsTier;
import io.perpspot.engine.feed.jupiter.JupiterLimiter;
import io.perpspot.engine.feed.jupiter.JupiterPricePoller;
import io.perpspot.engine.feed.jupiter.JupiterQuotePoller;
import io.perpspot.engine.feed.jupiter.JupiterScheduler;
import io.perpspot.engine.feed.jupiter.QuoteCache;
import io.perpspot.engine.feed.jupiter.QuotePriorities;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.metrics.EngineReadings;
import io.perpspot.engine.metrics.MetricsServer;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.pipeline.PipelineSettings;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.strategy.Recovery;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine, built from its {@link Config} in one place: every part, what it reads and where it
 * writes. {@link Engine} decides when (start, stop, exit code); this class decides what.
 *
 * <pre>
 *  --feed NAME ─ Venues.Provider (ServiceLoader; "sim": loopback venues) ─ rewrites the endpoints
 *  TokenLifecycle: HL meta × Jupiter tokens (or tokens.csv) + tokens.yaml ─ TokenRegistry
 *
 *  perp side (PerpFeedChain: the first healthy tier serves, the others probe)
 *    WsTier ×N (HyperliquidWsClient, Netty "perpspot-io") ─ HyperliquidRestTier ─ CoinGecko ─ Kraken
 *    (polls on "perpspot-perp-poll")                                        │ chain.gate(tier)
 *  spot side ("perpspot-scheduler")                                         │
 *    JupiterLimiter ─ JupiterScheduler ─ JupiterPricePoller ──────────────┤
 *                                      └ JupiterQuotePoller (QuoteCache) ─┤
 *  engine records: EngineStart · TokenDef · Discovery · SourceStatus ─────┤
 *                                                                         ▼
 *  Pipeline: RingPublisher ─ Disruptor ring ─ one consumer "perpspot-consumer":
 *    JournalFirstHandler: JournalHandler (input queue) ─ Strategy (SpreadBook ─ z ─ ArbitrageDetector)
 *                         └ OutputJournalSink (output queue)    [LatencyRecorder: LatencySnapshot records]
 *    Strategy ─ QuotePriorities ─▶ JupiterQuotePoller (the one hint back; nothing derived depends on it)
 *
 *  journal readers ("perpspot-cache", sidecars): CacheMirror ─ FailoverCache (Redis | local)
 *                                                Sidecar.Provider (ServiceLoader: the dashboard, alerts)
 *  counters, read when scraped ("perpspot-metrics"): MetricsServer /metrics /healthz /readyz
 * </pre>
 *
 * <p>{@link #start} builds and starts the parts in this order: venues, tokens, journal and
 * pipeline (recovered from the journal before any live event), cache, the start records, the
 * perp and spot feeds, the periodic jobs, the metrics endpoint, the sidecars. {@link #close} stops
 * them in the reverse order of what depends on what: readers and producers first (metrics,
 * sidecars, Jupiter, scheduler,
 * perp feeds, Netty, venues, cache mirror), then the cache, then the pipeline drains into the
 * journal, which closes; last the sidecars that must see the journal's end
 * ({@link Sidecar.Close#AFTER_JOURNAL}: the Kafka mirror drains it whole):
 *
 * <pre>
 *  close: metrics ─ sidecars (FIRST) ─ Jupiter ─ scheduler ─ perp feeds ─ Netty ─ venues
 *         ─ cache mirror (journals the cache's stop status) ─ cache
 *         ─ pipeline (drains the ring; the final latency snapshot) ─ journal (its last write)
 *         ─ sidecars (AFTER_JOURNAL: read to the journal's end, then stop)
 * </pre>
 */
public final class EngineAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** The Jupiter key, read from the environment only; never logged, never journaled. */
    static final String JUPITER_KEY_ENV = "JUPITER_API_KEY";
    /** How long a stop waits for the scheduler's running task (an HTTP call ends within its timeout). */
    private static final long SCHEDULER_STOP_SECONDS = 10;

    /** The spot side: one token bucket shared by the price batches and the quote ladders. */
    public record Jupiter(JupiterLimiter limiter, JupiterPricePoller prices, JupiterQuotePoller quotes,
                          JupiterScheduler scheduler) {
    }

    private final EngineOptions options;
    private final Map<String, String> env;
    private final EpochNanoClock clock;
    private final Pipeline.JournalFailure onJournalFailure;
    private final FeedStats stats = new FeedStats();
    private Config config;
    private Venues venues;
    private TokenLifecycle tokens;
    private Journal journal;
    private Pipeline pipeline;
    private Recovery.Result recovery;
    private StatusPublisher status;
    private FailoverCache cache;
    private CacheMirror cacheMirror;
    private EventLoopGroup io;
    private PerpFeeds perp;
    private ScheduledExecutorService scheduler;
    private Jupiter jupiter;
    private RunReport report;
    private CacheStats finalCacheStats;
    private final List<Sidecar> sidecars = new ArrayList<>();
    private MetricsServer metrics;

    EngineAssembly(EngineOptions options, Map<String, String> env, EpochNanoClock clock,
                   Pipeline.JournalFailure onJournalFailure) {
        this.options = options;
        this.env = env;
        this.clock = clock;
        this.onJournalFailure = onJournalFailure;
    }

    /** Builds and starts everything; throws ConfigException/JournalFormatException for bad input. */
    void start() {
        config = options.config();
        LOG.info("perpspot {}: configuration from {}", Engine.VERSION, config.origin());
        String apiKey = env.get(JUPITER_KEY_ENV);
        if (!options.feed().equals(EngineOptions.LIVE)) {
            venues = startVenues(options.feed(), config);
            config = venues.configure(config);
            apiKey = venues.acceptsCredentials() ? apiKey : null;
            LOG.info("feed {}: {}", options.feed(), venues.describe());
        } else {
            LOG.info("feed live: Hyperliquid {}, Jupiter {}", config.text(Settings.HL_WS),
                    config.get(Settings.JUP_PRICE));
        }
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }
        HttpFetcher http = new HttpFetcher(config.get(Settings.HTTP_TIMEOUT));
        tokens = TokenLifecycle.discover(config, options.configDir(), http, http.withApiKey(apiKey), clock);

        journal = Journal.openForWrite(options.journal(), config.get(Settings.JOURNAL_ROLL),
                config.get(Settings.JOURNAL_BLOCK), config.get(Settings.JOURNAL_PRETOUCH),
                config.get(Settings.ENGINE_ID));
        pipeline = new Pipeline(journal, PipelineSettings.from(config), stats, clock, onJournalFailure);
        // Recovery: an existing journal's state is rebuilt (latest StateSnapshot + the input after
        // it, or the whole input) before any live event, and its token ids are kept.
        recovery = Recovery.recover(journal, pipeline.strategy());
        LOG.info("journal {} (engine {}): {}", options.journal().toAbsolutePath(), journal.engineId(),
                recovery.describe());
        StrategySettings settings = StrategySettings.from(config);
        boolean continues = !recovery.empty();
        if (continues) {
            StrategySettings old = pipeline.strategy().settings();
            if (old != null && !old.text().equals(settings.text())) {
                LOG.warn("strategy parameters differ from the journal's previous run: the derived state starts afresh"
                        + " (token ids are kept)");
            }
            tokens.carryOver(recovery.tokens());
        }
        QuotePriorities priorities = new QuotePriorities(MarketEvent.TOKEN_ID_LIMIT);
        pipeline.strategy().priorityHint(priorities);
        pipeline.start();
        EventPublisher ring = pipeline.publisher();
        status = new StatusPublisher(ring, clock);

        // The cache starts after the ring (its switches are journaled) and before the feeds. Its
        // first health check is bounded by cache.redis.timeout; it never fails the start.
        cache = FailoverCache.start(CacheSettings.from(config, env), status::publish);
        System.out.println(cache.describe());
        System.out.flush();
        TokenRegistry registry = tokens.registry();
        cacheMirror = CacheMirror.start(cache, journal, registry, config.get(Settings.CACHE_MIRROR_INTERVAL));
        cacheMirror.constant(CacheKind.TOKENS, "discovered", CacheMirror.tokensJson(registry.all(), tokens.how()));
        cacheMirror.constant(CacheKind.TEMPLATES, "all", templatesJson(config, options.journal()));

        String header = "# perpspot " + Engine.VERSION + " feed=" + options.feed() + "\n"
                + EngineEvents.headerLine(EngineEvents.ENGINE_ID_KEY, journal.engineId())
                + EngineEvents.headerLine(EngineEvents.SHARD_KEY, config.get(Settings.TOKENS_SHARD).toString())
                + (continues ? StrategySettings.CONTINUE_LINE + "\n" : "");
        ring.publish(EngineEvents.engineStart(new MarketEvent(), header + settings.text(), clock.nanoTime()));
        tokens.journalStart(ring);

        io = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("perpspot-io", true),
                NioIoHandler.newFactory());
        perp = perpSide(config, registry, new FeedContext(ring, stats, status, clock), io);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "perpspot-scheduler"));
        jupiter = spotSide(registry, apiKey, http, ring, priorities);
        perp.start();
        jupiter.scheduler().start();
        tokens.listener(this::pairsChanged);
        report = new RunReport(this);
        scheduler.scheduleAtFixedRate(report::logProgress, RunReport.PROGRESS_SECONDS, RunReport.PROGRESS_SECONDS,
                TimeUnit.SECONDS);
        long refresh = config.get(Settings.TOKENS_REFRESH).toNanos();
        if (refresh > 0 && config.get(Settings.TOKENS_DISCOVERY)) {
            scheduler.scheduleWithFixedDelay(tokens::rediscover, refresh, refresh, TimeUnit.NANOSECONDS);
        }
        if (options.metrics()) {
            // After every part it reads; a port in use fails the start with the key named (exit 2).
            metrics = MetricsServer.startIfEnabled(config, new EngineReadings(pipeline, stats, status, perp,
                    jupiter.limiter(), jupiter.prices().outcomes(), jupiter.quotes().outcomes(), cache,
                    () -> tokens.registry().size(), options.journal(), Engine.VERSION));
        }
        if (options.dashboard()) {
            startSidecars();
        }
    }

    private static Venues startVenues(String name, Config config) {
        List<String> known = new ArrayList<>();
        for (Venues.Provider p : ServiceLoader.load(Venues.Provider.class)) {
            if (p.name().equals(name)) {
                return p.start(config);
            }
            known.add(p.name());
        }
        throw new ConfigException("run: --feed " + name + " is not a venue set here (known: live"
                + (known.isEmpty() ? "" : ", " + String.join(", ", known)) + ")");
    }

    /**
     * The perp side from the configuration: a {@link WsTier} per {@code feeds.hyperliquid.ws} URL
     * (the first journaled as {@code hl-ws-mainnet}, the second as {@code hl-ws-testnet}, by role,
     * whatever the host), then {@link HyperliquidRestTier} over {@code feeds.hyperliquid.rest},
     * then {@link CoinGeckoTier} and {@link KrakenTier} unless {@code feeds.fallback.enabled} is
     * false. Polls run on one daemon thread of their own ({@code perpspot-perp-poll}) so a slow
     * fallback never delays the Jupiter poller.
     */
    public static PerpFeeds perpSide(Config config, TokenRegistry registry, FeedContext out, EventLoopGroup io) {
        ScheduledExecutorService polls =
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "perpspot-perp-poll"));
        PerpFeedChain chain = new PerpFeedChain(out.status());
        HttpFetcher http = new HttpFetcher(config.get(Settings.HTTP_TIMEOUT))
                .limitedTo(config.get(Settings.FALLBACK_MAX_BODY_BYTES));
        CoinValidator validator = new CoinValidator(http, out.stats());
        EventPublisher ring = out.publisher();
        for (int i = 0; i < config.get(Settings.HL_WS).size(); i++) {
            FeedContext gated = out.publishingTo(chain.gate(chain.size(), ring));
            chain.add(new WsTier(WsTier.Settings.from(config, i), registry, gated, chain.health(), io, validator));
        }
        if (!config.get(Settings.HL_REST).isEmpty()) {
            FeedContext gated = out.publishingTo(chain.gate(chain.size(), ring));
            chain.add(new HyperliquidRestTier(HyperliquidRestTier.Settings.from(config), registry, http, gated, polls,
                    chain.health()));
        }
        if (config.get(Settings.FALLBACK_ENABLED)) {
            FallbackIds ids = FallbackIds.bundled();
            EventPublisher cg = chain.gate(chain.size(), ring);
            chain.add(new CoinGeckoTier(PollSettings.coinGecko(config),
                    new CoinGeckoDecoder(registry, ids, cg, out.stats()), http, out, polls, chain.health()));
            EventPublisher kr = chain.gate(chain.size(), ring);
            chain.add(new KrakenTier(PollSettings.kraken(config), new KrakenDecoder(registry, ids, kr, out.stats()),
                    http, out, polls, chain.health()));
        }
        return new PerpFeeds(chain, polls);
    }

    /** The spot side: prices and quote ladders through one limiter, on the scheduler thread. */
    private Jupiter spotSide(TokenRegistry registry, String apiKey, HttpFetcher http, EventPublisher ring,
                             QuotePriorities priorities) {
        JupiterLimiter limiter = new JupiterLimiter(apiKey == null ? config.get(Settings.JUP_RATE)
                : config.get(Settings.JUP_RATE_WITH_KEY));
        HttpFetcher keyed = http.withApiKey(apiKey);
        FeedContext out = new FeedContext(ring, stats, status, clock);
        JupiterPricePoller prices = new JupiterPricePoller(JupiterPricePoller.Settings.from(config), registry, limiter,
                keyed, out, scheduler);
        JupiterQuotePoller quotes = new JupiterQuotePoller(JupiterQuotePoller.Settings.from(config), registry, limiter,
                keyed, out, QuoteCache.shared(cache, config.get(Settings.CACHE_REDIS_TIMEOUT).toMillis()), priorities);
        return new Jupiter(limiter, prices, quotes,
                new JupiterScheduler(limiter, prices, quotes, new JupiterScheduler.Settings(
                        config.get(Settings.JUP_TARGET_SPOT_AGE), config.get(Settings.JUP_MAX_PRICE_SHARE)),
                        scheduler));
    }

    /** A rediscovery round grew the set: the feeds and the cache mirror switch to it. */
    private void pairsChanged(TokenRegistry next, List<Token> added, String how) {
        jupiter.prices().updateRegistry(next);
        jupiter.quotes().updateRegistry(next);
        int subscribed = perp.addPairs(next, added);
        cacheMirror.updateRegistry(next);
        cacheMirror.constant(CacheKind.TOKENS, "discovered", CacheMirror.tokensJson(next.all(), how));
        LOG.info("rediscovery: {} coins subscribed on Hyperliquid WebSockets now", subscribed);
    }

    /** The execution templates as JSON for the cache (other processes read them there), or an error note. */
    private static String templatesJson(Config config, Path journal) {
        try {
            return TemplateLibrary.load(config, null, journal).json();
        } catch (RuntimeException e) {
            LOG.warn("cache: templates not cached: {}", e.getMessage());
            return "{\"error\":\"templates unavailable\"}";
        }
    }

    /** Sidecars (the dashboard, alerts) found on the class path, but those turned off by name; they never write. */
    private void startSidecars() {
        for (Sidecar.Provider p : ServiceLoader.load(Sidecar.Provider.class)) {
            if (!options.starts(p.name())) {
                LOG.info("sidecar {} not started (--no-{})", p.name(), p.name());
                continue;
            }
            Sidecar s = p.start(config, options.journal(), env);
            sidecars.add(s);
            if (metrics != null) {
                s.registerMetrics(metrics.registry());
            }
            s.attachCache(cache);
            LOG.info("sidecar {} started", p.name());
        }
    }

    private static void awaitStopped(ScheduledExecutorService executor) {
        try {
            if (!executor.awaitTermination(SCHEDULER_STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("stop: the scheduler's task did not end within {} s; stopping without it",
                        SCHEDULER_STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops everything (see the class comment for the order); safe on a partial start. */
    @Override
    public void close() {
        if (report != null) {
            report.stopping(); // the threads' CPU while every part still runs (an ended thread is not seen)
        }
        if (metrics != null) {
            metrics.close();
        }
        closeSidecars(Sidecar.Close.FIRST);
        if (jupiter != null) {
            jupiter.scheduler().close();
        }
        if (scheduler != null) {
            // A Jupiter poll or a rediscovery round in flight still publishes: wait for it, so that
            // nothing reaches the ring after the pipeline has drained.
            scheduler.shutdownNow();
            awaitStopped(scheduler);
        }
        if (perp != null) {
            perp.close();
        }
        if (io != null) {
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
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
            finalCacheStats = cache.stats();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (journal != null) {
            journal.close();
        }
        closeSidecars(Sidecar.Close.AFTER_JOURNAL);
    }

    private void closeSidecars(Sidecar.Close when) {
        for (Sidecar s : sidecars) {
            if (s.closes() == when) {
                s.close();
            }
        }
    }

    /** The summary of a run that started (after {@link #close}). */
    void printSummary(PrintStream out) {
        if (report != null) {
            report.printSummary(out, finalCacheStats, sidecars);
        }
    }

    // ---- the parts, for the report and for tests ----------------------------------------------

    /** The configuration in use (pointed at the venues of {@code --feed}). */
    public Config config() {
        return config;
    }

    /** The pair set over the run. */
    public TokenLifecycle tokens() {
        return tokens;
    }

    /** The open journal. */
    public Journal journal() {
        return journal;
    }

    /** The ring and its consumer (tests: fault injection, overload counters). */
    public Pipeline pipeline() {
        return pipeline;
    }

    /** What recovery found at start. */
    public Recovery.Result recovery() {
        return recovery;
    }

    /** The journaled source states. */
    public StatusPublisher status() {
        return status;
    }

    /** The metrics and health endpoint, or null when off. */
    public MetricsServer metrics() {
        return metrics;
    }

    /** Per-source feed counters. */
    public FeedStats stats() {
        return stats;
    }

    /** The cache (Redis or local). */
    public FailoverCache cache() {
        return cache;
    }

    /** The perp side (failover chain). */
    public PerpFeeds perp() {
        return perp;
    }

    /** The spot side. */
    public Jupiter jupiter() {
        return jupiter;
    }

    /** The venues of {@code --feed NAME}, or null on live feeds. */
    public Venues venues() {
        return venues;
    }

    /** Events journaled so far. */
    public long journaled() {
        return pipeline.journalHandler().appended();
    }

    /** Events of one type journaled so far. */
    public long journaled(int type) {
        return pipeline.journalHandler().appended(type);
    }
}
