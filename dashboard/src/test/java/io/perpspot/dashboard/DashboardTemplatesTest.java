package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.Json;
import io.perpspot.engine.cli.PerpspotCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * User templates through {@code POST /api/templates} and {@code DELETE /api/templates/{name}}: written
 * to the user templates file beside the journal, listed by {@code GET /api/templates}, run by {@code
 * perpspot simulate}; bad bodies refused naming the field, shipped templates never replaced nor deleted,
 * and every write behind the token when the dashboard requires one.
 */
class DashboardTemplatesTest {
    static final String TOKEN = "test-token-0123456789abcdef";
    static final String BODY = "{\"name\":\"T000 tight\",\"token\":\"T000\",\"notional-usd\":500,"
            + "\"max-latency\":\"1s\","
            + "\"min-spread-bps\":20,\"funding-threshold-bps\":0.5,\"direction\":\"auto\",\"risk-multiplier\":1}";

    @TempDir
    static Path dir;
    static TestJournal journal;
    static Dashboard dash;

    @BeforeAll
    static void start() throws Exception {
        journal = new TestJournal(dir.resolve("j"));
        Fixture.write(journal);
        dash = Fixture.start(dir.resolve("j"), Fixture.settings(), Fixture.services());
    }

    @AfterAll
    static void stop() {
        if (dash != null) {
            dash.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    static Fixture.Reply delete(Dashboard d, String path) throws Exception {
        HttpResponse<String> r = Fixture.HTTP.send(HttpRequest.newBuilder(URI.create(d.url() + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Fixture.Reply(r.statusCode(), r.body());
    }

    static JsonNode template(Dashboard d, String name) throws Exception {
        for (JsonNode t : Json.MAPPER.readTree(Fixture.get(d, "/api/templates").body()).get("templates")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** {@code perpspot simulate} in this JVM, as a user would run it on the same journal. */
    static String simulate(String template) {
        return simulate(dir.resolve("j"), template);
    }

    /** {@code perpspot simulate} on the journal in {@code journal}. */
    static String simulate(Path journal, String template) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PerpspotCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("simulate", "--journal", journal.toString(), "--token", "T000", "--template",
                template, "--paths", "2000");
        return "exit " + code + "\n" + out + err;
    }

    @Test
    void aTemplateAddedThroughTheApiIsListedSavedBesideTheJournalAndRunBySimulate() throws Exception {
        Fixture.Reply r = Fixture.post(dash, "/api/templates", BODY);
        assertEquals(200, r.status(), r.body());
        Path file = dir.resolve("user-templates.yaml");
        assertEquals(file.toString(), Json.MAPPER.readTree(r.body()).get("userFile").asText());
        assertTrue(Files.readString(file).contains("T000 tight"), "the user file holds the template");
        JsonNode t = template(dash, "T000 tight");
        assertEquals("user", t.get("source").asText());
        assertEquals(500.0, t.get("notionalUsd").asDouble());
        assertEquals("shipped", template(dash, "SOL Scalping").get("source").asText());

        String out = simulate("T000 tight");
        assertTrue(out.startsWith("exit 0") && out.contains("simulate T000 with \"T000 tight\""), out);

        // replaced: same name, another size
        assertEquals(200, Fixture.post(dash, "/api/templates", BODY.replace("500", "750")).status());
        assertEquals(750.0, template(dash, "T000 tight").get("notionalUsd").asDouble());

        assertEquals(200, delete(dash, "/api/templates/T000%20tight").status());
        assertEquals(null, template(dash, "T000 tight"));
        assertFalse(Files.readString(file).contains("T000 tight"));
        String gone = simulate("T000 tight");
        assertTrue(gone.contains("unknown template 'T000 tight'"), gone);
    }

    @Test
    void aBadTemplateIsRefusedNamingTheField() throws Exception {
        assertRefused(400, BODY.replace("\"direction\"", "\"colour\":\"red\",\"direction\""), "unknown field 'colour'");
        assertRefused(400, BODY.replace("\"notional-usd\":500", "\"notional-usd\":-5"), "notional-usd");
        assertRefused(400, BODY.replace("\"token\":\"T000\"", "\"token\":\"NOPE\""), "unknown token 'NOPE'");
        Fixture.Reply coin = Fixture.post(dash, "/api/templates", BODY.replace("T000 tight", "by coin")
                .replace("\"token\":\"T000\"", "\"token\":\"kBONK\""));
        assertEquals(200, coin.status(), "a Hyperliquid coin names a token too: " + coin.body());
        assertEquals(200, delete(dash, "/api/templates/by%20coin").status());
        assertRefused(400, BODY.replace("\"max-latency\":\"1s\",", ""), "max-latency: missing");
        assertRefused(400, BODY.replace("\"auto\"", "\"sideways\""), "direction");
        assertRefused(400, "[1,2]", "malformed JSON body");
        assertRefused(409, BODY.replace("T000 tight", "SOL Scalping"), "shipped");
        Fixture.Reply del = delete(dash, "/api/templates/SOL%20Scalping");
        assertEquals(409, del.status(), del.body());
        Fixture.Reply none = delete(dash, "/api/templates/never%20added");
        assertEquals(404, none.status(), none.body());
        assertTrue(template(dash, "SOL Scalping") != null, "the shipped template stays");
    }

    private static void assertRefused(int status, String body, String says) throws Exception {
        Fixture.Reply r = Fixture.post(dash, "/api/templates", body);
        assertEquals(status, r.status(), r.body());
        assertTrue(r.body().contains(says), r.body() + " should say " + says);
    }

    @Test
    void writesNeedTheTokenWhenTheDashboardRequiresOne() throws Exception {
        try (Dashboard guarded = Fixture.start(dir.resolve("j"), Fixture.settings().withToken(TOKEN),
                Fixture.services())) {
            assertEquals(401, Fixture.post(guarded, "/api/templates", BODY.replace("T000 tight", "guarded")).status());
            assertEquals(401, delete(guarded, "/api/templates/guarded").status());
            HttpResponse<String> ok = Fixture.HTTP.send(HttpRequest.newBuilder(URI.create(guarded.url()
                    + "/api/templates")).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(BODY.replace("T000 tight", "guarded"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            HttpResponse<String> del = Fixture.HTTP.send(HttpRequest.newBuilder(URI.create(guarded.url()
                    + "/api/templates/guarded")).header("Authorization", "Bearer " + TOKEN).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, del.statusCode(), del.body());
        }
    }
}
