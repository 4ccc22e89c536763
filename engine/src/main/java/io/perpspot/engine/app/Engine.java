package io.perpspot.engine.app;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.perpspot.engine.codec.FeedStats;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.http.HttpFetcher;
import io.perpspot.engine.feed.hyperliquid.HyperliquidWsClient;
import io.perpspot.engine.feed.jupiter.JupiterPricePoller;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.ring.EngineEvents;
import io.perpspot.engine.ring.EventType;
import io.perpspot.engine.ring.MarketEvent;
import io.perpspot.engine.ring.Source;
import io.perpspot.engine.ring.SourceState;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.ring.Topology;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenDiscovery;
import io.perpspot.engine.tokens.TokenRegistry;
import io.perpspot.engine.tokens.TokenTable;
import io.perpspot.engine.codec.FixedPoint;
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
    private TokenRegistry registry;
    private String tokensHow;
    private Journal journal;
    private Topology topology;
    private StatusPublisher status;
    private EventLoopGroup ioGroup;
    private ScheduledExecutorService scheduler;
    private HyperliquidWsClient wsClient;
    private JupiterPricePoller poller;
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
        } finally {
            engine.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the engine
            }
        }
        return 0;
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
            config = config.with(Settings.HL_WS, venues.wsUrl())
                    .with(Settings.HL_REST, venues.infoUrl())
                    .with(Settings.JUP_PRICE, venues.priceUrl())
                    .with(Settings.JUP_QUOTE, venues.quoteUrl())
                    .with(Settings.JUP_TOKENS, venues.tokensUrl());
            jupRate = config.get(Settings.SIM_JUP_RATE);
            apiKey = null;
            LOG.info("feed sim: Hyperliquid at {}, Jupiter at {}", venues.wsUrl(), venues.priceUrl());
        } else {
            jupRate = apiKey == null || apiKey.isBlank() ? config.get(Settings.JUP_RATE)
                    : config.get(Settings.JUP_RATE_WITH_KEY);
            LOG.info("feed live: Hyperliquid {}, Jupiter {}", config.text(Settings.HL_WS), config.get(Settings.JUP_PRICE));
        }
        HttpFetcher http = new HttpFetcher(config.get(Settings.HTTP_TIMEOUT));
        List<Token> table = staticTable();
        TokenDiscovery.Result tokens;
        if (config.get(Settings.TOKENS_DISCOVERY)) {
            tokens = TokenDiscovery.discover(config.get(Settings.HL_REST), config.get(Settings.JUP_TOKENS), table,
                    config.get(Settings.TOKENS_MAX), http);
        } else {
            tokens = TokenDiscovery.staticTable(table, config.get(Settings.TOKENS_MAX), "discovery off");
        }
        registry = tokens.registry();
        tokensHow = tokens.how();
        if (registry.size() == 0) {
            throw new ConfigException("tokens: no pairs to track (" + tokensHow + ")");
        }
        LOG.info("tracking {} pairs: {}", registry.size(), tokensHow);

        journal = Journal.openForWrite(options.journal(), config.get(Settings.JOURNAL_ROLL), config.get(Settings.JOURNAL_BLOCK));
        topology = new Topology(journal, config.get(Settings.RING_SIZE), config.get(Settings.RING_WAIT), stats);
        topology.start();
        status = new StatusPublisher(topology.publisher(), clock);

        MarketEvent e = new MarketEvent();
        String header = "# perpspot " + VERSION + " feed=" + (options.sim() ? "sim" : "live") + "\n";
        topology.publisher().publish(EngineEvents.engineStart(e, header + StrategySettings.from(config).text(),
                clock.nanoTime()));
        for (Token t : registry.all()) {
            topology.publisher().publish(EngineEvents.tokenDef(e, t, clock.nanoTime()));
        }

        Backoff wsBackoff = new Backoff(config.get(Settings.BACKOFF_INITIAL), config.get(Settings.BACKOFF_MAX));
        ioGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("perpspot-io", true), NioIoHandler.newFactory());
        wsClient = new HyperliquidWsClient(config.get(Settings.HL_WS), registry, topology.publisher(), stats, status,
                clock, ioGroup, config.get(Settings.HL_PING_INTERVAL), config.get(Settings.HL_STALE_AFTER),
                config.get(Settings.HL_CONNECT_TIMEOUT), config.get(Settings.HL_MAX_FRAME_BYTES), wsBackoff);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "perpspot-scheduler"));
        poller = new JupiterPricePoller(config.get(Settings.JUP_PRICE), registry, config.get(Settings.JUP_BATCH),
                jupRate, apiKey, http, topology.publisher(), stats, status, clock, scheduler,
                new Backoff(config.get(Settings.BACKOFF_INITIAL), config.get(Settings.BACKOFF_MAX)));
        wsClient.start();
        poller.start();
        scheduler.scheduleAtFixedRate(this::logProgress, 10, 10, TimeUnit.SECONDS);
        started = true;
        if (options.dashboard()) {
            startSidecars();
        }
        LOG.info("engine started: journal {}", options.journal().toAbsolutePath());
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
            LOG.info("journaled {} events ({}/s) | perp {} {} | spot {} {} | opportunities {} | rejected {}",
                    n, rate, Source.name(wsClient.currentSource()), stateName(wsClient.currentSource()),
                    Source.name(Source.JUPITER_PRICE), stateName(Source.JUPITER_PRICE),
                    topology.strategy().opportunities(), totalRejects());
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
        if (poller != null) {
            poller.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (wsClient != null) {
            wsClient.close();
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (venues != null) {
            venues.close();
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
        out.printf("  opportunities     %d%n", s.opportunities());
        out.printf("  spread snapshots  %d%n", s.spreads());
        out.printf("  rejected          %d%s%n", totalRejects(), rejectDetail());
        if (topology.handlerErrors() > 0) {
            out.printf("  handler errors    %d (see the log)%n", topology.handlerErrors());
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





}
