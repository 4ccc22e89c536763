package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.Json;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.testing.Ports;
import io.perpspot.engine.testkit.Await;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance check "engine with its in-process dashboard in one place, a second dashboard on
 * the same journal elsewhere, both show the same data": the sim engine runs with its sidecar
 * (found through the engine's Sidecar seam, on a chosen port); a second sidecar tails the same
 * journal while it is written. Both serve all sim pairs while the engine runs; once the engine
 * stops, their token state is identical.
 */
class TwoSidecarsOnALiveJournalTest {
    @TempDir
    Path dir;

    @Test
    void theEnginesSidecarAndASecondSidecarShowTheSameTokens() throws Exception {
        Path journal = dir.resolve("j");
        int port = Ports.freeLoopbackPort();
        var config = ConfigLoader.load(null, List.of("dashboard.port=" + port, "sim.tokens=120",
                "strategy.zscore.sample-interval=200ms", "strategy.zscore.min-samples=10"));
        Engine engine = new Engine(EngineOptions.of(config, journal).feed("sim").dashboard(true));
        Dashboard second = null;
        try {
            engine.start();
            second = Dashboard.start(Fixture.settings(), journal, Fixture.services());
            String inEngine = "http://127.0.0.1:" + port;
            String inSecond = second.url();
            Await.within(Duration.ofSeconds(40),
                    () -> withSpread(read(inEngine)) >= 100 && withSpread(read(inSecond)) >= 100);
            JsonNode a = tokens(inEngine);
            JsonNode b = tokens(second.url());
            assertTrue(withSpread(a) >= 100, "engine's sidecar: " + withSpread(a) + " tokens with a spread");
            assertTrue(withSpread(b) >= 100, "second sidecar: " + withSpread(b) + " tokens with a spread");
            assertEquals(a.path("tokens").findValuesAsText("mint"), b.path("tokens").findValuesAsText("mint"),
                    "the same pairs, in the same order, from both sidecars while the journal is written");
            engine.requestStop();
            engine.close(); // stops the in-process sidecar too; the journal is now complete
            assertTrue(second.awaitCaughtUp(10, TimeUnit.SECONDS));
            // The journal no longer changes: a fresh sidecar reading it from the start and the one
            // that tailed it live must agree on every token, field by field.
            try (Dashboard fresh = Fixture.start(journal, Fixture.settings(), Fixture.services())) {
                Await.within(Duration.ofSeconds(10),
                        () -> read(fresh.url()).path("tokens").equals(read(inSecond).path("tokens")));
                JsonNode live = tokens(second.url()).path("tokens");
                JsonNode replayed = tokens(fresh.url()).path("tokens");
                assertEquals(120, live.size());
                assertEquals(replayed, live);
            }
        } finally {
            engine.close();
            if (second != null) {
                second.close();
            }
        }
    }

    private static int withSpread(JsonNode t) {
        int n = 0;
        if (t == null) {
            return 0;
        }
        for (JsonNode r : t.path("tokens")) {
            if (!r.path("basisBps").isNull() && !r.path("spot").isNull()) {
                n++;
            }
        }
        return n;
    }

    /** {@link #tokens} for a condition: a failed request fails the test. */
    private static JsonNode read(String base) {
        try {
            return tokens(base);
        } catch (Exception e) {
            throw new AssertionError("GET " + base + "/api/tokens: " + e, e);
        }
    }

    private static JsonNode tokens(String base) throws Exception {
        HttpResponse<String> r = Fixture.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/tokens")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }
}
