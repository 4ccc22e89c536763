package io.perpspot.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.metrics.MetricsServer;
import io.perpspot.engine.metrics.Verdict;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The standalone {@code perpspot alerts}' own {@code GET /metrics} on {@code metrics.host}:{@code alerts.metrics-port}
 * (served as the engine's, through {@link MetricsServer#serve}, with {@code /healthz} and {@code /readyz}): the
 * alerts' counters and the JVM's. Inside {@code perpspot run} the same collectors join the engine's endpoint instead.
 */
final class MetricsEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsEndpoint() {
    }

    /**
     * Serves {@code svc}'s collectors when {@code alerts.metrics-port} is not 0, else returns null.
     *
     * @throws ConfigException (one line naming the key) when the port is in use or the host cannot be bound
     */
    static MetricsServer startIfEnabled(Config config, AlertsService svc) {
        int port = config.get(Settings.ALERTS_METRICS_PORT);
        if (port == 0) {
            return null;
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        svc.registerMetrics(registry);
        JvmMetrics.builder().register(registry);
        return MetricsServer.serve(new MetricsServer.Endpoint(config.get(Settings.METRICS_HOST), port,
                Settings.ALERTS_METRICS_PORT.name()), registry, () -> check(svc, false), () -> check(svc, true), null);
    }

    /** Alive while the tailer runs; ready once it has also evaluated what the journal held at start. */
    private static Verdict check(AlertsService svc, boolean ready) {
        String why = !svc.running() ? "the alerts tailer stopped (see the log)"
                : ready && !svc.caughtUp() ? "reading the journal up to where it was at start" : null;
        ObjectNode body = JSON.createObjectNode();
        body.put("status", why == null ? (ready ? "ready" : "ok") : ready ? "unready" : "stuck");
        if (why != null) {
            body.put("reason", why);
        }
        body.put("alerts", svc.alerts());
        return new Verdict(why == null, body.toString());
    }
}
