package io.perpspot.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts as a sidecar of the real sim engine (found through the engine's Sidecar seam): a webhook added with
 * {@code alerts.webhooks} gets the opportunities the live strategy journals, and a second engine run on the same
 * journal resumes from the saved point, so no alert arrives twice.
 */
class AlertsInTheEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Config config(String url) {
        return ConfigLoader.load(null, List.of("dashboard.port=0", "sim.tokens=20", "sim.dislocation-rate=0.2",
                "strategy.zscore.sample-interval=200ms", "strategy.zscore.min-samples=10",
                "alerts.webhooks=" + url));
    }

    @Test
    void theEnginesSidecarSendsOpportunitiesAndARestartSendsNoneTwice() throws Exception {
        Path journal = dir.resolve("j");
        try (Receiver r = Receiver.ok()) {
            try (Engine engine = new Engine(EngineOptions.of(config(r.url()), journal).feed("sim").dashboard(true))) {
                engine.start();
                Await.await("an opportunity alert from the live engine", 90, () -> r.accepted().size() >= 1);
                Await.await("counted as sent", 10, () -> AlertsSidecar.stats().orElseThrow().sent() >= 1);
                engine.requestStop();
            }
            assertTrue(AlertsSidecar.stats().isEmpty(), "no alerts sidecar once the engine is closed");
            int first = r.accepted().size();
            assertTrue(Files.exists(ResumePoint.defaultFile(journal)), "the resume point is saved");
            try (Engine again = new Engine(EngineOptions.of(config(r.url()), journal).feed("sim").dashboard(true))) {
                again.start();
                Await.await("a new alert after the restart", 90, () -> r.accepted().size() > first);
                again.requestStop();
            }
            Set<String> seen = new HashSet<>();
            for (String body : r.accepted()) {
                JsonNode n = JSON.readTree(body);
                assertEquals("opportunity", n.get("kind").asText(), body);
                assertTrue(n.get("numbers").get("net_bps").asDouble() >= 10, body);
                assertTrue(seen.add(n.get("token").asText() + "@" + n.get("time").asText()), "sent twice: " + body);
            }
        }
    }
}
