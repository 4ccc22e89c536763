package io.perpspot.dashboard;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;

/** The {@code dashboard.*} configuration keys, typed. */
public record DashboardSettings(String host, int port, long pushIntervalMs, int clientQueue, int maxClients,
                                int historyPoints, int opportunities, long staleAfterMs, int maxPaths) {
    public static DashboardSettings from(Config c) {
        return new DashboardSettings(c.get(Settings.DASHBOARD_HOST), c.get(Settings.DASHBOARD_PORT),
                c.get(Settings.DASHBOARD_PUSH_INTERVAL).toMillis(), c.get(Settings.DASHBOARD_CLIENT_QUEUE),
                c.get(Settings.DASHBOARD_MAX_CLIENTS), c.get(Settings.DASHBOARD_HISTORY_POINTS),
                c.get(Settings.DASHBOARD_OPPORTUNITIES), c.get(Settings.DASHBOARD_STALE_AFTER).toMillis(),
                c.get(Settings.DASHBOARD_MAX_PATHS));
    }

    public DashboardSettings withPort(int p) {
        return new DashboardSettings(host, p, pushIntervalMs, clientQueue, maxClients, historyPoints, opportunities,
                staleAfterMs, maxPaths);
    }

    public DashboardSettings withHost(String h) {
        return new DashboardSettings(h, port, pushIntervalMs, clientQueue, maxClients, historyPoints, opportunities,
                staleAfterMs, maxPaths);
    }
}
