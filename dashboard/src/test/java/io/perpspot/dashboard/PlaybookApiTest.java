package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.core.Json;
import io.perpspot.dashboard.state.HeldOpportunity;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.exec.ExecutionModel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/opportunities/{seq}/playbook} and {@code POST /api/analyze} over HTTP on a journal with 15
 * opportunities, read by two sidecars: one holding them all, one holding only the newest 10 (the older ones'
 * playbooks come from a replay of the journal and must equal the first's), and every refusal of bad input.
 */
class PlaybookApiTest {
    static final String SOL = "template=SOL%20Scalping";
    @TempDir
    static Path dir;
    static TestJournal journal;
    static Dashboard all;
    static Dashboard ten;
    static final List<Long> SEQS = new ArrayList<>();
    static long spreadBetween;
    static long derivedFromARemovedCycle;

    @BeforeAll
    static void start() throws Exception {
        journal = new TestJournal(dir.resolve("j"));
        SEQS.addAll(Fixture.writeWithOpportunities(journal, 12, id -> {
            if (id == 1) {
                // token 3's (its newest comes later): derived from an input the journal no longer holds
                journal.opportunity(3, OutputRecord.SHORT_PERP_LONG_SPOT, 12, 2.2, journal.inputIndexOfARemovedCycle());
                derivedFromARemovedCycle = journal.lastOutputIndex();
            }
            if (id == 2) {
                journal.spread(id, "12", "12.1", 80, 2.5, 1, 2);
                spreadBetween = journal.lastOutputIndex();
            }
        }));
        all = Fixture.start(dir.resolve("j"), Fixture.settings(), Fixture.services());
        ten = Fixture.start(dir.resolve("j"), new DashboardSettings("127.0.0.1", 0, 100, 64, 50, 1000, 10, 60_000,
                1_000_000), Fixture.services());
    }

    @AfterAll
    static void stop() throws Exception {
        Fixture.closeAll(ten, all, journal);
    }

    static JsonNode ok(Dashboard d, String path) throws Exception {
        Fixture.Reply r = Fixture.get(d, path);
        assertEquals(200, r.status(), path + ": " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    static void refused(Fixture.Reply r, int status, String says) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.body().contains(says), r.body());
    }

    @Test
    void aPlaybookFromMemoryPricesTheLegsAsLegQuoteAndAReplayAfterEvictionGivesTheSamePlan() throws Exception {
        long seq = SEQS.get(0); // T000, short perp, the oldest: evicted from the 10-opportunity sidecar
        JsonNode mem = ok(all, "/api/opportunities/" + seq + "/playbook?" + SOL + "&sizeUsd=1000");
        assertEquals("memory", mem.path("stateFrom").asText());
        HeldOpportunity h = all.view().opportunity(seq);
        ExecutionModel model = new ExecutionModel(Fixture.services().execution());
        for (JsonNode leg : mem.path("legs")) {
            boolean perp = leg.path("venue").asText().equals("hyperliquid");
            // short perp / long spot: sell the perp, buy the spot
            assertEquals(model.legQuote(h.state().snapshot(), perp, !perp, 1000).price(), leg.path("price")
                    .asDouble(), leg.toString());
        }
        assertEquals(seq, mem.path("derivedFrom").path("journalIndex").asLong());
        assertEquals(h.state().inputIndex(), mem.path("derivedFrom").path("inputIndex").asLong());
        assertEquals("T000", mem.path("symbol").asText());

        assertEquals(null, ten.view().opportunity(seq).opportunity(), "evicted from the 10-opportunity sidecar");
        JsonNode replayed = ok(ten, "/api/opportunities/" + seq + "/playbook?" + SOL + "&sizeUsd=1000");
        assertEquals("replay", replayed.path("stateFrom").asText());
        ((ObjectNode) mem).remove("stateFrom");
        ((ObjectNode) replayed).remove("stateFrom");
        assertEquals(mem, replayed, "the journal replayed to the opportunity gives the same plan");
    }

    @Test
    void thePlaybookDownloadsAsMarkdownByParameterOrAcceptHeader() throws Exception {
        long seq = SEQS.get(5);
        Fixture.Reply md = Fixture.get(all, "/api/opportunities/" + seq + "/playbook?format=md&download=1");
        assertEquals(200, md.status(), md.body());
        assertTrue(md.body().startsWith("# Playbook: T004 long-perp/short-spot, $"), md.body());
        assertTrue(md.body().contains("## If the second leg fails") && md.body().contains("## Funding")
                && md.body().contains("journal index " + seq), md.body());
        HttpResponse<String> r = Fixture.HTTP.send(HttpRequest.newBuilder(URI.create(all.url()
                + "/api/opportunities/" + seq + "/playbook")).header("Accept", "text/markdown").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(md.body(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        HttpResponse<String> dl = Fixture.HTTP.send(HttpRequest.newBuilder(URI.create(all.url()
                + "/api/opportunities/" + seq + "/playbook?download=1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("attachment; filename=\"playbook-T004-" + seq + ".json\"",
                dl.headers().firstValue("Content-Disposition").orElse(""));
    }

    @Test
    void badPlaybookRequestsAreRefusedNamingWhatIsWrong() throws Exception {
        refused(Fixture.get(all, "/api/opportunities/12345/playbook"), 404, "no opportunity with seq 12345");
        refused(Fixture.get(ten, "/api/opportunities/" + spreadBetween + "/playbook"), 404, "is not an opportunity");
        refused(Fixture.get(all, "/api/opportunities/" + spreadBetween + "/playbook"), 404, "no opportunity");
        refused(Fixture.get(all, "/api/opportunities/abc/playbook"), 400, "'seq'");
        // evicted from the 10-opportunity sidecar's memory, and its input is gone from the journal
        refused(Fixture.get(ten, "/api/opportunities/" + derivedFromARemovedCycle + "/playbook"), 410,
                "cannot be replayed: the journal's input no longer holds record");
        long seq = SEQS.get(3);
        refused(Fixture.get(all, "/api/opportunities/" + seq + "/playbook?format=xml"), 400, "'format'");
        refused(Fixture.get(all, "/api/opportunities/" + seq + "/playbook?sizeUsd=5000000"), 400,
                "parameter 'sizeUsd'");
        refused(Fixture.get(all, "/api/opportunities/" + seq + "/playbook?sizeUsd=x"), 400, "'sizeUsd'");
        refused(Fixture.get(all, "/api/opportunities/" + seq + "/playbook?template=Nope"), 404,
                "unknown template 'Nope'");
    }

    @Test
    void analyzeRanksByTheModelsProfitAndRunsTheMonteCarloDeterministically() throws Exception {
        String body = "{\"template\":\"SOL Scalping\",\"n\":3}";
        Fixture.Reply a = Fixture.post(all, "/api/analyze", body);
        assertEquals(200, a.status(), a.body());
        JsonNode r = Json.MAPPER.readTree(a.body());
        assertEquals(3, r.path("rows").size());
        assertEquals(14, r.path("candidates").asInt(), "the newest opportunity of each of 14 tokens");
        double last = Double.POSITIVE_INFINITY;
        for (JsonNode row : r.path("rows")) {
            double expected = row.path("expectedPnlUsd").asDouble();
            assertTrue(expected <= last, "ranked by expected P&L after costs");
            last = expected;
            assertTrue(row.path("p5Usd").asDouble() <= row.path("meanUsd").asDouble()
                    && row.path("meanUsd").asDouble() <= row.path("p95Usd").asDouble(), row.toString());
            assertTrue(row.path("executionP50Seconds").asDouble() > 0, row.toString());
            assertTrue(row.has("confidencePct") && row.has("passesTemplate") && row.has("entrySignal"));
        }
        assertTrue(r.path("paths").asInt() >= 1 && r.path("paths").asInt() <= 20_000);
        assertTrue(r.path("confidenceDefinition").asText().startsWith("confidence ="));
        assertEquals(a.body(), Fixture.post(all, "/api/analyze", body).body(), "the configured seed: same answer");
        assertEquals(5, Json.MAPPER.readTree(Fixture.post(all, "/api/analyze", "{\"template\":\"SOL Scalping\"}")
                .body()).path("rows").size(), "n defaults to 5");
    }

    @Test
    void badAnalyzeRequestsAreRefusedNamingTheField() throws Exception {
        refused(Fixture.post(all, "/api/analyze", "{\"template\":\"SOL Scalping\",\"n\":0}"), 400,
                "parameter 'n' must be an integer in [1, 20], got 0");
        refused(Fixture.post(all, "/api/analyze", "{\"template\":\"SOL Scalping\",\"n\":21}"), 400, "'n'");
        refused(Fixture.post(all, "/api/analyze", "{\"template\":\"SOL Scalping\",\"n\":2.5}"), 400, "'n'");
        refused(Fixture.post(all, "/api/analyze", "{\"template\":\"SOL Scalping\",\"top\":3}"), 400,
                "unknown field 'top'");
        refused(Fixture.post(all, "/api/analyze", "{\"n\":3}"), 400, "'template'");
        refused(Fixture.post(all, "/api/analyze", "{\"template\":\"Nope\"}"), 404, "unknown template");
        refused(Fixture.post(all, "/api/analyze", "[1]"), 400, "malformed JSON body");
    }
}
