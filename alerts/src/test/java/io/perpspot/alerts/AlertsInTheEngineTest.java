package io.perpspot.alerts;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.testing.Ports;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run: the sim engine with the alerts sidecar in its JVM (found through the engine's Sidecar seam, as
 * in {@code perpspot run}, the dashboard turned off by name), a Slack- and a Discord-shaped sink and a generic JSON
 * one ({@code alerts.webhooks}) on a real loopback receiver. A sim opportunity and a perp failover (mainnet refused
 * and dropped: the chain goes to testnet) reach Slack ({@code text}) and Discord ({@code content}); the counters join
 * the engine's /metrics; a second engine run on the same journal resumes from the saved point, so no alert arrives
 * twice.
 */
class AlertsInTheEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SimVenues venues;
    private Receiver hooks;

    @BeforeEach
    void venues() throws Exception {
        venues = SimVenues.start(ConfigLoader.load(null, List.of("sim.tokens=20", "sim.dislocation-rate=0.2")));
        hooks = Receiver.ok();
    }

    @AfterEach
    void stop() {
        hooks.close();
        venues.close();
    }

    private Config config(Path alerts, int metricsPort) {
        return venues.configure(ConfigLoader.load(null, List.of("dashboard.port=0", "metrics.port=" + metricsPort,
                "strategy.zscore.sample-interval=200ms", "strategy.zscore.min-samples=10",
                "feeds.backoff.initial=20ms", "feeds.backoff.max=200ms", "feeds.hyperliquid.connect-timeout=2s",
                "alerts.file=" + alerts, "alerts.webhooks=" + hooks.url("/json"))));
    }

    private Engine engine(Config c, Path journal) {
        Engine e = new Engine(EngineOptions.of(c, journal).dashboard(true).without("dashboard").metrics(true),
                Map.of());
        e.start();
        return e;
    }

    /** The texts Slack ({@code text}) or Discord ({@code content}) received that pass {@code test}. */
    private List<String> texts(String path, Predicate<String> test) {
        List<String> out = new ArrayList<>();
        for (String body : hooks.accepted(path)) {
            JsonNode n = json(body);
            assertEquals(1, n.size(), path + " gets one field: " + body);
            String t = n.get(path.equals("/slack") ? "text" : "content").asText();
            if (test.test(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean both(Predicate<String> test) {
        return !texts("/slack", test).isEmpty() && !texts("/discord", test).isEmpty();
    }

    @Test
    void slackAndDiscordGetASimOpportunityAndAFailoverAndARestartSendsNoneTwice() throws Exception {
        Path alerts = Files.writeString(dir.resolve("alerts.yaml"), AlertsDeliveryTest.RULES + """
                sinks:
                  - name: desk
                    format: slack
                    url: %s
                  - name: ops
                    format: discord
                    url: %s
                """.formatted(hooks.url("/slack"), hooks.url("/discord")));
        int metricsPort = Ports.freeLoopbackPort();
        Config c = config(alerts, metricsPort);
        Path journal = dir.resolve("j");
        Predicate<String> opportunity = t -> t.startsWith("perpspot [edge] opportunity ");
        Predicate<String> failover = t -> t.startsWith("perpspot [failover] failover: now on fallback source "
                + Source.name(Source.HL_WS_TESTNET));
        try (Engine engine = engine(c, journal)) {
            await("an opportunity on Slack and Discord", 90, () -> both(opportunity));
            await("the perp side on mainnet before the fault", 30,
                    () -> engine.assembly().perp().activeSource() == Source.HL_WS_MAINNET);
            venues.hyperliquid().refuseConnections(true);
            venues.hyperliquid().dropAllConnections();
            await("the failover on Slack and Discord", 60, () -> both(failover));
            String slack = texts("/slack", failover).get(0);
            assertTrue(slack.contains("reason ") && slack.endsWith(" - http://127.0.0.1:0/"), slack);
            assertEquals(slack, texts("/discord", failover).get(0), "one alert, two shapes");
            await("counted as sent", 10, () -> AlertsSidecar.stats().orElseThrow().sent() >= 4);
            String metrics = AlertsMetricsTest.scrape(metricsPort);
            assertTrue(AlertsMetricsTest.sample(metrics, "perpspot_alerts_sent_total", "sink=\"desk\"") >= 2,
                    "the sidecar's counters on the engine's /metrics");
            assertTrue(AlertsMetricsTest.sample(metrics, "perpspot_events_journaled_total", "type=\"PerpBbo\"") > 0);
            engine.requestStop();
        }
        assertTrue(AlertsSidecar.stats().isEmpty(), "no alerts sidecar once the engine is closed");
        assertTrue(Files.exists(ResumePoint.defaultFile(journal)), "the resume point is saved");
        int first = hooks.accepted().size();
        venues.hyperliquid().refuseConnections(false);
        try (Engine again = engine(c, journal)) {
            await("a new alert after the restart", 90, () -> hooks.accepted().size() > first);
            again.requestStop();
        }
        for (String path : List.of("/slack", "/discord")) {
            List<String> all = texts(path, t -> true);
            assertEquals(all.size(), new HashSet<>(all).size(), "sent twice to " + path + ": " + all);
        }
        Set<String> seen = new HashSet<>();
        for (String body : hooks.accepted("/json")) {
            JsonNode n = JSON.readTree(body);
            // One input can make opportunities of two venue pairs (a Hyperliquid spot book moves perp-hlspot and
            // hlspot-jupiter): the pair is part of an alert's identity.
            String key = n.get("rule").asText() + "|" + n.get("token").asText() + "|" + n.get("source").asText()
                    + "|" + n.path("numbers").path("pair").asText() + "@" + n.get("time").asText();
            assertTrue(seen.add(key), "sent twice: " + body);
        }
        assertTrue(seen.size() >= 3, "the generic JSON sink got them too: " + seen);
    }
}
