package io.perpspot.tools;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.app.Engine;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.tokens.Token;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 1 at engine level: a sim engine runs, stops, and a second engine continues the
 * same journal. Recovery starts from the first run's latest StateSnapshot, token ids are kept,
 * the second EngineStart says continue=true, the restarted strategy ends in exactly the state of a
 * fresh fold of the whole continued input, and {@code replay --verify} holds over the whole journal.
 */
class EngineRestartTest {
    @TempDir
    Path dir;

    @Test
    void restartContinuesTheJournalFromItsSnapshotKeepsTokenIdsAndTheWholeJournalVerifies() throws Exception {
        Path journal = dir.resolve("j");
        String[] sets = {"strategy.state.snapshot-interval=1s", "strategy.zscore.sample-interval=200ms",
                "strategy.zscore.min-samples=5"};
        Engine first = SimEngines.sim(journal, sets);
        List<Token> firstTokens;
        try {
            first.start();
            assertTrue(first.assembly().recovery().empty(), first.assembly().recovery().describe());
            await("two state snapshots in the first run", 60, () ->
                    first.assembly().pipeline().strategy().stateSnapshots() >= 2);
            firstTokens = first.assembly().tokens().registry().all();
        } finally {
            first.close();
        }
        long firstJournaled = first.assembly().journaled();
        assertTrue(firstJournaled > 0);

        Engine second = SimEngines.sim(journal, sets);
        try {
            second.start();
            assertFalse(second.assembly().recovery().empty(), "the existing journal is recovered");
            assertTrue(second.assembly().recovery().fromSnapshot(), second.assembly().recovery().describe());
            assertEquals(0, second.assembly().recovery().divergences(), second.assembly().recovery().describe());
            assertEquals(firstTokens.size(), second.assembly().recovery().tokens().size());
            for (Token t : firstTokens) {
                Token now = second.assembly().tokens().registry().get(t.id());
                assertEquals(t.symbol(), now.symbol(), "token id " + t.id() + " keeps its pair");
                assertEquals(t.hlCoin(), now.hlCoin(), "token id " + t.id() + " keeps its pair");
            }
            long before = second.assembly().pipeline().strategy().stateSnapshots();
            await("the second run journals and snapshots", 60,
                    () -> second.assembly().journaled() > 200
                    && second.assembly().pipeline().strategy().stateSnapshots() > before);
        } finally {
            second.close();
        }

        List<String> starts = SimEngines.engineStarts(journal);
        assertEquals(2, starts.size(), "one EngineStart per run");
        assertFalse(starts.get(0).lines().anyMatch(StrategySettings.CONTINUE_LINE::equals), starts.get(0));
        assertTrue(starts.get(1).lines().anyMatch(StrategySettings.CONTINUE_LINE::equals), starts.get(1));
        // One journal, one engine: both runs journal the id its marker made at the first run.
        String id = first.assembly().journal().engineId();
        assertEquals(id, EngineEvents.headerValue(starts.get(0), EngineEvents.ENGINE_ID_KEY), starts.get(0));
        assertEquals(id, EngineEvents.headerValue(starts.get(1), EngineEvents.ENGINE_ID_KEY), starts.get(1));
        assertEquals(id, second.assembly().journal().engineId());

        assertArrayEquals(SimEngines.fullFold(journal), SimEngines.state(second.assembly().pipeline().strategy()),
                "the restarted strategy's state is byte for byte a fresh fold of the whole input");

        InProcessCli.Run verify = InProcessCli.run("replay", journal, "--verify");
        assertEquals(0, verify.code(), verify.toString());
        assertTrue(verify.out().contains("identical"), verify.out());
    }
}
