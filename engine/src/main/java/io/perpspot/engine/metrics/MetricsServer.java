package io.perpspot.engine.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's endpoint ({@code metrics.host}:{@code metrics.port}): {@code GET /metrics} from
 * the Prometheus client's handler (text format; OpenMetrics when the scraper asks), {@code /healthz}
 * and {@code /readyz} (200 or 503 with a JSON body saying why). One daemon thread serves the
 * requests and samples the counters the data ages are computed from.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    /** How often the frame and journal counters are sampled for the data ages. */
    private static final long SAMPLE_MILLIS = 250;

    private final HttpServer server;
    private final ScheduledExecutorService thread;
    private final PrometheusRegistry registry;

    private MetricsServer(HttpServer server, ScheduledExecutorService thread, PrometheusRegistry registry) {
        this.server = server;
        this.thread = thread;
        this.registry = registry;
    }

    /**
     * Starts the endpoint if {@code metrics.enabled} and {@code metrics.port} is not 0, else
     * returns null. A port in use is a {@link ConfigException} naming the key.
     */
    public static MetricsServer startIfEnabled(Config config, EngineReadings parts) {
        if (!config.get(Settings.METRICS_ENABLED) || config.get(Settings.METRICS_PORT) == 0) {
            return null;
        }
        Freshness fresh = new Freshness(System::nanoTime);
        PrometheusRegistry registry = EngineCollectors.register(parts, fresh);
        Health health = new Health(parts, fresh, config.get(Settings.METRICS_STALE_AFTER).toNanos() / 1e9);
        Runnable sample = () -> fresh.sample(parts.stats()::frames, parts.pipeline().journalHandler().appended());
        sample.run();
        return serve(new Endpoint(config.get(Settings.METRICS_HOST), config.get(Settings.METRICS_PORT),
                Settings.METRICS_PORT.name()), registry, health::healthz, health::readyz, sample);
    }

    /**
     * Where an endpoint listens, and the setting that chose its port (named when the port is in use).
     *
     * @param host    the interface ({@code metrics.host})
     * @param port    the port, not 0
     * @param portKey the setting of the port, e.g. {@code metrics.port}
     */
    public record Endpoint(String host, int port, String portKey) {
    }

    /**
     * Serves {@code registry} on {@code GET /metrics} and the two checks on {@code /healthz} and
     * {@code /readyz} (200 or 503, the verdict's JSON body), from one daemon thread, which also runs
     * {@code tick} every quarter second (null: nothing). For another process than the engine (the
     * dashboard alone) that exposes its own figures the same way.
     *
     * @throws ConfigException (one line naming {@link Endpoint#portKey}) when the port is in use
     */
    public static MetricsServer serve(Endpoint at, PrometheusRegistry registry, Supplier<Verdict> healthz,
                                      Supplier<Verdict> readyz, Runnable tick) {
        String host = at.host();
        int port = at.port();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            throw new ConfigException(at.portKey() + " " + port + ": " + host + ":" + port
                    + " is in use (set " + at.portKey() + " to a free port, or 0 for no metrics endpoint)");
        } catch (IOException e) {
            throw new ConfigException(Settings.METRICS_HOST.name() + " " + host + ": cannot listen on port " + port
                    + ": " + e.getMessage());
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perpspot-metrics");
            t.setDaemon(true);
            return t;
        });
        if (tick != null) {
            thread.scheduleAtFixedRate(() -> {
                try {
                    tick.run();
                } catch (RuntimeException e) {
                    LOG.debug("metrics sample failed", e);
                }
            }, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        }
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/healthz", ex -> answer(ex, healthz));
        server.createContext("/readyz", ex -> answer(ex, readyz));
        server.setExecutor(thread);
        server.start();
        LOG.info("metrics: http://{}:{}/metrics, /healthz, /readyz", host, server.getAddress().getPort());
        return new MetricsServer(server, thread, registry);
    }

    private static void answer(HttpExchange ex, Supplier<Verdict> check) throws IOException {
        try (ex) {
            Verdict a = check.get();
            byte[] body = (a.json() + "\n").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(a.ok() ? 200 : 503, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * The registry {@code /metrics} exposes: a sidecar in the engine's JVM adds its own collectors
     * here (callback collectors, read at scrape time), so one scrape covers the whole process.
     */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** The port served (the configured one). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving (requests in flight get at most a second). */
    @Override
    public void close() {
        server.stop(1);
        thread.shutdownNow();
    }
}
