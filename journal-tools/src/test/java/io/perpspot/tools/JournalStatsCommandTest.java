package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testkit.SyntheticJournal;
import io.perpspot.engine.tokens.Token;
import io.perpspot.tools.format.Times;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStatsCommandTest {
    @TempDir
    static Path tmp;
    static SyntheticJournal journal;

    @BeforeAll
    static void write() {
        journal = SyntheticJournal.write(tmp.resolve("journal"));
    }

    private static JsonNode statsJson() throws Exception {
        InProcessCli.Run run = InProcessCli.run("journal", "stats", journal.dir(), "--format", "json");
        assertEquals(0, run.code(), run::toString);
        assertEquals("", run.err(), run::toString);
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void statsJsonCountsEveryInputRecordByTypeAndSource() throws Exception {
        JsonNode s = statsJson();
        assertEquals(journal.inputRecords(), s.at("/input/records").asLong());
        for (int t = 1; t <= EventType.MAX; t++) {
            assertEquals(journal.records(t), s.at("/input/byType/" + EventType.name(t)).asLong(), EventType.name(t));
        }
        for (int src = 0; src < Source.COUNT; src++) {
            assertEquals(journal.recordsFromSource(src), s.at("/input/bySource/" + Source.name(src)).asLong(),
                    Source.name(src));
        }
        assertTrue(s.at("/input/avgBytesPerRecord").asDouble() > 24, "at least the 24-byte header per record");
    }

    @Test
    void statsJsonCountsPerpAndSpotEventsPerTokenSymbol() throws Exception {
        JsonNode s = statsJson();
        assertEquals(journal.tokens().size(), s.at("/tokens/count").asInt());
        assertEquals(journal.tokens().size(), s.at("/tokens/withBoth").asInt());
        for (Token t : journal.tokens()) {
            JsonNode n = s.at("/tokens/bySymbol/" + t.symbol());
            assertEquals(journal.perpEvents(t.id()), n.get("perp").asLong(), t.symbol());
            assertEquals(journal.spotEvents(t.id()), n.get("spot").asLong(), t.symbol());
            // Every market event plus the token's own TokenDef.
            assertEquals(journal.perpEvents(t.id()) + journal.spotEvents(t.id()) + 1, n.get("records").asLong(),
                    t.symbol());
        }
    }

    @Test
    void statsJsonGivesEveryPerpEventAfterItsTokensFirstJupiterPriceASpotAge() throws Exception {
        JsonNode s = statsJson();
        long perp = journal.tokens().stream().mapToLong(t -> journal.perpEvents(t.id())).sum();
        JsonNode f = s.at("/spotFreshness");
        assertEquals(perp, f.at("/spotAge/count").asLong() + f.at("/perpWithoutSpot").asLong());
        long perToken = 0;
        for (Token t : journal.tokens()) {
            JsonNode age = f.at("/bySymbol/" + t.symbol() + "/spotAge");
            perToken += age.get("count").asLong();
            assertTrue(age.get("p50Nanos").asLong() <= age.get("p99Nanos").asLong()
                    && age.get("p99Nanos").asLong() <= age.get("maxNanos").asLong(), t.symbol() + ": " + age);
        }
        assertEquals(f.at("/spotAge/count").asLong(), perToken, "the tokens' samples add up to the whole");
        assertTrue(f.at("/spotAge/count").asLong() > 0, "the synthetic journal prices every token");
    }

    private static long nearSpreads(String nearZ) throws Exception {
        InProcessCli.Run run = InProcessCli.run("journal", "stats", journal.dir(), "--format", "json", "--near-z",
                nearZ);
        assertEquals(0, run.code(), run::toString);
        JsonNode f = new ObjectMapper().readTree(run.out()).at("/spotFreshness");
        assertEquals(Double.parseDouble(nearZ), f.at("/nearSignalAbsZ").asDouble());
        // Each near-signal Spread has a ladder age or came before its token's first rung.
        return f.at("/nearSignalLadderAge/count").asLong() + f.at("/nearSignalWithoutQuote").asLong();
    }

    @Test
    void nearZChoosesWhichSpreadsCountAsNearASignal() throws Exception {
        long all = nearSpreads("0");
        long some = nearSpreads("1.5");
        // |z| >= 0 is every Spread with a z (not those before the z-score's minimum samples).
        assertTrue(all > some && some > 0 && all <= journal.spreads(),
                all + " >= " + some + " of " + journal.spreads());
        assertEquals(0, nearSpreads("1000"));
    }

    @Test
    void statsJsonReportsTheTimeRangeInIsoUtc() throws Exception {
        JsonNode s = statsJson();
        assertEquals(Times.isoNanos(journal.firstRecvNanos()), s.at("/time/first").asText());
        assertEquals(Times.isoNanos(journal.lastRecvNanos()), s.at("/time/last").asText());
        assertEquals(Times.seconds(journal.lastRecvNanos() - journal.firstRecvNanos()),
                s.at("/time/spanSeconds").asText());
    }

    @Test
    void statsJsonCountsSpreadsAndOpportunitiesPerDirection() throws Exception {
        JsonNode s = statsJson();
        assertEquals(journal.spreads(), s.at("/output/spreads").asLong());
        assertEquals(journal.opportunities(), s.at("/output/opportunities").asLong());
        assertEquals(journal.outputRecords(), s.at("/output/records").asLong());
        // Direction names contain '/', so they are looked up by key rather than by JSON pointer.
        JsonNode byDirection = s.at("/output/opportunitiesByDirection");
        long shortPerp = byDirection.get(OutputRecord.directionName(OutputRecord.SHORT_PERP_LONG_SPOT)).asLong();
        long longPerp = byDirection.get(OutputRecord.directionName(OutputRecord.LONG_PERP_SHORT_SPOT)).asLong();
        assertTrue(shortPerp >= 1 && longPerp >= 1, "the fixture dislocates one token each way");
        assertEquals(journal.opportunities(), shortPerp + longPerp);
    }

    @Test
    void statsJsonShowsTheLatestStatusOfEachSourceAndWhoServesEachSide() throws Exception {
        JsonNode s = statsJson();
        for (int src : new int[] {Source.HL_WS_MAINNET, Source.HL_WS_TESTNET, Source.JUPITER_PRICE}) {
            JsonNode n = s.at("/sources/" + Source.name(src));
            assertEquals(SourceState.name(journal.lastState(src)), n.get("state").asText(), Source.name(src));
            assertEquals(journal.lastReason(src), n.get("reason").asText(), Source.name(src));
        }
        assertEquals("hl-ws-mainnet", s.at("/serving/perp/source").asText());
        assertEquals("up", s.at("/serving/perp/state").asText());
        assertEquals("jupiter-price", s.at("/serving/spot/source").asText());
    }

    @Test
    void statsTextIsAlignedAndNamesEveryToken() {
        InProcessCli.Run run = InProcessCli.run("journal", "stats", journal.dir());
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains(String.format("  %-24s %,12d%n", "PerpBbo", journal.records(EventType.PERP_BBO))),
                run::toString);
        assertTrue(run.out().contains(String.format("  %-24s %,12d%n", "Opportunity", journal.opportunities())),
                run::toString);
        for (Token t : journal.tokens()) {
            assertTrue(run.out().contains("\n  " + t.symbol() + " "), t.symbol());
        }
        assertTrue(run.out().contains("perp             hl-ws-mainnet"), run::toString);
    }

    @Test
    void statsRejectsAnUnknownFormatWithOneLine() {
        InProcessCli.Run run = InProcessCli.run("journal", "stats", journal.dir(), "--format", "xml");
        assertEquals(2, run.code(), run::toString);
        assertEquals(List.of("perpspot: journal stats: --format must be text or json, got 'xml'"), run.errLines(),
                run::toString);
    }
}
