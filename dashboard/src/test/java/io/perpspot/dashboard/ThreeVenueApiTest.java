package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.core.Json;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.VenuePair;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes that price a trade with the execution model (which prices the perp and Jupiter legs only) on a journal
 * where T000 also has a perp-hlspot opportunity: its playbook is refused with 422, from memory and, on a sidecar
 * that evicted it, after a replay of the journal; the simulation's backtest trades the opportunities of its
 * template's pair only (SOL Scalping: perp-jupiter, SOL Carry: perp-hlspot); /api/opportunities and /api/tokens
 * name the pair.
 */
class ThreeVenueApiTest {
    @TempDir
    static Path dir;
    static Dashboard all;
    static Dashboard one;
    static long hlSeq;

    @BeforeAll
    static void start() throws Exception {
        try (TestJournal j = new TestJournal(dir.resolve("j"))) {
            Fixture f = Fixture.write(j);
            j.tick(100);
            j.spot(f.t000, "10");
            j.pairSpread(f.t000, VenuePair.PERP_HLSPOT, "9.99", "10.01", "10", "9.97", 30.1, 2.1);
            j.pairOpportunity(f.t000, VenuePair.PERP_HLSPOT, OutputRecord.SHORT_PERP_LONG_SPOT, 16.0, 2.1);
            hlSeq = j.lastOutputIndex();
            // a perp-jupiter opportunity after it: a sidecar holding one opportunity evicts the perp-hlspot one
            j.tick(100);
            j.opportunity(f.slipGreen, OutputRecord.SHORT_PERP_LONG_SPOT, 10.0, 2.0);
        }
        all = Fixture.start(dir.resolve("j"), Fixture.settings(), Fixture.services());
        one = Fixture.start(dir.resolve("j"), new DashboardSettings("127.0.0.1", 0, 100, 64, 50, 1000, 1, 60_000,
                1_000_000), Fixture.services());
    }

    @AfterAll
    static void stop() throws Exception {
        Fixture.closeAll(one, all);
    }

    @Test
    void aPlaybookOffPerpJupiterIsRefusedFromMemoryAndAfterAReplay() throws Exception {
        String path = "/api/opportunities/" + hlSeq + "/playbook?template=SOL%20Scalping&sizeUsd=1000";
        String says = "opportunity " + hlSeq + " is on perp-hlspot: the execution model prices the perp and Jupiter"
                + " legs only (perp-jupiter)";
        Fixture.Reply mem = Fixture.get(all, path);
        assertEquals(422, mem.status(), mem.body());
        assertTrue(mem.body().contains(says), mem.body());
        assertEquals(null, all.view().opportunity(hlSeq).state(), "no state held for a pair the model cannot price");
        assertEquals(null, one.view().opportunity(hlSeq).opportunity(), "evicted");
        Fixture.Reply replayed = Fixture.get(one, path);
        assertEquals(422, replayed.status(), replayed.body());
        assertTrue(replayed.body().contains(says), replayed.body());
    }

    @Test
    void theSimulationTradesTheTemplatesPairsOpportunitiesOnly() throws Exception {
        String body = "{\"template\":\"SOL Scalping\",\"token\":\"T000\",\"sizeUsd\":1000,\"paths\":2000,\"seed\":7}";
        Fixture.Reply r = Fixture.post(all, "/api/simulate", body);
        assertEquals(200, r.status(), r.body());
        // T000's fixture opportunity (perp-jupiter); its perp-hlspot one is another pair's trade
        JsonNode cross = Json.MAPPER.readTree(r.body());
        assertEquals(1, cross.path("backtest").path("trades").asInt(), r.body());
        assertEquals("perp-jupiter", cross.path("pair").asText());

        // The fixture's perp-hlspot opportunity has no Hyperliquid spot book in the input: nothing to price it on.
        Fixture.Reply carry = Fixture.post(all, "/api/simulate", body.replace("SOL Scalping", "SOL Carry"));
        assertEquals(503, carry.status(), carry.body());
        assertTrue(carry.body().contains("T000 has no perp-hlspot market state"), carry.body());
    }

    @Test
    void opportunitiesAndTokensNameThePair() throws Exception {
        JsonNode opps = Json.MAPPER.readTree(Fixture.get(all, "/api/opportunities?token=T000").body());
        assertEquals(2, opps.path("count").asInt());
        JsonNode hl = opps.path("opportunities").get(1);
        assertEquals(hlSeq, hl.path("seq").asLong());
        assertEquals("perp-hlspot", hl.path("pair").asText());
        assertEquals("short-perp/long-hlspot", hl.path("direction").asText());
        assertEquals(0, hl.path("slippage").size());
        assertTrue(hl.path("liquidity").isNull());
        assertEquals("perp-jupiter", opps.path("opportunities").get(0).path("pair").asText());
        JsonNode t = Json.MAPPER.readTree(Fixture.get(all, "/api/tokens/T000").body());
        assertEquals("9.97", t.path("hlSpot").asText());
        assertEquals("perp-hlspot", t.path("bestPair").asText());
        assertEquals(16.0, t.path("bestNetBps").asDouble());
        assertEquals(30.1, t.path("pairs").get(VenuePair.PERP_HLSPOT).path("basisBps").asDouble());
        assertEquals(14.5, t.path("pairs").get(VenuePair.PERP_JUPITER).path("netBps").asDouble());
    }
}
