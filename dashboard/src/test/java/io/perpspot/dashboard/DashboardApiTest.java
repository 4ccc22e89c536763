package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.dashboard.seam.SimulationService;
import io.perpspot.engine.journal.JournalFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over a known journal: values, ranges, the 503 seams and every kind of bad input. */
class DashboardApiTest {
    @TempDir
    static Path dir;
    static Path journal;
    static Fixture fixture;
    static Dashboard dash;
    static Map<String, String> filesBefore;

    @BeforeAll
    static void start() throws Exception {
        journal = dir.resolve("j");
        try (TestJournal j = new TestJournal(journal)) {
            fixture = Fixture.write(j);
        }
        filesBefore = digest(journal);
        dash = Fixture.start(journal, Fixture.settings(), DashboardServices.none());
    }

    @AfterAll
    static void stop() {
        if (dash != null) {
            dash.close();
        }
    }

    static JsonNode json(Fixture.Reply r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void tokensListEveryTokenWithExactTinyPricesAndBookSlippageBands() throws Exception {
        Fixture.Reply r = Fixture.get(dash, "/api/tokens");
        assertEquals(200, r.status());
        JsonNode t = json(r);
        assertEquals(Fixture.TOKENS, t.path("count").asInt());
        assertEquals(Fixture.TOKENS, t.path("tokens").size());

        JsonNode bonk = json(Fixture.get(dash, "/api/tokens/BONK"));
        assertEquals("0.0000216", bonk.path("spot").asText(), "exact decimal string, never 2.16E-5");
        assertEquals("0.0000216", bonk.path("perp").asText());
        assertEquals("jupiter-price", bonk.path("spotSource").asText());

        // $1000 (index 1) against books whose first level is 10 / 120 / 300 bps from the mid
        assertEquals("green", json(Fixture.get(dash, "/api/tokens/SLIPG")).path("slippage").get(1).path("band").asText());
        assertEquals("orange", json(Fixture.get(dash, "/api/tokens/SLIPO")).path("slippage").get(1).path("band").asText());
        JsonNode red = json(Fixture.get(dash, "/api/tokens/SLIPR")).path("slippage").get(1);
        assertEquals("red", red.path("band").asText());
        assertEquals(300, red.path("bps").asDouble(), 0.5);
        // $50k is beyond SLIPR's 5 x $5k book: reported as such, red, with no made-up number
        JsonNode beyond = json(Fixture.get(dash, "/api/tokens/SLIPR")).path("slippage").get(3);
        assertTrue(beyond.path("beyondBook").asBoolean());
        assertTrue(beyond.path("bps").isNull());
        assertEquals("red", beyond.path("band").asText());
        Fixture.Reply lower = Fixture.get(dash, "/api/tokens/bonk");
        assertEquals(200, lower.status(), "symbols are case-insensitive in the API");
        assertEquals("BONK", json(lower).path("symbol").asText());
    }

    @Test
    void historyReturnsSnapshotsInTheTimeRange() throws Exception {
        JsonNode all = json(Fixture.get(dash, "/api/tokens/T005/history"));
        assertEquals(3, all.path("points").asInt());
        assertEquals(List.of(1.5, 2.5, 3.5), Json.MAPPER.convertValue(all.path("basisBps"), List.class));
        long second = all.path("timeMs").get(1).asLong();
        JsonNode tail = json(Fixture.get(dash, "/api/tokens/T005/history?from=" + second));
        assertEquals(2, tail.path("points").asInt());
        JsonNode iso = json(Fixture.get(dash, "/api/tokens/T005/history?from=2025-01-15T12:00:01.500Z&to=2025-01-15T12:00:02.500Z"));
        assertEquals(1, iso.path("points").asInt());
        JsonNode thin = json(Fixture.get(dash, "/api/tokens/T005/history?points=1"));
        assertEquals(1, thin.path("points").asInt());
    }

    @Test
    void opportunitiesFundingAndHealthComeFromTheJournal() throws Exception {
        JsonNode o = json(Fixture.get(dash, "/api/opportunities"));
        assertEquals(2, o.path("count").asInt());
        assertEquals("T000", o.path("opportunities").get(0).path("symbol").asText());
        assertEquals("short-perp/long-spot", o.path("opportunities").get(0).path("direction").asText());
        assertEquals(14.5, o.path("opportunities").get(0).path("netBps").asDouble());
        long firstSeq = o.path("opportunities").get(0).path("seq").asLong();
        JsonNode since = json(Fixture.get(dash, "/api/opportunities?since=" + firstSeq));
        assertEquals(1, since.path("count").asInt());
        assertEquals("SLIPR", since.path("opportunities").get(0).path("symbol").asText());
        assertEquals(1, json(Fixture.get(dash, "/api/opportunities?token=SLIPR")).path("count").asInt());

        JsonNode f = json(Fixture.get(dash, "/api/funding?token=BONK")).path("funding").get(0);
        assertEquals("0.0000125", f.path("fundingHourly").asText());
        assertEquals(0.0000125 * 24 * 365 * 100, f.path("fundingAprPct").asDouble(), 1e-9);

        JsonNode h = json(Fixture.get(dash, "/api/health"));
        assertEquals("hl-ws-mainnet", h.path("current").path("perp").path("source").asText());
        assertEquals("up", h.path("current").path("perp").path("state").asText());
        assertEquals("jupiter-price", h.path("current").path("spot").path("source").asText());
        List<String> failovers = h.path("failovers").findValuesAsText("reason");
        assertEquals(List.of("connected to mainnet", "prices from jupiter", "mainnet closed the socket", "failed over to testnet",
                "back to mainnet", "mainnet healthy again"), failovers);
        assertEquals(Fixture.TOKENS, h.path("journal").path("tokens").asInt());
        assertEquals(2, h.path("journal").path("outputByType").path("Opportunity").asInt());
    }

    @Test
    void seamsNotWiredAnswer503NotAvailable() throws Exception {
        for (String path : List.of("/api/templates", "/api/latency")) {
            Fixture.Reply r = Fixture.get(dash, path);
            assertEquals(503, r.status(), path);
            assertTrue(json(r).path("error").asText().startsWith("not available"), r.body());
        }
        Fixture.Reply sim = Fixture.post(dash, "/api/simulate",
                "{\"template\":\"SOL Scalping\",\"token\":\"BONK\",\"sizeUsd\":1000,\"paths\":100000,\"seed\":7}");
        assertEquals(503, sim.status());
        assertTrue(json(sim).path("error").asText().startsWith("not available"), sim.body());
        JsonNode slip = json(Fixture.get(dash, "/api/tokens/SLIPG/slippage"));
        assertTrue(slip.path("execution").isNull());
        assertTrue(slip.path("spotNote").asText().startsWith("not available"));
        assertEquals(9, slip.path("perpBook").path("points").size());
    }

    @Test
    void badInputGetsTheRightStatusAndNamesTheParameter() throws Exception {
        assertError(Fixture.get(dash, "/api/tokens/NOPE"), 404, "unknown token 'NOPE'");
        assertError(Fixture.get(dash, "/api/tokens/NOPE/history"), 404, "unknown token");
        assertError(Fixture.get(dash, "/api/tokens/" + "%3Cscript%3E"), 400, "'symbol'");
        assertError(Fixture.get(dash, "/api/tokens/T001/history?points=0"), 400, "'points'");
        assertError(Fixture.get(dash, "/api/tokens/T001/history?points=10001"), 400, "'points'");
        assertError(Fixture.get(dash, "/api/tokens/T001/history?from=yesterday"), 400, "'from'");
        assertError(Fixture.get(dash, "/api/tokens/T001/history?from=2000&to=1000"), 400, "'from'");
        assertError(Fixture.get(dash, "/api/opportunities?limit=5001"), 400, "'limit'");
        assertError(Fixture.get(dash, "/api/opportunities?since=abc"), 400, "'since'");
        assertError(Fixture.get(dash, "/api/opportunities?token=NOPE"), 404, "unknown token");
        assertError(Fixture.get(dash, "/api/funding?token=NOPE"), 404, "unknown token");
        assertError(Fixture.get(dash, "/api/nothing-here"), 404, "no such API route");

        assertError(Fixture.post(dash, "/api/simulate", "{\"template\": \"x\", "), 400, "malformed JSON");
        assertError(Fixture.post(dash, "/api/simulate", "[1,2]"), 400, "malformed JSON");
        String ok = "\"template\":\"SOL Scalping\",\"token\":\"BONK\",\"sizeUsd\":1000";
        assertError(Fixture.post(dash, "/api/simulate", "{" + ok + ",\"paths\":1000001}"), 400, "'paths'");
        assertError(Fixture.post(dash, "/api/simulate", "{" + ok + ",\"paths\":0}"), 400, "'paths'");
        assertError(Fixture.post(dash, "/api/simulate", "{" + ok + ",\"paths\":1.5}"), 400, "'paths'");
        assertError(Fixture.post(dash, "/api/simulate", "{" + ok + "}"), 400, "'paths' is required");
        assertError(Fixture.post(dash, "/api/simulate",
                "{\"template\":\"t\",\"token\":\"BONK\",\"sizeUsd\":-5,\"paths\":10}"), 400, "'sizeUsd'");
        assertError(Fixture.post(dash, "/api/simulate",
                "{\"template\":\"t\",\"token\":\"NOPE\",\"sizeUsd\":5,\"paths\":10}"), 404, "unknown token");
        assertError(Fixture.post(dash, "/api/simulate", "{" + ok + ",\"paths\":10,\"seed\":\"x\"}"), 400, "'seed'");
        assertError(Fixture.post(dash, "/api/simulate", "{" + ok + ",\"paths\":10,\"bogus\":1}"), 400, "'bogus'");
    }

    @Test
    void unknownTemplateIs404OnceASimulatorIsWired() throws Exception {
        // A stand-in simulator that knows no template: checks the routing of a wired seam, computes nothing.
        SimulationService knowsNothing = new SimulationService() {
            @Override
            public List<Map<String, Object>> templates() {
                return List.of();
            }

            @Override
            public Map<String, Object> simulate(SimulationRequest request) {
                return null;
            }
        };
        try (Dashboard d = Fixture.start(journal, Fixture.settings(), new DashboardServices(knowsNothing, null, null))) {
            assertError(Fixture.post(d, "/api/simulate",
                    "{\"template\":\"Nope\",\"token\":\"BONK\",\"sizeUsd\":1000,\"paths\":10}"), 404, "unknown template 'Nope'");
            assertEquals(200, Fixture.get(d, "/api/templates").status());
        }
    }

    @Test
    void refusesAMissingDirectoryOrOneThatIsNotAJournal() throws Exception {
        JournalFormatException missing = assertThrows(JournalFormatException.class,
                () -> Dashboard.start(Fixture.settings(), dir.resolve("nope"), DashboardServices.none()));
        assertTrue(missing.getMessage().contains("no such journal directory"), missing.getMessage());
        Path notJournal = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(notJournal.resolve("x.txt"), "hello");
        JournalFormatException plain = assertThrows(JournalFormatException.class,
                () -> Dashboard.start(Fixture.settings(), notJournal, DashboardServices.none()));
        assertTrue(plain.getMessage().contains("is not a perpspot journal"), plain.getMessage());
    }

    @Test
    void neverWritesToTheJournal() throws Exception {
        // every file of the journal byte-identical after the sidecar has read it and served requests
        Fixture.get(dash, "/api/tokens");
        assertEquals(filesBefore, digest(journal));
    }

    @Test
    void slippageBandsAreGreenUpTo50OrangeUpTo200RedBeyond() {
        assertEquals("green", SlippageBands.band(0));
        assertEquals("green", SlippageBands.band(50));
        assertEquals("orange", SlippageBands.band(50.01));
        assertEquals("orange", SlippageBands.band(200));
        assertEquals("red", SlippageBands.band(200.01));
        assertEquals("red", SlippageBands.band(Double.POSITIVE_INFINITY));
        assertEquals("green", SlippageBands.band(-10), "a price improvement is no cost");
        assertEquals("none", SlippageBands.band(Double.NaN));
    }

    static void assertError(Fixture.Reply r, int status, String fragment) throws IOException {
        assertEquals(status, r.status(), r.body());
        JsonNode j = json(r);
        assertEquals(status, j.path("status").asInt(), r.body());
        assertTrue(j.path("error").asText().contains(fragment), "'" + fragment + "' in " + r.body());
    }

    static Map<String, String> digest(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(p)) {
                    md.update(in.readAllBytes());
                }
                m.put(root.relativize(p).toString(), HexFormat.of().formatHex(md.digest()));
            }
        }
        assertTrue(m.size() > 2, "the journal has files: " + m.keySet());
        return m;
    }
}
