package io.perpspot.dashboard;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push channel's contract: a hello with every row, then batches with the latest row of each
 * changed token (updates in between coalesced and counted); a browser that stops reading holds at
 * most one message in flight and does not hold back the tailer or the other browsers.
 */
class PushThrottlingTest {
    @TempDir
    Path dir;

    /** A WebSocket client that records text messages; {@code reading=false} never asks for more after the first. */
    static final class Client implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final boolean reading;
        private final StringBuilder partial = new StringBuilder();

        Client(boolean reading) {
            this.reading = reading;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Json.MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            if (reading || !last) {
                ws.request(1);
            }
            return CompletableFuture.completedFuture(null);
        }

        WebSocket connect(Dashboard d, String query) throws Exception {
            return connect(d.url(), query, null);
        }

        /** Connects to {@code base}'s {@code /ws}, with {@code Authorization: Bearer token} unless it is null. */
        WebSocket connect(String base, String query, String token) throws Exception {
            WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return b.buildAsync(URI.create(base.replace("http", "ws") + "/ws" + query), this).get(10, TimeUnit.SECONDS);
        }

        JsonNode last(String type) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).path("t").asText().equals(type)) {
                    return messages.get(i);
                }
            }
            return null;
        }
    }

    @Test
    void batchesCarryTheLatestRowAndASlowClientHoldsBackNobody() throws Exception {
        Path jdir = dir.resolve("j");
        try (TestJournal j = new TestJournal(jdir)) {
            Fixture.write(j);
            try (Dashboard d = Fixture.start(jdir, Fixture.settings(), Fixture.services())) {
                Client fast = new Client(true);
                Client stalled = new Client(false);
                WebSocket wf = fast.connect(d, "");
                WebSocket ws = stalled.connect(d, "");
                await("hello", 30, () -> fast.last("hello") != null);
                assertEquals(Fixture.TOKENS, fast.last("hello").path("rows").size());
                assertEquals(2, fast.last("hello").path("opportunities").size());

                // 50 updates of one token between two pushes reach the browser as its latest row
                j.tick(1000);
                for (int i = 1; i <= 50; i++) {
                    j.spread(3, "13", "13", 100 + i, 1.0, 0, 1);
                }
                await("T003's latest basis", 30, () -> basisOf(fast, "T003") == 150.0);
                assertTrue(fast.last("batch").path("coalesced").asLong() >= 1, fast.last("batch").toString());

                // Every token keeps changing while one browser reads nothing, until its socket is full
                // and the hub has to skip it (a blocking hub would stall here and the fast browser with it).
                // Prices move too: a batch carries only what changed, so the socket fills with many fields.
                int round = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (busySkips(d) == 0 && System.nanoTime() < deadline) {
                    round++;
                    j.tick(10);
                    String px = Double.toString(10 + round / 1000.0);
                    for (int id = 0; id < Fixture.TOKENS; id++) {
                        j.spot(id, px);
                        j.bbo(id, px, Double.toString(10.02 + round / 1000.0));
                        j.spread(id, px, px, round + id / 1000.0, 0.5, 0, 1);
                    }
                    Thread.sleep(30);
                }
                assertTrue(busySkips(d) > 0, "the stalled browser was skipped, not waited for");
                final double expected = round + 119 / 1000.0;
                long lastIndex = j.lastOutputIndex();
                await("the tailer reads everything", 30, () -> d.view().clocks().lastOutputIndex() == lastIndex);
                await("the reading browser gets the last value", 30,
                        () -> basisOf(fast, "SLIPR") != null && basisOf(fast, "SLIPR") == expected);
                JsonNode push = Json.MAPPER.readTree(Fixture.get(d, "/api/health").body()).path("push");
                assertEquals(2, push.path("clients").asInt(), push.toString());
                assertEquals(1, stalled.messages.size(), "the stalled browser got only what it asked for");
                assertTrue(fast.messages.size() > 10, "the reading browser kept receiving");
                wf.abort();
                ws.abort();
            }
        }
    }

    @Test
    void aReconnectingClientResumesFromItsLastSequence() throws Exception {
        Path jdir = dir.resolve("j2");
        try (TestJournal j = new TestJournal(jdir)) {
            Fixture.write(j);
            try (Dashboard d = Fixture.start(jdir, Fixture.settings(), Fixture.services())) {
                Client first = new Client(true);
                WebSocket w1 = first.connect(d, "");
                await("hello", 30, () -> first.last("hello") != null);
                JsonNode opps = first.last("hello").path("opportunities");
                long lastSeq = opps.get(opps.size() - 1).path("seq").asLong();
                w1.abort();
                j.tick(1000);
                j.opportunity(5, 1, 30.0, 3.0);
                Client again = new Client(true);
                WebSocket w2 = again.connect(d, "?since=" + lastSeq);
                await("hello on resume", 30, () -> again.last("hello") != null);
                JsonNode resumed = again.last("hello");
                assertEquals(1, resumed.path("opportunities").size(), resumed.path("opportunities").toString());
                assertEquals("T005", resumed.path("opportunities").get(0).path("symbol").asText());
                assertEquals(false, resumed.path("gap").asBoolean());
                w2.abort();
            }
        }
    }

    private static long busySkips(Dashboard d) throws Exception {
        return Json.MAPPER.readTree(Fixture.get(d, "/api/health").body()).path("push").path("busySkips").asLong();
    }

    /** The latest basis the browser was sent for {@code symbol} (a batch carries only the fields that changed). */
    private static Double basisOf(Client c, String symbol) {
        for (int i = c.messages.size() - 1; i >= 0; i--) {
            for (JsonNode r : c.messages.get(i).path("rows")) {
                if (r.path("symbol").asText().equals(symbol) && r.has("basisBps")) {
                    return r.path("basisBps").isNull() ? null : r.path("basisBps").asDouble();
                }
            }
        }
        return null;
    }
}
