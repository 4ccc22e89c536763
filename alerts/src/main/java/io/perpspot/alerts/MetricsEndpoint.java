package io.perpspot.alerts;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone {@code perpspot alerts}' own {@code GET /metrics} on {@code metrics.host}:{@code alerts.metrics-port}
 * (the Prometheus client's HTTP server, as the engine's endpoint uses its handler): the alerts' counters and the
 * JVM's. Inside {@code perpspot run} the same collectors join the engine's endpoint instead.
 */
final class MetricsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    private MetricsEndpoint() {
    }

    /**
     * Serves {@code svc}'s collectors when {@code alerts.metrics-port} is not 0, else returns null.
     *
     * @throws ConfigException (one line naming the key) when the port is in use or the host cannot be bound
     */
    static HTTPServer startIfEnabled(Config config, AlertsService svc) {
        int port = config.get(Settings.ALERTS_METRICS_PORT);
        if (port == 0) {
            return null;
        }
        String host = config.get(Settings.METRICS_HOST);
        PrometheusRegistry registry = new PrometheusRegistry();
        svc.registerMetrics(registry);
        JvmMetrics.builder().register(registry);
        try {
            HTTPServer server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
            LOG.info("alerts metrics: http://{}:{}/metrics", host, server.getPort());
            return server;
        } catch (BindException e) {
            throw new ConfigException("alerts.metrics-port " + port + ": " + host + ":" + port
                    + " is in use (set alerts.metrics-port to a free port, or 0 for no metrics endpoint)");
        } catch (IOException e) {
            throw new ConfigException("alerts.metrics-port " + port + ": cannot listen on " + host + ": "
                    + e.getMessage());
        }
    }
}
