package io.perpspot.dashboard;

import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.engine.cli.ConfigOptions;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.metrics.MetricsServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code perpspot dashboard}: the sidecar on its own, next to a running engine or on an old journal; or, with the
 * option of a {@link JournalSource} another module adds (mirror-kafka's {@code --kafka}), over several engines'
 * journals, one fold per engine.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serve the browser dashboard for a journal (read-only) until Ctrl-C.",
            "Its own /metrics, /healthz, /readyz on metrics.host:dashboard.metrics-port (9465; 0 = off).",
            "Example: perpspot dashboard --journal data/sim --port 8081",
            "Instead of --journal: --kafka BOOTSTRAP shows every engine mirrored to Kafka",
            "on one overview (one fold per engine; no /metrics of its own then)."})
public final class DashboardCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--journal", paramLabel = "DIR",
            description = "Journal directory to read (another process may be writing it).")
    Path journal;

    @Option(names = "--port", paramLabel = "N",
            description = "Port (default: dashboard.port, 8080; 0 = any free port).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR",
            description = "Interface to bind (default: dashboard.host, 127.0.0.1). Anything but loopback is logged.")
    String host;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Config c = config.load();
        DashboardSettings s = DashboardSettings.from(c);
        if (port != null) {
            if (port < 0 || port > 65535) {
                throw new ConfigException("dashboard: --port must be in [0, 65535], got " + port);
            }
            s = s.withPort(port);
        }
        if (host != null) {
            s = s.withHost(host);
        }
        List<JournalSource> sources = spec.mixins().values().stream().map(m -> m.userObject())
                .filter(JournalSource.class::isInstance).map(JournalSource.class::cast).toList();
        List<JournalSource> chosen = sources.stream().filter(JournalSource::chosen).toList();
        String others = sources.stream().map(JournalSource::option).collect(Collectors.joining(" or "));
        if ((journal != null && !chosen.isEmpty()) || chosen.size() > 1) {
            throw new ConfigException("dashboard: give one of --journal DIR" + (others.isEmpty() ? "" : " or "
                    + others) + ", not both");
        }
        if (!chosen.isEmpty()) {
            return fleet(c, s, chosen.get(0));
        }
        if (journal == null) {
            throw new ConfigException("dashboard: --journal DIR is required" + (others.isEmpty() ? ""
                    : " (or " + others + ")"));
        }
        Journal.checkMarker(journal);
        CountDownLatch stop = new CountDownLatch(1);
        Dashboard d = Dashboard.start(s, journal, DashboardServices.engine(c));
        MetricsServer metrics = null;
        int metricsPort = c.get(Settings.DASHBOARD_METRICS_PORT);
        if (c.get(Settings.METRICS_ENABLED) && metricsPort != 0) {
            try {
                metrics = d.serveMetrics(new MetricsServer.Endpoint(c.get(Settings.METRICS_HOST), metricsPort,
                        Settings.DASHBOARD_METRICS_PORT.name()));
            } catch (ConfigException e) {
                d.close();
                throw e;
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            d.close();
            stop.countDown();
        }, "dashboard-shutdown"));
        System.out.println("perpspot dashboard: " + d.url() + "/ (journal " + journal.toAbsolutePath()
                + (metrics == null ? "" : "; metrics on port " + metrics.port()) + "; Ctrl-C to stop)");
        stop.await();
        return 0;
    }

    /** The dashboard over the engines' journals of {@code source}, until Ctrl-C. */
    private static Integer fleet(Config c, DashboardSettings s, JournalSource source) throws InterruptedException {
        JournalSource.Feed feed = source.open(c);
        Dashboard d;
        try {
            d = Dashboard.startFleet(s, feed.dir(), DashboardServices.engine(c));
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
        feed.start(d);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            feed.close();
            d.close();
            stop.countDown();
        }, "dashboard-shutdown"));
        System.out.println("perpspot dashboard: " + d.url() + "/ (" + feed.describe() + "; Ctrl-C to stop)");
        stop.await();
        return 0;
    }
}
