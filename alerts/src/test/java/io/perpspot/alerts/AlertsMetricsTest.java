package io.perpspot.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.alerts.rule.AlertsFile;
import io.perpspot.alerts.sink.SinkStats;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.metrics.MetricsServer;
import io.perpspot.engine.testing.Ports;
import io.perpspot.engine.testing.Promtool;
import io.perpspot.engine.testkit.Await;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sent, failed and dropped alerts as Prometheus metrics on the standalone command's endpoint
 * ({@code alerts.metrics-port}), read at scrape time from the sinks' counters, over real sockets; {@code promtool}
 * (Debian package {@code prometheus}) accepts the exposition.
 */
class AlertsMetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    /** The value of the sample {@code name{...}} whose labels include every one of {@code labels}, or NaN. */
    static double sample(String exposition, String name, String... labels) {
        Matcher m = Pattern.compile("^" + name + "(?:\\{([^}]*)\\})? (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        while (m.find()) {
            List<String> got = m.group(1) == null ? List.of() : List.of(m.group(1).split(","));
            if (got.containsAll(List.of(labels))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String scrape(int port) throws Exception {
        HttpResponse<String> r = get(port, "/metrics");
        assertEquals(200, r.statusCode());
        return r.body();
    }

    @Test
    void theStandaloneEndpointServesSentFailedAndDroppedBySinkAndPromtoolAcceptsIt() throws Exception {
        SyntheticJournal j = SyntheticJournal.write(tmp.resolve("journal"));
        int port = Ports.freeLoopbackPort();
        Config config = ConfigLoader.load(null, List.of("alerts.metrics-port=" + port));
        try (Receiver ok = Receiver.ok(); Receiver gone = new Receiver(n -> 404)) {
            String yaml = "sinks:\n  - name: desk\n    format: slack\n    url: " + ok.url() + "\n"
                    + "  - name: old\n    format: json\n    url: " + gone.url() + "\n"
                    + "  - name: slow\n    format: discord\n    url: " + ok.url() + "\n    per-minute: 1\n"
                    + "rules:\n  - name: edge\n    kind: opportunity\n  - name: failover\n    kind: failover\n";
            AlertsSetup s = new AlertsSetup(AlertsFile.parse(yaml, "m.yaml"), "m.yaml", "http://127.0.0.1:8080/");
            try (AlertsService svc = new AlertsService(j.dir(), s, tmp.resolve("state"), true).start();
                    MetricsServer metrics = MetricsEndpoint.startIfEnabled(config, svc)) {
                assertTrue(svc.awaitCaughtUp(20, TimeUnit.SECONDS));
                List<SinkStats> sinks = svc.stats().sinks();
                Await.await("every alert sent, failed or dropped", 20, () -> sinks.get(0).sent() == 4
                        && sinks.get(1).failed() == 4 && sinks.get(2).sent() + sinks.get(2).dropped() == 4);
                String text = scrape(metrics.port());
                assertEquals(4.0, sample(text, "perpspot_alerts_fired_total"), text);
                assertEquals(4.0, sample(text, "perpspot_alerts_sent_total", "sink=\"desk\"", "format=\"slack\""));
                assertEquals(0.0, sample(text, "perpspot_alerts_sent_total", "sink=\"old\""));
                assertEquals(4.0, sample(text, "perpspot_alerts_failed_total", "sink=\"old\""));
                assertEquals((double) sinks.get(2).rateLimited(),
                        sample(text, "perpspot_alerts_dropped_total", "sink=\"slow\"", "reason=\"rate-limit\""));
                assertTrue(sinks.get(2).rateLimited() >= 1, "the per-minute bound cut some");
                assertEquals(0.0, sample(text, "perpspot_alerts_dropped_total", "sink=\"desk\"",
                        "reason=\"queue-full\""));
                assertEquals(0.0, sample(text, "perpspot_alerts_queued", "sink=\"desk\""));
                assertTrue(text.contains("jvm_memory_used_bytes"), "the JVM's figures too");
                Promtool.assertAccepts(text, tmp);
                assertEquals(200, get(metrics.port(), "/readyz").statusCode(), "caught up: ready");
                assertEquals(200, get(metrics.port(), "/healthz").statusCode());
            }
        }
    }

    @Test
    void noPortNoEndpointAndAPortInUseIsOneLineNamingTheKey() throws Exception {
        SyntheticJournal j = SyntheticJournal.builder().tokens(1).seconds(2).write(tmp.resolve("j"));
        AlertsSetup s = new AlertsSetup(AlertsFile.parse("rules: []\n", "m.yaml"), "m.yaml", "http://x/");
        try (AlertsService svc = new AlertsService(j.dir(), s, tmp.resolve("state"), true).start();
                ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(null, MetricsEndpoint.startIfEnabled(ConfigLoader.load(null, List.of()), svc), "0: off");
            int port = taken.getLocalPort();
            String m = assertThrows(ConfigException.class, () -> MetricsEndpoint.startIfEnabled(
                    ConfigLoader.load(null, List.of("alerts.metrics-port=" + port)), svc)).getMessage();
            assertEquals("alerts.metrics-port " + port + ": 127.0.0.1:" + port + " is in use (set alerts.metrics-port"
                    + " to a free port, or 0 for no metrics endpoint)", m);
        }
    }
}
