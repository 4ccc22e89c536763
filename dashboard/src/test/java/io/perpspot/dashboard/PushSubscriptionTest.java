package io.perpspot.dashboard;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser's subscription on {@code /ws}: only the tokens and fields it asked for, an interval clamped to the
 * server's bounds, batches that carry only what changed, a later {@code subscribe} message bringing a new
 * hello, and a subscription that is not understood closing the socket saying why.
 */
class PushSubscriptionTest {
    @TempDir
    Path dir;

    @Test
    void aBrowserGetsOnlyTheTokensAndFieldsItAskedForAndOnlyWhatChanged() throws Exception {
        Path jdir = dir.resolve("j");
        try (TestJournal j = new TestJournal(jdir)) {
            Fixture f = Fixture.write(j);
            try (Dashboard d = Fixture.start(jdir, Fixture.settings(), Fixture.services())) {
                PushThrottlingTest.Client c = new PushThrottlingTest.Client(true);
                WebSocket ws = c.connect(d, "?tokens=T000,T001&fields=spot,basisBps&interval=1");
                await("hello", 30, () -> c.last("hello") != null);
                JsonNode hello = c.last("hello");
                assertEquals(2, hello.path("rows").size(), hello.toString());
                JsonNode row = hello.path("rows").get(0);
                assertEquals(3, row.size(), "symbol, spot, basisBps: " + row);
                assertTrue(row.has("symbol") && row.has("spot") && row.has("basisBps"), row.toString());
                assertEquals(100, hello.path("intervalMs").asInt(), "1 ms is clamped to dashboard.push-interval");
                assertEquals(2, hello.path("opportunities").size(), "opportunities come whatever the tokens");

                j.tick(1000);
                j.spread(f.t000, "10", "10", 77.5, 1.0, 0, 1);
                j.spread(5, "15", "15", 55.5, 1.0, 0, 1); // T005: not watched
                await("T000's patch", 30, () -> patch(c, "T000") != null);
                JsonNode p = patch(c, "T000");
                assertTrue(c.last("batch").path("delta").asBoolean());
                assertEquals(77.5, p.path("basisBps").asDouble());
                assertFalse(p.has("spot"), "the spot did not change: " + p);
                assertTrue(patch(c, "T005") == null, "T005 is not watched");

                ws.sendText("{\"t\":\"subscribe\",\"tokens\":[\"T005\"],\"fields\":\"z\"}", true);
                await("a new hello with T005", 30, () -> {
                    JsonNode h = c.last("hello");
                    return h != hello && h.path("rows").size() == 1
                            && h.path("rows").get(0).path("symbol").asText().equals("T005");
                });
                assertEquals(2, c.last("hello").path("rows").get(0).size(), "symbol and z");
                ws.abort();
            }
        }
    }

    private static JsonNode patch(PushThrottlingTest.Client c, String symbol) {
        for (int i = c.messages.size() - 1; i >= 0; i--) {
            JsonNode m = c.messages.get(i);
            if (m.path("t").asText().equals("batch")) {
                for (JsonNode r : m.path("rows")) {
                    if (r.path("symbol").asText().equals(symbol)) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void aSubscriptionNotUnderstoodClosesTheSocketSayingWhy() throws Exception {
        Path jdir = dir.resolve("j");
        try (TestJournal j = new TestJournal(jdir)) {
            Fixture.write(j);
            try (Dashboard d = Fixture.start(jdir, Fixture.settings(), Fixture.services())) {
                assertEquals("1008 fields: unknown field 'colour'", closeOf(d, "?fields=spot,colour"));
                assertEquals("1008 sizes: expected indices 0..3 of the overview sizes, or none; got '9'",
                        closeOf(d, "?sizes=9"));
            }
        }
    }

    private static String closeOf(Dashboard d, String query) throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(d.url().replace("http", "ws") + "/ws"
                + query), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                        closed.complete(status + " " + reason);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        return closed.get(10, TimeUnit.SECONDS);
    }
}
