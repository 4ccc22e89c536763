package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.pipeline.PipelineSettings;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    private static final Pattern WHERE = Pattern.compile(
            "DIFFERENCE at output record (\\d+) \\(output index (\\d+)\\): input index (\\d+), token (\\S+), type "
            + "(\\S+)");

    @Test
    void verifyPassesOnAJournalWrittenByTheLivePipeline(@TempDir Path tmp) {
        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        InProcessCli.Run run = InProcessCli.run("replay", journal.dir(), "--verify");
        assertEquals(0, run.code(), run::toString);
        assertEquals("", run.err(), run::toString);
        assertTrue(run.out().contains(String.format("%,d input events replayed, %,d output records compared",
                journal.inputRecords(), journal.outputRecords())), run::toString);
    }

    @Test
    void verifyPassesWithStrategyOverridesCarriedInTheJournal(@TempDir Path tmp) {
        SyntheticJournal journal = SyntheticJournal.builder().set("strategy.zscore.window=40")
                .set("strategy.snapshot-interval=500ms").write(tmp.resolve("journal"));
        assertTrue(journal.strategyText().contains("strategy.zscore.window=40"));
        InProcessCli.Run run = InProcessCli.run("replay", journal.dir(), "--verify");
        assertEquals(0, run.code(), run::toString);
    }

    @Test
    void VerifyFailsWhenOneInputPriceChanges(@TempDir Path tmp) {
        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        Path dir = journal.dir();

        // The price at payload offset 24 (right after the header) of every PerpBbo (bidPx) and SpotPrice (spotPx).
        Map<Long, Long> priceAt = new HashMap<>();
        Map<Long, Integer> typeAt = new HashMap<>();
        List<Long> indicesBefore = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachInput(e -> {
                indicesBefore.add(e.journalIndex);
                if (e.type == EventType.PERP_BBO || e.type == EventType.SPOT_PRICE) {
                    priceAt.put(e.journalIndex, e.type == EventType.PERP_BBO ? e.bidPx : e.spotPx);
                    typeAt.put(e.journalIndex, e.type);
                }
                return true;
            });
        }
        // Pick a record the recorded output used: a Spread snapshot was derived from it, past
        // the middle of the output queue, so a changed price must show in that very snapshot.
        long[] target = {-1};
        long[] seen = {0};
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachOutput((r, index) -> {
                if (++seen[0] > journal.outputRecords() / 2 && r.type == OutputType.SPREAD
                        && priceAt.containsKey(r.inputIndex)) {
                    target[0] = r.inputIndex;
                    return false;
                }
                return true;
            });
        }
        long index = target[0];
        assertTrue(index >= 0, "found a PerpBbo or SpotPrice that produced a spread snapshot");

        // Raise that one price by 0.1 %, in place, inside its .cq4 file.
        long oldPx = priceAt.get(index);
        long newPx = oldPx + oldPx / 1000;
        InPlacePatch.putLong(InPlacePatch.locateInput(dir, index), InputCodec.HEADER_BYTES, oldPx, newPx);

        // Same records at the same indices; only that price differs.
        List<Long> indicesAfter = new ArrayList<>();
        Map<Long, Long> priceAfter = new HashMap<>();
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachInput(e -> {
                indicesAfter.add(e.journalIndex);
                if (e.type == EventType.PERP_BBO || e.type == EventType.SPOT_PRICE) {
                    priceAfter.put(e.journalIndex, e.type == EventType.PERP_BBO ? e.bidPx : e.spotPx);
                }
                return true;
            });
        }
        assertEquals(indicesBefore, indicesAfter);
        Map<Long, Long> expected = new HashMap<>(priceAt);
        expected.put(index, newPx);
        assertEquals(expected, priceAfter);

        InProcessCli.Run run = InProcessCli.run("replay", dir, "--verify");
        assertEquals(1, run.code(), run::toString);
        assertEquals("", run.err(), run::toString);
        Matcher m = WHERE.matcher(run.out());
        assertTrue(m.find(), run::toString);
        long reportedInput = Long.parseLong(m.group(3));
        assertTrue(reportedInput >= index, () -> "first difference at input " + reportedInput
                + ", before the change at "
                + index + "\n" + run);
        assertTrue(Long.parseLong(m.group(1)) > journal.outputRecords() / 2, run::toString);
        String field = typeAt.get(index) == EventType.PERP_BBO ? "perpBid" : "spotPx";
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("  * " + field + " ")),
                () -> field + " shown as differing\n" + run);
    }

    @Test
    void verifyReportsARecordedOutputRecordThatReplayDoesNotDerive(@TempDir Path tmp) {
        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        Path dir = journal.dir();
        // Turn the last recorded Opportunity's inputIndex into one of an earlier input: the
        // replay derives that opportunity later, so the recorded one is out of place.
        long[] last = {-1, -1};
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachOutput((r, index) -> {
                if (r.type == OutputType.OPPORTUNITY) {
                    last[0] = index;
                    last[1] = r.inputIndex;
                }
                return true;
            });
        }
        InPlacePatch.Location at = InPlacePatch.locateOutput(dir, last[0]);
        InPlacePatch.putLong(at, 8, last[1], last[1] - 1);

        InProcessCli.Run run = InProcessCli.run("replay", dir, "--verify");
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.out().contains("the recorded output has a record that replay did not derive"), run::toString);
        assertTrue(run.out().contains("input index " + (last[1] - 1) + ","), run::toString);
    }

    @Test
    void replayWithoutVerifySummarisesWhatItDerives(@TempDir Path tmp) {
        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        InProcessCli.Run run = InProcessCli.run("replay", journal.dir());
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains(String.format("replayed %,d input events", journal.inputRecords())),
                run::toString);
        assertTrue(run.out().contains(String.format("derived %,d spread snapshots and %,d opportunities",
                journal.spreads(), journal.opportunities())), run::toString);
        assertTrue(run.out().contains("short-perp/long-spot"), run::toString);
    }

    @Test
    void toolsReadAJournalWhileItsWriterKeepsItOpen(@TempDir Path tmp) throws Exception {
        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        // A second engine run continues the journal and stays open while the tools read it.
        Journal live = Journal.openForWrite(journal.dir(), "daily");
        Pipeline topology = new Pipeline(live, PipelineSettings.plain(64, "blocking"), new FeedStats());
        try {
            topology.start();
            MarketEvent e = new MarketEvent();
            long t = journal.lastRecvNanos() + 1_000_000_000L;
            publish(topology, EngineEvents.engineStart(e, journal.strategyText(), t));
            publish(topology, EngineEvents.tokenDef(e, journal.tokens().get(0), t + 1));
            for (int i = 0; i < 8; i++) {
                e.reset();
                e.type = i % 2 == 0 ? EventType.PERP_BBO : EventType.SPOT_PRICE;
                e.source = i % 2 == 0 ? Source.HL_WS_MAINNET : Source.JUPITER_PRICE;
                e.tokenId = 0;
                e.recvNanos = t + 2 + i * 600_000_000L;
                e.bidPx = 150_000_000_000_000L;
                e.askPx = 150_010_000_000_000L;
                e.bidSz = e.askSz = FixedPoint.SIZE_SCALE;
                e.spotPx = 149_900_000_000_000L;
                publish(topology, e);
            }
            long expected = journal.inputRecords() + 10;
            // The consumer always drains the ring (failed events are skipped, not retried).
            while (topology.backlog() > 0) {
                Thread.onSpinWait();
            }
            assertEquals(10, topology.journalHandler().appended());
            assertEquals(0, topology.handlerErrors());
            InProcessCli.Run stats = InProcessCli.run("journal", "stats", journal.dir(), "--format", "json");
            assertEquals(0, stats.code(), stats::toString);
            assertTrue(stats.out().contains("\"records\" : " + expected), stats::toString);
            InProcessCli.Run verify = InProcessCli.run("replay", journal.dir(), "--verify");
            assertEquals(0, verify.code(), verify::toString);
        } finally {
            topology.close();
            live.close();
        }
    }

    private static void publish(Pipeline topology, MarketEvent e) {
        while (!topology.publisher().publish(e)) {
            Thread.onSpinWait();
        }
    }
}
