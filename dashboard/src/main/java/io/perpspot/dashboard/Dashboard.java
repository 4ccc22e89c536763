package io.perpspot.dashboard;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.perpspot.dashboard.api.ApiRoutes;
import io.perpspot.dashboard.api.Security;
import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.metrics.DashboardMetrics;
import io.perpspot.dashboard.push.PushHub;
import io.perpspot.dashboard.seam.DashboardServices;
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
import java.util.concurrent.TimeUnit;
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

    private final JournalTailer tailer;
    private final PushHub hub;
    private final MarketView view;
    private final Javalin app;
    private final String host;
    private final DashboardMetrics metrics;
    private final DashboardServices services;
    private volatile MetricsServer metricsServer;

    private Dashboard(JournalTailer tailer, PushHub hub, MarketView view, Javalin app, String host,
                      DashboardServices services) {
        this.services = services;
        this.tailer = tailer;
        this.hub = hub;
        this.view = view;
        this.app = app;
        this.host = host;
        this.metrics = new DashboardMetrics(hub, tailer, view);
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
        Security security = new Security(s, loopback);
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
        ApiRoutes api = new ApiRoutes(view, hub, services, s, journalDir, tailer);
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
        tailer.start();
        hub.start();
        try {
            app.start(s.host(), s.port());
        } catch (RuntimeException e) {
            hub.close();
            tailer.close();
            throw new ConfigException("dashboard: cannot listen on " + s.host() + ":" + s.port() + ": " + rootMessage(e)
                    + " (choose another with --port or --set dashboard.port=N; 'run --no-dashboard' starts none)");
        }
        Dashboard d = new Dashboard(tailer, hub, view, app, s.host(), services);
        if (loopback) {
            LOG.info("dashboard on http://{}:{}/ reading journal {}{}", s.host(), d.port(), journalDir.toAbsolutePath(),
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
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** Adds the dashboard's figures ({@code perpspot_dashboard_*}) to {@code registry} (the engine's, in-process). */
    public void registerMetrics(PrometheusRegistry registry) {
        metrics.register(registry);
    }

    /**
     * Serves the dashboard's own {@code /metrics} (its figures and the JVM's), {@code /healthz} and
     * {@code /readyz} ({@code perpspot dashboard} alone), through the engine's metrics server; closed
     * with the dashboard.
     *
     * @throws ConfigException (one line naming the port's key) when the port is in use
     */
    public MetricsServer serveMetrics(MetricsServer.Endpoint at) {
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

    /** The journal's folded picture this sidecar serves (tests read it directly). */
    public MarketView view() {
        return view;
    }

    /** Waits until the journal as it was at start has been read (an old journal is loaded). */
    public boolean awaitCaughtUp(long timeout, TimeUnit unit) throws InterruptedException {
        return tailer.awaitCaughtUp(timeout, unit);
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
            tailer.close();
        }
    }
}
