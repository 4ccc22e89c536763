package io.perpspot.dashboard;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.Json;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dashboard over a fleet of engines ({@link Dashboard#startFleet}, what {@code dashboard --kafka} runs): two engines'
 * journals that both define SOL (token ids are per engine) show two SOL rows, each naming its engine and shard, on
 * {@code /api/tokens}, the hello and the batches; the token APIs take {@code ?engine=ID} and ask for it when the
 * symbol is on both; {@code /api/health} lists the engines.
 */
class FleetDashboardTest {
    @TempDir
    Path dir;

    @Test
    void twoEnginesWithTheSameSymbolShowTwoRowsEachNamingItsEngine() throws Exception {
        try (TestJournal a = new TestJournal(dir.resolve("a")); TestJournal b = new TestJournal(dir.resolve("b"))) {
            a.engineStart();
            int solA = a.token("SOL", "SOL");
            a.spot(solA, "150");
            int bonk = a.token("BONK", "kBONK");
            a.spot(bonk, "0.00002");
            b.engineStart();
            int solB = b.token("SOL", "SOL");
            b.spot(solB, "151");
            try (Dashboard d = Dashboard.startFleet(Fixture.settings(), dir, Fixture.services())) {
                PushThrottlingTest.Client c = new PushThrottlingTest.Client(true);
                d.follow("engine-a", dir.resolve("a"), null);
                d.follow("engine-b", dir.resolve("b"), null);
                await("both engines folded", 30, () -> {
                    try {
                        return rows(d).size() == 3;
                    } catch (Exception notYet) {
                        return false;
                    }
                });
                assertEquals(List.of("BONK@engine-a all 0.00002", "SOL@engine-a all 150", "SOL@engine-b all 151"),
                        rows(d));

                assertEquals(400, Fixture.get(d, "/api/tokens/SOL").status(), "on both engines: which one?");
                JsonNode solOfB = Json.MAPPER.readTree(Fixture.get(d, "/api/tokens/SOL?engine=engine-b").body());
                assertEquals("151", solOfB.path("spot").asText());
                assertEquals("engine-b", solOfB.path("engine").asText());
                assertEquals(200, Fixture.get(d, "/api/tokens/BONK").status(), "on one engine: that one");
                assertEquals(200, Fixture.get(d, "/api/tokens/SOL/history?engine=engine-a").status());
                assertEquals(404, Fixture.get(d, "/api/tokens/BONK?engine=engine-b").status());
                assertEquals(404, Fixture.get(d, "/api/tokens/SOL?engine=nobody").status());

                JsonNode health = Json.MAPPER.readTree(Fixture.get(d, "/api/health").body());
                List<String> engines = new ArrayList<>();
                health.path("engines").forEach(e -> engines.add(e.path("engine").asText() + " "
                        + e.path("shard").asText() + " " + e.path("rows").asInt()));
                assertEquals(List.of("engine-a all 2", "engine-b all 1"), engines, health.toString());

                WebSocket ws = c.connect(d, "?fields=spot");
                await("hello", 30, () -> c.last("hello") != null);
                List<String> hello = new ArrayList<>();
                c.last("hello").path("rows").forEach(r -> hello.add(r.path("symbol").asText() + "@"
                        + r.path("engine").asText() + " " + r.path("spot").asText()));
                assertEquals(List.of("BONK@engine-a 0.00002", "SOL@engine-a 150", "SOL@engine-b 151"), hello);

                b.tick(1000);
                b.spot(solB, "152");
                await("engine-b's SOL patch", 30, () -> patch(c, "engine-b") != null);
                JsonNode p = patch(c, "engine-b");
                assertEquals("SOL", p.path("symbol").asText());
                assertEquals("152", p.path("spot").asText());
                assertTrue(patch(c, "engine-a") == null, "engine-a's SOL did not change");
                ws.abort();
            }
        }
    }

    /** Each row of /api/tokens as symbol@engine, shard and spot. */
    private static List<String> rows(Dashboard d) throws Exception {
        List<String> out = new ArrayList<>();
        Json.MAPPER.readTree(Fixture.get(d, "/api/tokens").body()).path("tokens").forEach(r -> out.add(
                r.path("symbol").asText() + "@" + r.path("engine").asText() + " " + r.path("shard").asText() + " "
                        + r.path("spot").asText()));
        return out;
    }

    private static JsonNode patch(PushThrottlingTest.Client c, String engine) {
        for (JsonNode m : c.messages) {
            if (m.path("t").asText().equals("batch")) {
                for (JsonNode r : m.path("rows")) {
                    if (r.path("engine").asText().equals(engine)) {
                        return r;
                    }
                }
            }
        }
        return null;
    }
}
