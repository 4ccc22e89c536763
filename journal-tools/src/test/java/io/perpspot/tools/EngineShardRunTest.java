package io.perpspot.tools;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Shard;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.tokens.Token;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sim engine configured as shard 1 of 2 under a chosen engine id: it tracks only its shard's pairs,
 * journals its id and shard in EngineStart, {@code journal stats} shows both, replay still verifies, and the
 * journal refuses to be continued under another engine id (exit code 2 from {@code run}).
 */
class EngineShardRunTest {
    @TempDir
    Path dir;

    @Test
    void shardOneOfTwoTracksOnlyItsPairsAndJournalsItsIdAndShard() throws Exception {
        Path journal = dir.resolve("j");
        Engine engine = SimEngines.sim(journal, "tokens.shard=1/2", "engine.id=host-a");
        List<Token> pairs;
        try {
            engine.start();
            pairs = engine.assembly().tokens().registry().all();
            await("the shard's pairs journal market data", 60, () -> engine.assembly().journaled() > 200);
        } finally {
            engine.close();
        }
        assertTrue(!pairs.isEmpty() && pairs.size() < 20, "about half of the sim's 20 pairs: " + pairs.size());
        for (Token t : pairs) {
            assertEquals(1, Shard.of(t.hlCoin(), 2), t.hlCoin() + " is not in shard 1/2");
        }
        String start = SimEngines.engineStarts(journal).get(0);
        assertEquals("host-a", EngineEvents.headerValue(start, EngineEvents.ENGINE_ID_KEY), start);
        assertEquals("1/2", EngineEvents.headerValue(start, EngineEvents.SHARD_KEY), start);

        InProcessCli.Run stats = InProcessCli.run("journal", "stats", journal, "--format", "json");
        assertEquals(0, stats.code(), stats.toString());
        JsonNode s = new ObjectMapper().readTree(stats.out());
        assertEquals("host-a", s.at("/engine/id").asText(), s.toString());
        assertEquals("1/2", s.at("/engine/shard").asText(), s.toString());
        InProcessCli.Run text = InProcessCli.run("journal", "stats", journal);
        assertTrue(text.out().contains("engine    host-a, shard 1/2"), text.out());

        InProcessCli.Run verify = InProcessCli.run("replay", journal, "--verify");
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(verify.out().contains("identical"), verify.out());

        Engine other = SimEngines.sim(journal, "tokens.shard=1/2", "engine.id=host-b");
        try {
            ConfigException e = assertThrows(ConfigException.class, other::start);
            assertTrue(e.getMessage().startsWith("config: engine.id: 'host-b'"), e.getMessage());
        } finally {
            other.close();
        }
        InProcessCli.Run badShard =
                InProcessCli.run("run", "--feed", "sim", "--duration", "1s", "--journal", dir.resolve("k"),
                "--no-dashboard", "--set", "tokens.shard=3/2");
        assertEquals(2, badShard.code(), badShard.toString());
        assertTrue(badShard.err().contains("tokens.shard"), badShard.toString());
    }
}
