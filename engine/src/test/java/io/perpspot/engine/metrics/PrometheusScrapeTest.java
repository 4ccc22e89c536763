package io.perpspot.engine.metrics;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.cli.PerpspotCli;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.fallback.PerpFeedChain;
import io.perpspot.engine.feed.sim.SimHyperliquidServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.testing.Exposition;
import io.perpspot.engine.testing.Ports;
import io.perpspot.engine.testing.Promtool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The metrics endpoint of a sim engine, scraped by a real Prometheus server (Debian package
 * {@code prometheus}) and checked by {@code promtool}; {@code /readyz} through a perp outage.
 */
class PrometheusScrapeTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    private Engine engine;
    private Process prometheus;
    private SimVenues venues;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (engine != null) {
            engine.close();
        }
        if (venues != null) {
            venues.close();
        }
    }

    private static Config config(int port, String... extra) {
        List<String> sets = new ArrayList<>(List.of("sim.tokens=10", "tokens.max=10", "metrics.port=" + port,
                "feeds.backoff.initial=20ms", "feeds.backoff.max=200ms", "feeds.hyperliquid.connect-timeout=1s",
                "strategy.latency.snapshot-interval=1s"));
        sets.addAll(List.of(extra));
        return ConfigLoader.load(null, sets);
    }

    private Engine simEngine(int port, String... extra) {
        return new Engine(EngineOptions.of(config(port, extra), dir.resolve("journal")).feed("sim").metrics(true));
    }

    @Test
    void aRealPrometheusScrapesTheJournaledEventsTheEngineCountsAndPromtoolAcceptsTheExposition() throws Exception {
        assertTrue(Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL),
                "the Prometheus server and promtool are not installed; install them with: " + Promtool.INSTALL);
        int port = Ports.freeLoopbackPort();
        engine = simEngine(port);
        engine.start();
        await("events journaled", 20, () -> engine.assembly().journaled() > 100);

        int promPort = Ports.freeLoopbackPort();
        Path promDir = Files.createDirectories(dir.resolve("prometheus"));
        Path promConfig = promDir.resolve("prometheus.yml");
        Files.writeString(promConfig, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + "scrape_configs:\n  - job_name: perpspot\n    static_configs:\n"
                + "      - targets: ['127.0.0.1:" + port + "']\n");
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + promConfig,
                "--storage.tsdb.path=" + promDir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true).redirectOutput(promDir.resolve("prometheus.log").toFile()).start();

        // The value Prometheus holds was scraped after c0 was read and before c1: it lies between them.
        long c0 = engine.assembly().journaled();
        String sum = "sum(perpspot_events_journaled_total)";
        double[] seen = {-1};
        await("Prometheus holding perpspot_events_journaled_total >= " + c0, 40, () -> {
            seen[0] = query(promPort, sum);
            return seen[0] >= c0;
        });
        long c1 = engine.assembly().journaled();
        assertTrue(seen[0] <= c1, "Prometheus " + seen[0] + " over the engine's count " + c1);
        assertEquals(1.0, query(promPort, "up{job=\"perpspot\"}"), "Prometheus's own scrape health");
        assertEquals(1.0, query(promPort, "perpspot_perp_serving{source=\"hl-ws-mainnet\"}"));
        assertTrue(query(promPort, "sum(perpspot_frames_received_total)") > 0);
        assertTrue(query(promPort, "perpspot_journal_size_bytes") > 0);
        assertEquals(10.0, query(promPort, "perpspot_tokens_tracked"));
        assertTrue(query(promPort, "count(jvm_memory_used_bytes)") > 0, "JVM metrics");
        await("journal latency summary scraped", 20, () -> query(promPort,
                "sum(perpspot_latency_seconds_count{kind=\"journal\"})") > 0);
        double p99 = query(promPort, "max(perpspot_latency_seconds{kind=\"journal\",quantile=\"0.99\"})");
        assertTrue(p99 > 0 && p99 < 10, "journal latency p99 " + p99 + " s");
        await("feed latency summary scraped", 20, () -> query(promPort,
                "sum(perpspot_latency_seconds_count{kind=\"feed\",source=\"hl-ws-mainnet\"})") > 0);

        // Each counter scraped lies between the engine's own count read before the scrape and after it.
        EngineCounts before = EngineCounts.of(engine.assembly());
        HttpResponse<String> text = get(port, "/metrics");
        EngineCounts after = EngineCounts.of(engine.assembly());
        assertEquals(200, text.statusCode());
        Exposition scraped = Exposition.parse(text.body());
        before.assertScrapedUpTo(scraped, after);
        Promtool.assertAccepts(text.body(), promDir);
        assertTrue(text.body().contains("perpspot_build_info{version=\"" + Engine.VERSION + "\"} 1"), text.body());
    }

    @Test
    void readyzTurnsUnreadyWhenThePerpSideLosesEverySourceAndReadyAgainOnAFallbackThenAfterRecovery()
            throws Exception {
        int port = Ports.freeLoopbackPort();
        // The sim venues run here, so that the test can cut them; the engine reads them as its live endpoints.
        Config config = config(port, "feeds.fallback.enabled=true", "feeds.fallback.poll-interval=200ms");
        venues = SimVenues.start(config);
        venues.coingecko().faults().drop(true);
        venues.kraken().faults().drop(true);
        engine = new Engine(EngineOptions.of(venues.configure(config), dir.resolve("journal")).metrics(true), Map.of());
        engine.start();
        await("ready", 30, () -> get(port, "/readyz").statusCode() == 200);
        assertEquals(200, get(port, "/healthz").statusCode());

        List<SimHyperliquidServer> hl = List.of(venues.hyperliquid(), venues.hyperliquidTestnet());
        for (SimHyperliquidServer s : hl) {
            s.refuseConnections(true);
            s.dropAllConnections();
        }
        HttpResponse<String>[] last = new HttpResponse[1];
        await("unready with every perp source down", 30, () -> {
            last[0] = get(port, "/readyz");
            return last[0].statusCode() == 503;
        });
        JsonNode body = JSON.readTree(last[0].body());
        assertEquals("unready", body.get("status").asText(), last[0].body());
        assertTrue(body.get("reason").asText().startsWith("perp: "), last[0].body());
        assertEquals("up", body.get("spot").get("state").asText(), last[0].body());
        assertEquals(200, get(port, "/healthz").statusCode(), "alive while unready");

        // CoinGecko answers again: the perp side fails over to it, and its frames give it a data age.
        venues.coingecko().faults().drop(false);
        await("ready again on the CoinGecko fallback", 30, () -> {
            last[0] = get(port, "/readyz");
            return last[0].statusCode() == 200;
        });
        assertEquals("coingecko", JSON.readTree(last[0].body()).get("perp").get("source").asText(), last[0].body());
        String ageSeries = "perpspot_source_last_data_age_seconds{source=\"coingecko\"}";
        Exposition[] scraped = new Exposition[1];
        // The data ages come from the frame counters sampled a few times a second: the first sample may follow.
        await("coingecko's data age scraped", 30, () -> {
            scraped[0] = Exposition.parse(get(port, "/metrics").body());
            return !Double.isNaN(scraped[0].value(ageSeries));
        });
        Exposition onFallback = scraped[0];
        assertEquals(1.0, onFallback.value("perpspot_source_up{source=\"coingecko\"}"));
        assertEquals(1.0, onFallback.value("perpspot_perp_serving{source=\"coingecko\"}"));
        double age = onFallback.value(ageSeries);
        assertTrue(age >= 0 && age < 10, "coingecko's data age " + age + " s");
        PerpFeedChain chain = engine.assembly().perp().chain();
        assertEquals(chain.failoversOnto(Source.COINGECKO),
                onFallback.value("perpspot_source_failovers_total{source=\"coingecko\"}"));
        assertEquals(1.0, onFallback.value("perpspot_source_failovers_total{source=\"coingecko\"}"),
                "one switch from the mainnet WebSocket onto CoinGecko");

        for (SimHyperliquidServer s : hl) {
            s.refuseConnections(false);
        }
        await("ready again after recovery", 30, () -> {
            last[0] = get(port, "/readyz");
            return last[0].statusCode() == 200;
        });
        assertEquals("ready", JSON.readTree(last[0].body()).get("status").asText(), last[0].body());
        await("back on the mainnet WebSocket", 30, () -> engine.assembly().perp().activeSource()
                == Source.HL_WS_MAINNET);
        Exposition recovered = Exposition.parse(get(port, "/metrics").body());
        assertEquals(chain.failoversOnto(Source.HL_WS_MAINNET),
                recovered.value("perpspot_source_failovers_total{source=\"hl-ws-mainnet\"}"));
        assertTrue(chain.failoversOnto(Source.HL_WS_MAINNET) >= 1, "the return to the mainnet is a switch onto it");
    }

    @Test
    void aMetricsPortInUseIsOneLineNamingTheKeyAndExitCodeTwo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CommandLine cli = PerpspotCli.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute("run", "--feed", "sim", "--duration", "30s", "--no-dashboard",
                    "--journal", dir.resolve("journal").toString(), "--set", "sim.tokens=5", "--set", "tokens.max=5",
                    "--set", "metrics.port=" + port);
            assertEquals(ExitCodes.USAGE, code, err.toString());
            String said = err.toString().strip();
            assertEquals(1, said.lines().count(), said);
            assertTrue(said.startsWith("perpspot: metrics.port " + port + ": "), said);
            assertTrue(said.contains("in use"), said);
        }
    }

    private static double query(int promPort, String promql) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promPort
                    + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(r.body()).path("data").path("result");
            return result.isArray() && result.size() == 1 ? result.get(0).get("value").get(1).asDouble() : -1;
        } catch (IOException e) {
            return -1; // Prometheus still starting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
