package io.perpspot.alerts;

import io.perpspot.alerts.sink.AlertStats;
import io.perpspot.engine.app.Sidecar;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the alerts inside {@code perpspot run} when {@code alerts.enabled}; found through META-INF/services. With
 * no sink configured it logs that once and does nothing. The first run on a journal starts at its end; later runs
 * resume from the saved point ({@code DIR.alerts-state}).
 */
public final class AlertsSidecar implements Sidecar.Provider {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsSidecar.class);
    private static final AtomicReference<AlertsService> RUNNING = new AtomicReference<>();

    /** The counters of the alerts sidecar running in this JVM (for a metrics exporter), or empty when none runs. */
    public static Optional<AlertStats> stats() {
        return Optional.ofNullable(RUNNING.get()).map(AlertsService::stats);
    }

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public Sidecar start(Config config, Path journalDir) {
        if (!config.get(Settings.ALERTS_ENABLED)) {
            return () -> { };
        }
        AlertsSetup setup = AlertsSetup.load(config, null);
        if (setup.file().sinks().isEmpty()) {
            LOG.info("alerts: no sink in {} nor alerts.webhooks; alerts are off for this run", setup.origin());
            return () -> { };
        }
        AlertsService svc = new AlertsService(journalDir, setup, ResumePoint.defaultFile(journalDir), false).start();
        LOG.info("alerts: {} rules, {} sinks from {}", setup.file().rules().size(), setup.file().sinks().size(),
                setup.origin());
        RUNNING.set(svc);
        return new Running(svc);
    }

    /** The alerts running in the engine's JVM: their counters join the engine's /metrics. */
    private record Running(AlertsService svc) implements Sidecar {
        @Override
        public void registerMetrics(PrometheusRegistry registry) {
            svc.registerMetrics(registry);
        }

        @Override
        public void close() {
            RUNNING.compareAndSet(svc, null);
            svc.close();
        }
    }
}
