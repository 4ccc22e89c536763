package io.perpspot.dashboard;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.perpspot.dashboard.api.ApiRoutes;
import io.perpspot.dashboard.api.Security;
import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.metrics.DashboardMetrics;
import io.perpspot.dashboard.push.PushHub;
import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.dashboard.state.EngineFold;
import io.perpspot.dashboard.state.Folds;
import io.perpspot.dashboard.state.JournalTailer;
import io.perpspot.dashboard.state.MarketView;
import io.perpspot.engine.cache.PerpspotCache;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.metrics.MetricsServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard sidecar: a {@link JournalTailer} folding a journal into a {@link MarketView},
 * the JSON API, the {@code /ws} push channel ({@link PushHub}) and the static pages, served by
 * Javalin (Jetty's threads). It only reads the journal; it runs inside the engine's JVM
 * ({@code perpspot run}), as its own process ({@code perpspot dashboard}), or on an old journal.
 *
 * <pre>
 *  journal input/ + output/ ──(read-only tailers)──▶ dashboard-tailer ──▶ MarketView ◀── HTTP /api/* (Jetty threads)
 *                                                                        │ "symbol changed at v"
 *                                                                        ▼
 *                                                   dashboard-push (every push-interval) ──▶ /ws browsers
 * </pre>
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    private final Folds folds;
    private final PushHub hub;
    private final Javalin app;
    private final DashboardSettings settings;
    private final DashboardMetrics metrics;
    private final DashboardServices services;
    private volatile MetricsServer metricsServer;

    private Dashboard(Folds folds, PushHub hub, Javalin app, DashboardSettings settings, DashboardServices services,
                      DashboardMetrics metrics) {
        this.folds = folds;
        this.services = services;
        this.hub = hub;
        this.app = app;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Starts the sidecar on {@code journalDir}.
     *
     * @throws io.perpspot.engine.core.JournalFormatException (one line) if the directory is
     *         missing or not a perpspot journal
     * @throws ConfigException (one line) if the address cannot be bound, or it is not loopback (or
     *         {@code dashboard.require-token} is set) and no token is in {@value DashboardSettings#TOKEN_ENV}
     */
    public static Dashboard start(DashboardSettings s, Path journalDir, DashboardServices services) {
        Security security = security(s);
        MarketView view = new MarketView(s.historyPoints(), s.opportunities(), services.execution());
        JournalTailer tailer = new JournalTailer(journalDir, view);
        try {
            services.templates().attach(journalDir); // the user templates beside the journal
        } catch (RuntimeException e) {
            tailer.close();
            throw e;
        }
        PushHub hub = new PushHub(view, s.pushIntervalMs(), s.clientQueue(), s.maxClients());
        view.listener(hub);
        Folds folds = Folds.single(new EngineFold(null, journalDir, view, tailer, null));
        return serve(s, security, folds, hub, services, journalDir, new DashboardMetrics(hub, tailer, view),
                "reading journal " + journalDir.toAbsolutePath());
    }

    /**
     * Starts the sidecar on a fleet of engines' journals, none yet: each joins with {@link #follow} as it appears
     * (e.g. as {@code perpspot dashboard --kafka} pulls it into {@code copies}). No Prometheus figures of its own.
     *
     * @throws ConfigException (one line) as {@link #start}
     */
    public static Dashboard startFleet(DashboardSettings s, Path copies, DashboardServices services) {
        Security security = security(s);
        services.templates().attach(copies); // the user templates beside the copies
        Folds folds = Folds.fleet();
        PushHub hub = new PushHub(folds, s.pushIntervalMs(), s.clientQueue(), s.maxClients());
        folds.onJoin(f -> f.view().listener(hub.forEngine(f.engine())));
        return serve(s, security, folds, hub, services, copies, null, "reading the engines' journals in "
                + copies.toAbsolutePath());
    }

    /**
     * Folds one more engine's journal into a fleet's overview ({@link #startFleet}): from now on its rows are on
     * {@code /api/tokens} and the push, named by {@code engine} and its shard.
     *
     * @param copy figures of the journal's copy for the health page (e.g. how far the pull is behind), or null
     * @throws io.perpspot.engine.core.JournalFormatException (one line) when {@code dir} is not a journal
     */
    public void follow(String engine, Path dir, Supplier<Map<String, Object>> copy) {
        if (!folds.isFleet()) {
            throw new IllegalStateException("a dashboard of one journal follows no other");
        }
        MarketView v = new MarketView(settings.historyPoints(), settings.opportunities(), services.execution());
        folds.add(new EngineFold(engine, dir, v, new JournalTailer(dir, v), copy));
    }

    private static Security security(DashboardSettings s) {
        boolean loopback = isLoopback(s.host());
        if (!loopback && s.token() == null) {
            throw new ConfigException("dashboard: " + s.host()
                    + " is not a loopback address: a bearer token is required;"
                    + " set " + DashboardSettings.TOKEN_ENV + " in the environment (or bind 127.0.0.1)");
        }
        if (s.requireToken() && s.token() == null) {
            throw new ConfigException("dashboard.require-token is true but " + DashboardSettings.TOKEN_ENV
                    + " is not set in the environment");
        }
        if (s.token() != null && s.token().length() < 16) {
            throw new ConfigException("dashboard: " + DashboardSettings.TOKEN_ENV + " must be at least 16 characters");
        }
        return new Security(s, loopback);
    }

    private static Dashboard serve(DashboardSettings s, Security security, Folds folds, PushHub hub,
                                   DashboardServices services, Path journalDir, DashboardMetrics metrics,
                                   String reading) {
        ApiRoutes api = new ApiRoutes(folds, hub, services, s, journalDir);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = s.maxRequestBytes();
            config.staticFiles.enableWebjars();
            config.staticFiles.add("/web", Location.CLASSPATH);
            security.register(config.routes);
            api.register(config.routes);
            config.routes.ws("/ws", ws -> {
                ws.onConnect(ctx -> {
                    long since = -1;
                    String q = ctx.queryParam("since");
                    if (q != null) {
                        try {
                            since = Long.parseLong(q);
                        } catch (NumberFormatException e) {
                            ctx.closeSession(1008, "since must be an integer");
                            return;
                        }
                    }
                    ctx.session.setIdleTimeout(Duration.ofMinutes(5));
                    hub.connect(ctx, since, ctx::queryParam);
                });
                ws.onMessage(ctx -> hub.message(ctx, ctx.message()));
                ws.onClose(hub::disconnect);
                ws.onError(hub::disconnect);
            });
        });
        if (!folds.isFleet()) {
            folds.all().get(0).tailer().start();
        }
        hub.start();
        try {
            app.start(s.host(), s.port());
        } catch (RuntimeException e) {
            hub.close();
            folds.close();
            throw new ConfigException("dashboard: cannot listen on " + s.host() + ":" + s.port() + ": " + rootMessage(e)
                    + " (choose another with --port or --set dashboard.port=N; 'run --no-dashboard' starts none)");
        }
        Dashboard d = new Dashboard(folds, hub, app, s, services, metrics);
        if (isLoopback(s.host())) {
            LOG.info("dashboard on http://{}:{}/ {}{}", s.host(), d.port(), reading,
                    security.enforced() ? " (bearer token required)" : "");
        } else {
            LOG.warn("dashboard bound to {}:{}, which is NOT loopback: reachable from other hosts (dashboard.host);"
                    + " every API and WebSocket call needs the bearer token", s.host(), d.port());
        }
        return d;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("dashboard.host: unknown host '" + host + "'");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** The base URL the sidecar answers on, e.g. {@code http://127.0.0.1:8080} (no trailing slash). */
    public String url() {
        String host = settings.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** Adds the dashboard's figures ({@code perpspot_dashboard_*}) to {@code registry} (the engine's, in-process). */
    public void registerMetrics(PrometheusRegistry registry) {
        if (metrics != null) {
            metrics.register(registry);
        }
    }

    /**
     * Serves the dashboard's own {@code /metrics} (its figures and the JVM's), {@code /healthz} and
     * {@code /readyz} ({@code perpspot dashboard} alone), through the engine's metrics server; closed
     * with the dashboard.
     *
     * @throws ConfigException (one line naming the port's key) when the port is in use
     */
    public MetricsServer serveMetrics(MetricsServer.Endpoint at) {
        if (metrics == null) {
            throw new IllegalStateException("a fleet's dashboard has no Prometheus figures of its own");
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registerMetrics(registry);
        JvmMetrics.builder().register(registry);
        metricsServer = MetricsServer.serve(at, registry, metrics::healthz, metrics::readyz, null);
        return metricsServer;
    }

    /** The engine's cache, when the dashboard runs in the engine's process ({@code perpspot run}). */
    public void attachCache(PerpspotCache cache) {
        services.cache().attach(cache);
    }

    /** The journal's folded picture this sidecar serves (tests read it directly); a fleet's first engine's. */
    public MarketView view() {
        return folds.all().get(0).view();
    }

    /** The journals this sidecar folds. */
    public Folds folds() {
        return folds;
    }

    /** Waits until the journal as it was at start has been read (an old journal is loaded). */
    public boolean awaitCaughtUp(long timeout, TimeUnit unit) throws InterruptedException {
        return folds.all().get(0).tailer().awaitCaughtUp(timeout, unit);
    }

    @Override
    public void close() {
        MetricsServer m = metricsServer;
        if (m != null) {
            m.close();
        }
        try {
            hub.close();
            app.stop();
        } finally {
            services.cache().close();
            folds.close();
        }
    }
}
