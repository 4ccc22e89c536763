package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.Json;
import io.perpspot.dashboard.core.SlippageBands;
import io.perpspot.dashboard.state.MarketView;
import io.perpspot.engine.core.JournalFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
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
        // a high simulate rate: this class makes many POSTs (the limit has its own test)
        dash = Fixture.start(journal, Fixture.settings().withLimits(65_536, 1e11, 10_000), Fixture.services());
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
        assertEquals("green", json(Fixture.get(dash, "/api/tokens/SLIPG")).path("slippage").get(1).path("band")
                .asText());
        assertEquals("orange", json(Fixture.get(dash, "/api/tokens/SLIPO")).path("slippage").get(1).path("band")
                .asText());
        JsonNode red = json(Fixture.get(dash, "/api/tokens/SLIPR")).path("slippage").get(1);
        assertEquals("red", red.path("band").asText());
        assertEquals(300, red.path("bps").asDouble(), 0.5);
        // $50k is beyond SLIPR's 5 x $5k book: reported as such, red, with no made-up number
        JsonNode beyond = json(Fixture.get(dash, "/api/tokens/SLIPR")).path("slippage").get(3);
        assertTrue(beyond.path("beyondBook").asBoolean());
        assertTrue(beyond.path("bps").isNull());
        assertEquals("red", beyond.path("band").asText());
        // the worse leg decides: T005's perp book is green, its Jupiter ladder 300 bps from spot
        JsonNode t005 = json(Fixture.get(dash, "/api/tokens/T005")).path("slippage").get(1);
        assertEquals("red", t005.path("band").asText());
        assertEquals(300, t005.path("spotBps").asDouble(), 0.5);
        assertEquals("ladder", t005.path("spotSource").asText());
        assertEquals("book", t005.path("perpSource").asText());
        assertTrue(t005.path("perpBps").asDouble() < 50);
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
        JsonNode iso = json(Fixture.get(dash,
                "/api/tokens/T005/history?from=2025-01-15T12:00:01.500Z&to=2025-01-15T12:00:02.500Z"));
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
        assertEquals(List.of("connected to mainnet", "prices from jupiter", "mainnet closed the socket",
                "failed over to testnet", "back to mainnet", "mainnet healthy again",
                "connection to redis://***@10.0.0.5:6380/1 refused (auth ***)", "local, 20000 entries max"), failovers);
        assertEquals("local", h.path("cache").path("backend").asText());
        assertEquals(Fixture.TOKENS, h.path("journal").path("tokens").asInt());
        assertEquals(2, h.path("journal").path("outputByType").path("Opportunity").asInt());
    }

    @Test
    void templatesLatencyAndBothVenuesSlippageComeFromTheEngine() throws Exception {
        JsonNode t = json(Fixture.get(dash, "/api/templates"));
        List<String> names = new ArrayList<>();
        t.path("templates").forEach(x -> names.add(x.path("name").asText()));
        assertTrue(names.containsAll(List.of("SOL Scalping", "ETH Conservative", "BTC Large Size")), names.toString());

        JsonNode l = json(Fixture.get(dash, "/api/latency"));
        JsonNode feed = null;
        JsonNode internal = null;
        for (JsonNode e : l.path("latest")) {
            if (e.path("kind").asText().equals("feed")) {
                feed = e;
            } else if (e.path("kind").asText().equals("journal")) {
                internal = e;
            }
        }
        assertTrue(feed != null && internal != null, l.toString());
        assertEquals("hl-ws-mainnet", feed.path("source").asText());
        assertEquals(4, feed.path("count").asLong());
        assertEquals(120.0, feed.path("max").asDouble(), 0.2, "ms, from the journaled histogram");
        assertEquals(7.0, feed.path("p50").asDouble(), 0.02);
        assertEquals(0.9, internal.path("max").asDouble(), 0.01);
        assertTrue(internal.path("internal").asBoolean());

        JsonNode slip = json(Fixture.get(dash, "/api/tokens/T005/slippage"));
        assertEquals(MarketView.CURVE_SIZES_USD.length, slip.path("perp").size());
        assertEquals(MarketView.CURVE_SIZES_USD.length, slip.path("spot").size());
        JsonNode spot1k = slip.path("spot").get(3);
        assertEquals(1000, spot1k.path("usd").asLong());
        assertEquals(300, spot1k.path("buyBps").asDouble(), 0.5);
        assertEquals("red", spot1k.path("buyBand").asText());
        assertEquals("ladder", spot1k.path("buySource").asText());
        JsonNode perp1k = slip.path("perp").get(3);
        assertEquals("book", perp1k.path("buySource").asText());
        assertEquals("green", perp1k.path("buyBand").asText());
        assertEquals(50, slip.path("bands").path("greenMaxBps").asDouble());
        // BONK has no ladder: the spot leg is the impact model on Jupiter's liquidity figure, and says so
        assertEquals("model", json(Fixture.get(dash, "/api/tokens/BONK/slippage")).path("spot").get(0)
                .path("buySource").asText());
    }

    @Test
    void simulateReplaysTheJournalAndRunsTheMonteCarlo() throws Exception {
        String body = "{\"template\":\"SOL Scalping\",\"token\":\"T000\",\"sizeUsd\":1000,\"paths\":20000,\"seed\":7}";
        Fixture.Reply r = Fixture.post(dash, "/api/simulate", body);
        assertEquals(200, r.status(), r.body());
        JsonNode s = json(r);
        long sum = 0;
        for (JsonNode b : s.path("histogram")) {
            sum += b.path("count").asLong();
        }
        assertEquals(20000, sum, "every path in one bin");
        assertTrue(s.path("var95").isNumber() && s.path("cvar95").asDouble() >= s.path("var95").asDouble(), r.body());
        assertTrue(s.path("var99").asDouble() >= s.path("var95").asDouble());
        assertTrue(s.path("retargeted").asBoolean(), "SOL Scalping applied to T000");
        assertEquals("SOL", s.path("templateToken").asText());
        assertEquals("ladder", s.path("estimate").path("spotEntry").path("source").asText());
        assertEquals("book", s.path("estimate").path("perpEntry").path("source").asText());
        assertEquals(20000, s.path("fills").path("both").asLong() + s.path("fills").path("perpOnly").asLong()
                + s.path("fills").path("spotOnly").asLong() + s.path("fills").path("none").asLong());
        // the range: T000's one journaled opportunity, traded on the state of its input record
        assertEquals(1, s.path("backtest").path("trades").asInt(), r.body());
        assertEquals(1, s.path("backtest").path("equity").size());
        // seeded: the same request gives the same answer, another seed another one
        assertEquals(r.body(), Fixture.post(dash, "/api/simulate", body).body());
        String otherSeed = body.replace("\"seed\":7", "\"seed\":8");
        assertNotEquals(s.path("pnl").path("mean").asDouble(),
                json(Fixture.post(dash, "/api/simulate", otherSeed)).path("pnl").path("mean").asDouble());
        // a range ending before the first opportunity has no trades; one ending before any market data has no
        // state: 503
        String early = body.replace("}", ",\"to\":\"2025-01-15T12:00:00.500Z\"}");
        assertError(Fixture.post(dash, "/api/simulate", early), 503, "no market state");
        String second = body.replace("}", ",\"to\":\"2025-01-15T12:00:01.500Z\"}");
        JsonNode one = json(Fixture.post(dash, "/api/simulate", second));
        assertEquals(0, one.path("backtest").path("trades").asInt());
        assertTrue(one.path("range").path("inputEventsFolded").asLong() > 0);
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
        // beyond SLIPR's book ($25k a side): the model says which parameter
        assertError(Fixture.post(dash, "/api/simulate",
                "{\"template\":\"SOL Scalping\",\"token\":\"SLIPR\",\"sizeUsd\":1000000,\"paths\":10}"), 400,
                "'sizeUsd'");
        assertError(Fixture.post(dash, "/api/simulate",
                "{\"template\":\"Nope\",\"token\":\"BONK\",\"sizeUsd\":1000,\"paths\":10}"), 404,
                "unknown template 'Nope'");
        // the cost limit: paths x sizeUsd above dashboard.simulate.max-cost (1e11)
        assertError(Fixture.post(dash, "/api/simulate",
                "{\"template\":\"SOL Scalping\",\"token\":\"BONK\",\"sizeUsd\":1000000,\"paths\":1000000}"), 400,
                "'paths' x 'sizeUsd'");
    }

    @Test
    void refusesAMissingDirectoryOrOneThatIsNotAJournal() throws Exception {
        JournalFormatException missing = assertThrows(JournalFormatException.class,
                () -> Dashboard.start(Fixture.settings(), dir.resolve("nope"), Fixture.services()));
        assertTrue(missing.getMessage().contains("no such journal directory"), missing.getMessage());
        Path notJournal = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(notJournal.resolve("x.txt"), "hello");
        JournalFormatException plain = assertThrows(JournalFormatException.class,
                () -> Dashboard.start(Fixture.settings(), notJournal, Fixture.services()));
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
