package io.perpspot.dashboard;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.dashboard.state.JournalTailer;
import io.perpspot.dashboard.state.MarketView;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.metrics.MetricsServer;
import io.perpspot.engine.testing.Exposition;
import io.perpspot.engine.testing.Ports;
import io.perpspot.engine.testing.Promtool;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's own figures (browsers, pushes, tailer lag) as Prometheus metrics: served on
 * {@code dashboard.metrics-port} through the engine's metrics server when it runs alone, joined to
 * the engine's endpoint inside {@code perpspot run}. Real sockets, a real journal, promtool.
 */
class DashboardMetricsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    /** Counts the messages a browser receives. */
    private static final class Browser implements WebSocket.Listener {
        final AtomicLong messages = new AtomicLong();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (last) {
                messages.incrementAndGet();
            }
            ws.request(1);
            return null;
        }
    }

    @Test
    void aDashboardAloneServesItsClientsPushesAndTailerLagOnItsOwnPort() throws Exception {
        Path journal = dir.resolve("j");
        SyntheticJournal written = SyntheticJournal.builder().tokens(3).seconds(20).write(journal);
        // A tailer that has read nothing lags by the whole journal.
        MarketView idle = new MarketView(100, 100, Fixture.services().execution());
        try (JournalTailer unread = new JournalTailer(journal, idle)) {
            assertEquals(written.inputRecords(), unread.lag("input"));
            assertEquals(written.outputRecords(), unread.lag("output"));
        }

        int port = Ports.freeLoopbackPort();
        try (Dashboard d = Dashboard.start(Fixture.settings(), journal, Fixture.services())) {
            MetricsServer server = d.serveMetrics(new MetricsServer.Endpoint("127.0.0.1", port,
                    "dashboard.metrics-port"));
            assertEquals(port, server.port());
            await("ready once the journal is read", 30, () -> get(port, "/readyz").statusCode() == 200);
            assertEquals(200, get(port, "/healthz").statusCode());
            Exposition caughtUp = scrape(port);
            assertEquals(0.0, caughtUp.value("perpspot_dashboard_tailer_lag_records{queue=\"input\"}"));
            assertEquals(0.0, caughtUp.value("perpspot_dashboard_tailer_lag_records{queue=\"output\"}"));
            assertEquals(0.0, caughtUp.value("perpspot_dashboard_clients"));
            assertTrue(caughtUp.value("jvm_threads_current") > 0, "the JVM's metrics, alone");

            Browser browser = new Browser();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(d.url().replace("http", "ws") + "/ws"), browser).get(10, TimeUnit.SECONDS);
            // The journal is complete, so the pushes stop after the first: the count settles on what the browser got.
            await("one browser and the messages it received", 30, () -> {
                Exposition e = scrape(port);
                return e.value("perpspot_dashboard_clients") == 1 && browser.messages.get() > 0
                        && e.value("perpspot_dashboard_push_messages_total") == browser.messages.get();
            });
            Promtool.assertAccepts(get(port, "/metrics").body(), dir.resolve("promtool"));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            await("the browser gone", 10, () -> scrape(port).value("perpspot_dashboard_clients") == 0);
        }
        assertThrows(ConnectException.class, () -> HTTP.send(request(port, "/metrics"),
                HttpResponse.BodyHandlers.ofString()), "closed with the dashboard");
    }

    @Test
    void aTakenMetricsPortIsOneLineNamingTheKey() throws Exception {
        Path journal = dir.resolve("j");
        SyntheticJournal.builder().tokens(2).seconds(5).write(journal);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Dashboard d = Dashboard.start(Fixture.settings(), journal, Fixture.services())) {
            int port = taken.getLocalPort();
            ConfigException e = assertThrows(ConfigException.class, () -> d.serveMetrics(
                    new MetricsServer.Endpoint("127.0.0.1", port, "dashboard.metrics-port")));
            assertTrue(e.getMessage().startsWith("dashboard.metrics-port " + port + ": "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void insidePerpspotRunTheDashboardsFiguresJoinTheEnginesEndpoint() throws Exception {
        int metricsPort = Ports.freeLoopbackPort();
        int ownPort = Ports.freeLoopbackPort();
        var config = ConfigLoader.load(null, List.of("sim.tokens=10", "tokens.max=10",
                "dashboard.port=0", "metrics.port=" + metricsPort,
                "dashboard.metrics-port=" + ownPort));
        try (Engine engine = new Engine(EngineOptions.of(config, dir.resolve("j")).feed("sim").dashboard(true)
                .metrics(true))) {
            engine.start();
            String lag = "perpspot_dashboard_tailer_lag_records{queue=\"input\"}";
            Exposition[] seen = new Exposition[1];
            await("the dashboard's figures on the engine's endpoint", 30, () -> {
                seen[0] = scrape(metricsPort);
                return !Double.isNaN(seen[0].value(lag)) && seen[0].value("perpspot_tokens_tracked") == 10;
            });
            assertTrue(seen[0].value(lag) <= engine.assembly().journaled(), "lag within what was journaled");
            assertEquals(0.0, seen[0].value("perpspot_dashboard_clients"));
            assertEquals(0.0, seen[0].value("perpspot_dashboard_push_messages_total"));
            assertThrows(ConnectException.class, () -> HTTP.send(request(ownPort, "/metrics"),
                    HttpResponse.BodyHandlers.ofString()), "no second endpoint in the engine's process");
        }
    }

    private static Exposition scrape(int port) {
        HttpResponse<String> r = get(port, "/metrics");
        assertEquals(200, r.statusCode());
        return Exposition.parse(r.body());
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .build();
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(request(port, path), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
