package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.testing.InProcessCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --template NAME}: the template's thresholds reach the detector through the journaled EngineStart. */
class RunTemplateTest {
    @TempDir
    Path tmp;

    @Test
    void theTemplatesMinSpreadIsJournaledAsTheDetectorsMinNetEdgeAndReplayReproducesIt() {
        Path j = tmp.resolve("j");
        InProcessCli.Run r = InProcessCli.run("run", "--feed", "sim", "--duration", "2s", "--journal", j,
                "--no-dashboard",
                "--template", "ETH Conservative", "--set", "sim.tokens=10");
        assertEquals(0, r.code(), r::toString);
        List<String> starts = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(j)) {
            reader.forEachInput(e -> {
                if (e.type == EventType.ENGINE_START) {
                    starts.add(e.textString());
                }
                return true;
            });
        }
        assertEquals(1, starts.size());
        // ETH Conservative: min-spread-bps 50 (the default strategy.entry.min-net-edge-bps is 10).
        assertTrue(starts.get(0).contains("strategy.entry.min-net-edge-bps=50"), starts.get(0));
        InProcessCli.Run verify = InProcessCli.run("replay", j, "--verify");
        assertEquals(0, verify.code(), verify::toString);
        InProcessCli.Run bad = InProcessCli.run("run", "--feed", "sim", "--duration", "1s", "--journal",
                tmp.resolve("k"), "--template",
                "Nope");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().startsWith("perpspot: run: --template: unknown template 'Nope'"), bad::toString);
    }
}
