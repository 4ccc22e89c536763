package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpspot.dashboard.core.Json;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.testkit.Await;
import java.io.InputStream;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer the pages read, field for field, against a copy kept in {@code golden/api.json}
 * (test resources, beside this class): each GET endpoint and a simulation on the {@link Fixture}
 * journal (plus a second engine run and the cache's journaled stop figures), and the WebSocket
 * hello. Object keys are compared sorted (some objects were {@code Map.of}, whose order changes
 * from JVM to JVM); what depends on the
 * wall clock is replaced by a marker, journal indexes by their sequence within the day's cycle.
 * After a deliberate change of the JSON, rewrite the copy with {@code -Dperpspot.golden=write}
 * and review its diff.
 */
class DashboardGoldenJsonTest {
    static final String GOLDEN = "golden/api.json";
    static final Set<String> INDEXES = Set.of("seq", "lastInputIndex", "lastOutputIndex", "inputIndex", "outputIndex");
    static final Set<String> KEPT = Set.of("T000", "T005", "BONK", "SLIPG", "SLIPO", "SLIPR");
    static final Set<String> WALL_CLOCK = Set.of("serverMs", "lastAdvanceMs", "readAtMs", "journal");
    static final List<String> GETS = List.of("/api/meta", "/api/tokens", "/api/tokens/BONK", "/api/tokens/T005",
            "/api/tokens/SLIPR", "/api/tokens/T005/history", "/api/tokens/T005/history?points=2",
            "/api/tokens/BONK/history", "/api/tokens/T005/slippage", "/api/tokens/BONK/slippage",
            "/api/tokens/SLIPR/slippage", "/api/opportunities", "/api/opportunities?token=SLIPR", "/api/funding",
            "/api/funding?token=BONK", "/api/health", "/api/latency", "/api/templates");
    static final String SIMULATE = "{\"template\":\"SOL Scalping\",\"token\":\"T000\",\"sizeUsd\":1000,\"paths\":2000,"
            + "\"seed\":7,\"to\":\"2025-01-15T12:00:04.000Z\"}"; // the end of the first run: T000 is not in the second

    @TempDir
    Path dir;

    @Test
    void everyEndpointAndTheHelloAnswerAsTheGoldenCopy() throws Exception {
        Path journal = dir.resolve("j");
        try (TestJournal j = new TestJournal(journal)) {
            Fixture.write(j);
            // the cache's last words, and a second engine run that defines BONK again (its row continues,
            // its book starts over)
            j.status(Source.CACHE_LOCAL, SourceState.DOWN, "stopped: backend=local hits=12 misses=3 errors=0"
                    + " evictions=0 expired=1 puts=15 dropped=0 switches=2");
            j.tick(1000);
            j.engineStart();
            int bonk = j.token("BONK", "kBONK");
            j.spot(bonk, "0.0000217");
            j.spread(bonk, "0.0000217", "0.0000216", -4.6, -0.3, 0.0, 1.0);
        }
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        try (Dashboard d = Fixture.start(journal, Fixture.settings(), Fixture.services())) {
            for (String path : GETS) {
                Fixture.Reply r = Fixture.get(d, path);
                assertEquals(200, r.status(), path + ": " + r.body());
                answers.set("GET " + path, Json.MAPPER.readTree(r.body()));
            }
            Fixture.Reply sim = Fixture.post(d, "/api/simulate", SIMULATE);
            assertEquals(200, sim.status(), sim.body());
            answers.set("POST /api/simulate " + SIMULATE, Json.MAPPER.readTree(sim.body()));
            PushThrottlingTest.Client c = new PushThrottlingTest.Client(true);
            WebSocket ws = c.connect(d, "");
            Await.await("the hello", 30, () -> c.last("hello") != null);
            JsonNode hello = c.last("hello");
            ws.abort();
            assertEquals(answers.path("GET /api/tokens").path("tokens"), hello.path("rows"), "the hello's rows");
            assertEquals(answers.path("GET /api/opportunities").path("opportunities"), hello.path("opportunities"));
            answers.set("WS /ws hello", hello);
        }
        // the long lists keep the tokens that differ in kind (the others are T005's shape with other numbers)
        for (String[] list : new String[][] {{"GET /api/tokens", "tokens"}, {"GET /api/funding", "funding"},
            {"WS /ws hello", "rows"}}) {
            ObjectNode o = (ObjectNode) answers.get(list[0]);
            assertEquals(Fixture.TOKENS, o.path(list[1]).size(), list[0]);
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            o.path(list[1]).forEach(r -> {
                if (KEPT.contains(r.path("symbol").asText())) {
                    kept.add(r);
                }
            });
            o.set(list[1], kept);
        }
        JsonNode actual = canonical(answers);
        boolean write = "write".equals(System.getProperty("perpspot.golden"));
        if (write) {
            Path out = Path.of("src/test/resources/io/perpspot/dashboard", GOLDEN);
            Files.createDirectories(out.getParent());
            Files.writeString(out, Json.MAPPER.writer(new DefaultPrettyPrinter()).writeValueAsString(actual) + "\n",
                    StandardCharsets.UTF_8);
        }
        List<String> differences = new ArrayList<>();
        diff(write ? actual : golden(), actual, "", differences);
        assertEquals(List.of(), differences, "answers differing from " + GOLDEN);
    }

    /**
     * Where two trees differ (at most 30 places): a missing or extra field, another type or value.
     * Numbers agree within 1e-9 relative, so a libm's last bit on another CPU is no difference.
     */
    static void diff(JsonNode want, JsonNode got, String at, List<String> out) {
        if (out.size() >= 30) {
            return;
        }
        if (want.isNumber() && got.isNumber()) {
            double w = want.asDouble();
            double g = got.asDouble();
            if (want.isIntegralNumber() != got.isIntegralNumber()
                    || Math.abs(w - g) > 1e-9 * Math.max(1, Math.abs(w))) {
                out.add(at + ": " + want + " -> " + got);
            }
        } else if (want.isObject() && got.isObject()) {
            Set<String> names = new TreeSet<>();
            want.fieldNames().forEachRemaining(names::add);
            got.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                if (!got.has(k) || !want.has(k)) {
                    out.add(at + "/" + k + (got.has(k) ? ": new field" : ": missing"));
                } else {
                    diff(want.get(k), got.get(k), at + "/" + k, out);
                }
            }
        } else if (want.isArray() && got.isArray() && want.size() == got.size()) {
            for (int i = 0; i < want.size(); i++) {
                diff(want.get(i), got.get(i), at + "[" + i + "]", out);
            }
        } else if (!want.equals(got)) {
            out.add(at + ": " + clip(want) + " -> " + clip(got));
        }
    }

    private static String clip(JsonNode n) {
        String s = n.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static JsonNode golden() throws Exception {
        try (InputStream in = DashboardGoldenJsonTest.class.getResourceAsStream(GOLDEN)) {
            assertTrue(in != null, GOLDEN + " on the test class path (write it with -Dperpspot.golden=write)");
            return Json.MAPPER.readTree(in);
        }
    }

    /** Sorted keys; wall-clock fields as a marker (null stays null); journal indexes as their sequence in the cycle. */
    static JsonNode canonical(JsonNode n) {
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            n.forEach(e -> a.add(canonical(e)));
            return a;
        }
        if (!n.isObject()) {
            return n;
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (WALL_CLOCK.contains(e.getKey()) && !v.isNull() && !v.isContainerNode()) {
                v = JsonNodeFactory.instance.textNode("<wall clock or temp dir>");
            } else if (INDEXES.contains(e.getKey()) && v.canConvertToLong() && v.asLong() > 0xFFFF_FFFFL) {
                v = JsonNodeFactory.instance.textNode("cycle index, seq " + (v.asLong() & 0xFFFF_FFFFL));
            }
            sorted.put(e.getKey(), canonical(v));
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        sorted.forEach(o::set);
        return o;
    }
}
