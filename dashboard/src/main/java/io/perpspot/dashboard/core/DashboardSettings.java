package io.perpspot.dashboard.core;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;

/**
 * The {@code dashboard.*} configuration keys, typed, plus the bearer token, which comes only from
 * the environment ({@link #TOKEN_ENV}) and never appears in {@link #toString()}.
 *
 * @param token             bearer token or null; required off loopback and when {@code requireToken}
 * @param requireToken      enforce the token on loopback too ({@code dashboard.require-token})
 * @param maxRequestBytes   largest request body ({@code dashboard.max-request-bytes})
 * @param simulateMaxCost   bound of paths × sizeUsd per simulation ({@code dashboard.simulate.max-cost})
 * @param simulatePerMinute simulations per minute per client ({@code dashboard.simulate.per-minute})
 */
public record DashboardSettings(String host, int port, long pushIntervalMs, int clientQueue, int maxClients,
                                int historyPoints, int opportunities, long staleAfterMs, int maxPaths, String token,
                                boolean requireToken, int maxRequestBytes, double simulateMaxCost,
                                int simulatePerMinute) {
    /** The environment variable holding the bearer token. */
    public static final String TOKEN_ENV = "PERPSPOT_DASHBOARD_TOKEN";

    /** The security limits at their defaults, no token (tests). */
    public DashboardSettings(String host, int port, long pushIntervalMs, int clientQueue, int maxClients,
                             int historyPoints, int opportunities, long staleAfterMs, int maxPaths) {
        this(host, port, pushIntervalMs, clientQueue, maxClients, historyPoints, opportunities, staleAfterMs, maxPaths,
                null, false, 65_536, 1e11, 20);
    }

    /** The {@code dashboard.*} settings, and the token from {@value #TOKEN_ENV} (blank: none). */
    public static DashboardSettings from(Config c) {
        String token = System.getenv(TOKEN_ENV);
        return new DashboardSettings(c.get(Settings.DASHBOARD_HOST), c.get(Settings.DASHBOARD_PORT),
                c.get(Settings.DASHBOARD_PUSH_INTERVAL).toMillis(), c.get(Settings.DASHBOARD_CLIENT_QUEUE),
                c.get(Settings.DASHBOARD_MAX_CLIENTS), c.get(Settings.DASHBOARD_HISTORY_POINTS),
                c.get(Settings.DASHBOARD_OPPORTUNITIES), c.get(Settings.DASHBOARD_STALE_AFTER).toMillis(),
                c.get(Settings.DASHBOARD_MAX_PATHS), token == null || token.isBlank() ? null : token,
                c.get(Settings.DASHBOARD_REQUIRE_TOKEN), c.get(Settings.DASHBOARD_MAX_REQUEST_BYTES),
                c.get(Settings.DASHBOARD_SIMULATE_MAX_COST), c.get(Settings.DASHBOARD_SIMULATE_RATE));
    }

    /** With another port (0: any free one). */
    public DashboardSettings withPort(int p) {
        return new DashboardSettings(host, p, pushIntervalMs, clientQueue, maxClients, historyPoints, opportunities,
                staleAfterMs, maxPaths, token, requireToken, maxRequestBytes, simulateMaxCost, simulatePerMinute);
    }

    /** With another bind address. */
    public DashboardSettings withHost(String h) {
        return new DashboardSettings(h, port, pushIntervalMs, clientQueue, maxClients, historyPoints, opportunities,
                staleAfterMs, maxPaths, token, requireToken, maxRequestBytes, simulateMaxCost, simulatePerMinute);
    }

    /** With a token, enforced (tests: token enforcement on loopback). */
    public DashboardSettings withToken(String t) {
        return new DashboardSettings(host, port, pushIntervalMs, clientQueue, maxClients, historyPoints, opportunities,
                staleAfterMs, maxPaths, t, true, maxRequestBytes, simulateMaxCost, simulatePerMinute);
    }

    /** With other request limits: body size, simulation cost (paths x size) and simulations a minute. */
    public DashboardSettings withLimits(int maxRequestBytes, double simulateMaxCost, int simulatePerMinute) {
        return new DashboardSettings(host, port, pushIntervalMs, clientQueue, maxClients, historyPoints, opportunities,
                staleAfterMs, maxPaths, token, requireToken, maxRequestBytes, simulateMaxCost, simulatePerMinute);
    }

    @Override
    public String toString() {
        return "DashboardSettings[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "***")
                + ", requireToken=" + requireToken + ", maxRequestBytes=" + maxRequestBytes + ", simulateMaxCost="
                + simulateMaxCost + ", simulatePerMinute=" + simulatePerMinute + "]";
    }
}
