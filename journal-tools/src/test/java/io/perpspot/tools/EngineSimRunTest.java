package io.perpspot.tools;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.testing.InProcessCli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole slice on loopback: the engine discovers the sim venues' pairs, its real clients
 * decode their frames into the ring, the journal and the strategy; then {@code journal stats}
 * reads what it wrote, {@code replay --verify} reproduces the output byte for byte, and
 * {@code simulate} models executing a template on the journal's latest state.
 */
class EngineSimRunTest {
    @TempDir
    Path dir;

    @Test
    void simRunDiscoversAtLeast150PairsTracksThemAllAndReplaysQuotesAndDiscoveryIdentically() throws Exception {
        Path journal = dir.resolve("j");
        // Faster statistics and more dislocations than the defaults, so a short run has signals.
        var config = ConfigLoader.load(null, List.of("strategy.zscore.sample-interval=200ms",
                "strategy.zscore.min-samples=20", "strategy.zscore.window=60", "sim.dislocation-rate=0.02",
                "strategy.latency.snapshot-interval=2s", "latency.internal-interval=2s"));
        Engine engine = new Engine(EngineOptions.of(config, journal).feed("sim").duration(Duration.ofSeconds(12)));
        int tracked;
        try {
            engine.start();
            // The default sim offers 160 pairs through its Hyperliquid meta and Jupiter tokens answers.
            assertTrue(engine.assembly().tokens().registry().size() >= 150, "pairs discovered: "
                    + engine.assembly().tokens().registry().size());
            tracked = engine.assembly().tokens().registry().size();
            await("every pair with perp and spot prices", 60, () -> {
                for (int id = 0; id < tracked; id++) {
                    SpreadBook b = engine.assembly().pipeline().strategy().book(id);
                    if (b == null || b.perpMid == FixedPoint.NULL || b.spotPx == FixedPoint.NULL) {
                        return false;
                    }
                }
                return engine.assembly().pipeline().strategy().quotes() > 0;
            });
            // A rediscovery round mid-run: journaled, and replay must handle it.
            engine.assembly().tokens().rediscover();
            engine.awaitStop(Duration.ofSeconds(6));
        } finally {
            engine.close();
        }
        assertEquals(tracked, engine.assembly().tokens().registry().size(),
                "the sim's pair set does not change on rediscovery");
        assertEquals(2, engine.assembly().journaled(EventType.DISCOVERY), "start and refresh rounds");
        assertTrue(engine.assembly().journaled(EventType.SPOT_QUOTE) > 0, "quote ladder rungs journaled");

        InProcessCli.Run stats = InProcessCli.run("journal", "stats", journal, "--format", "json");
        assertEquals(0, stats.code(), stats.toString());
        JsonNode s = new ObjectMapper().readTree(stats.out());
        assertEquals(tracked, s.path("tokens").path("withBoth").asInt(), s.path("tokens").toString());
        assertEquals(2, s.path("discovery").path("rounds").asInt(), s.toString());
        // The source serving each side, as journal stats reports it (the failover chain's primary here).
        assertEquals("hl-ws-mainnet", s.path("serving").path("perp").path("source").asText(),
                s.path("serving").toString());
        assertEquals("up", s.path("serving").path("perp").path("state").asText(), s.path("serving").toString());
        assertEquals("jupiter-price", s.path("serving").path("spot").path("source").asText(),
                s.path("serving").toString());
        assertEquals(tracked, s.path("discovery").path("pairs").asInt());
        assertTrue(s.path("output").path("byType").path("Opportunity").asLong() >= 1, s.path("output").toString());
        // Feed latency (output, replay-verified) and the engine's own latency (input, EventType 12).
        assertTrue(s.path("output").path("byType").path("Latency").asLong() >= 3, s.path("output").toString());
        assertTrue(s.path("input").path("byType").path("LatencySnapshot").asLong() >= 3, s.path("input").toString());
        List<String> kinds = new ArrayList<>();
        s.path("latency").forEach(l -> {
            kinds.add(l.path("kind").asText() + "." + l.path("source").asText());
            assertTrue(l.path("count").asLong() > 0 && l.path("p50Nanos").asLong() <= l.path("maxNanos").asLong(),
                    l.toString());
        });
        assertTrue(kinds.contains("feed.hl-ws-mainnet") && kinds.contains("journal.hl-ws-mainnet")
                && kinds.contains("journal.jupiter-price"), kinds.toString());

        // Hyperliquid spot: every sim pair with a spot counterpart has hl-spot books in the journal.
        Map<String, String> spot = engine.assembly().tokens().registry().spotPairs();
        assertEquals(Map.of("BTC", "@142", "ETH", "@151", "SOL", "@156", "PUMP", "@188"), spot);
        assertTrue(s.path("input").path("bySource").path("hl-spot").asLong() > 0, s.path("input").toString());
        InProcessCli.Run books = InProcessCli.run("journal", "dump", journal, "--queue", "input", "--type", "PerpBook",
                "--token", String.join(",", spot.keySet()));
        assertEquals(0, books.code(), books.toString());
        for (String coin : spot.keySet()) {
            assertTrue(books.outLines().stream().anyMatch(l -> l.contains("\"token\":\"" + coin + "\"")
                    && l.contains("\"source\":\"hl-spot\"")), coin + ": no hl-spot book");
        }

        InProcessCli.Run verify = InProcessCli.run("replay", journal, "--verify");
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(verify.out().contains("identical"), verify.out());

        // The execution model on the sim's latest state: its L2 books, spot prices, funding and volatility.
        InProcessCli.Run sim = InProcessCli.run("simulate", "--journal", journal, "--token", "SOL", "--template",
                "SOL Scalping",
                "--paths", "20000", "--seed", "3", "--set", "execution.volatility.min-returns=5");
        assertEquals(0, sim.code(), sim.toString());
        assertTrue(sim.out().contains("book, "), sim.out());
        // SOL (id 0) is quoted first: its spot leg comes from the journaled Jupiter quote ladder.
        assertTrue(sim.out().lines().anyMatch(l -> l.contains("spot entry") && l.endsWith("ladder")), sim.out());
        assertTrue(sim.out().contains("(observed x 1.00)"), sim.out());
        assertTrue(sim.out().contains("probability of profit"), sim.out());
        assertFalse(sim.out().contains("NaN"), sim.out());
        InProcessCli.Run tooBig =
                InProcessCli.run("simulate", "--journal", journal, "--token", "SOL", "--template", "SOL Scalping",
                "--size", "500000000");
        assertEquals(2, tooBig.code(), tooBig.toString());
        assertTrue(tooBig.err().startsWith("perpspot: --size: ") && tooBig.err().contains("beyond depth"),
                tooBig.toString());
    }
}
