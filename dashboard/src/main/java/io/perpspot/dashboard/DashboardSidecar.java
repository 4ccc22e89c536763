package io.perpspot.dashboard;

import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.engine.app.Sidecar;
import io.perpspot.engine.cache.PerpspotCache;
import io.perpspot.engine.config.Config;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;

/**
 * Starts the dashboard inside {@code perpspot run} (unless {@code --no-dashboard}); found through
 * META-INF/services. Its figures join the engine's {@code /metrics} (no endpoint of its own here).
 */
public final class DashboardSidecar implements Sidecar.Provider {
    @Override
    public String name() {
        return "dashboard";
    }

    @Override
    public Sidecar start(Config config, Path journalDir) {
        Dashboard d = Dashboard.start(DashboardSettings.from(config), journalDir, DashboardServices.engine(config));
        return new Sidecar() {
            @Override
            public void close() {
                d.close();
            }

            @Override
            public void attachCache(PerpspotCache cache) {
                d.attachCache(cache);
            }

            @Override
            public void registerMetrics(PrometheusRegistry registry) {
                d.registerMetrics(registry);
            }
        };
    }
}
