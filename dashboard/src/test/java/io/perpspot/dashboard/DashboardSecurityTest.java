package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.engine.config.ConfigException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 7 on loopback: the bearer token (enforced by config for the test), security headers and
 * CSP, no CORS, same-origin WebSocket and POST, the request size limit, the simulation cost limit and the
 * per-client rate limit; item 8: no secret in any output.
 */
class DashboardSecurityTest {
    static final String TOKEN = "test-token-0123456789abcdef";

    @TempDir
    static Path dir;
    static Path journal;
    static Dashboard open;
    static Dashboard guarded;

    @BeforeAll
    static void start() throws Exception {
        journal = dir.resolve("j");
        try (TestJournal j = new TestJournal(journal)) {
            Fixture.write(j);
        }
        // 2 simulations a minute, 4 KiB bodies: small enough to reach in a test
        open = Fixture.start(journal, Fixture.settings().withLimits(4096, 1e11, 2), Fixture.services());
        guarded = Fixture.start(journal, Fixture.settings().withToken(TOKEN), Fixture.services());
    }

    @AfterAll
    static void stop() {
        if (open != null) {
            open.close();
        }
        if (guarded != null) {
            guarded.close();
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder req(Dashboard d, String path) {
        return HttpRequest.newBuilder(URI.create(d.url() + path));
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndACspWithoutInlineScripts() throws Exception {
        for (String path : List.of("/index.html", "/api/tokens", "/api/nothing")) {
            HttpResponse<String> r = send(req(open, path));
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            String scriptSrc = csp.replaceAll(".*script-src([^;]*).*", "$1");
            assertTrue(scriptSrc.contains("'self'") && !scriptSrc.contains("unsafe"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
        }
    }

    @Test
    void pagesHaveNoInlineScriptOrHandler() throws Exception {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        for (String page : List.of("index.html", "token.html", "opportunities.html", "simulation.html",
                "health.html")) {
            String html = send(req(open, "/" + page)).body();
            assertTrue(html.contains("<script src="), page);
            assertFalse(inlineScript.matcher(html).find(), page + " has an inline <script>");
            assertFalse(handler.matcher(html).find(), page + " has an inline on...= handler");
        }
    }

    @Test
    void noCorsHeadersAndForeignOriginsAreRefused() throws Exception {
        HttpResponse<String> get = send(req(open, "/api/tokens").header("Origin", "http://evil.example"));
        assertTrue(get.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), get.headers().toString());
        HttpResponse<String> pre = send(req(open, "/api/simulate")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST"));
        assertTrue(pre.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), pre.headers().toString());
        HttpResponse<String> post = send(req(open, "/api/simulate").header("Origin", "http://evil.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(403, post.statusCode(), post.body());
        URI openWs = URI.create(open.url().replace("http", "ws") + "/ws");
        ExecutionException ws = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().header("Origin", "http://evil.example")
                .buildAsync(openWs, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        assertEquals(403, ((WebSocketHandshakeException) ws.getCause()).getResponse().statusCode());
    }

    @Test
    void aBodyAboveTheLimitIs413() throws Exception {
        String big = "{\"template\":\"" + "x".repeat(8000) + "\"}";
        HttpResponse<String> r = send(req(open, "/api/simulate").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)));
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("dashboard.max-request-bytes"), r.body());
    }

    @Test
    void simulateIsRateLimitedPerClientWithRetryAfter() throws Exception {
        String body = "{\"template\":\"SOL Scalping\",\"token\":\"T001\",\"sizeUsd\":1000,\"paths\":100,\"seed\":1}";
        int ok = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 3; i++) {
            last = send(req(open, "/api/simulate").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            ok += last.statusCode() == 200 ? 1 : 0;
        }
        assertEquals(2, ok, "two a minute");
        assertEquals(429, last.statusCode(), last.body());
        long retry = Long.parseLong(last.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retry >= 1 && retry <= 30, "Retry-After " + retry);
        assertTrue(last.body().contains("dashboard.simulate.per-minute"), last.body());
        // reading is not limited
        assertEquals(200, send(req(open, "/api/templates")).statusCode());
    }

    @Test
    void theTokenIsRequiredForEveryApiCallAndTheWebSocket() throws Exception {
        HttpResponse<String> none = send(req(guarded, "/api/tokens"));
        assertEquals(401, none.statusCode());
        assertTrue(none.body().contains("\"status\":401"), none.body());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, send(req(guarded, "/api/health").header("Authorization", "Bearer wrong-token-0123456789"))
                .statusCode());
        assertEquals(401, send(req(guarded, "/api/simulate").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode());
        assertEquals(200, send(req(guarded, "/api/tokens").header("Authorization", "Bearer " + TOKEN)).statusCode());

        String ws = guarded.url().replace("http", "ws") + "/ws";
        ExecutionException refused = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS));
        assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        CompletableFuture<String> hello = new CompletableFuture<>();
        StringBuilder sb = new StringBuilder();
        WebSocket w = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
                .buildAsync(URI.create(ws), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                        sb.append(data);
                        if (last) {
                            hello.complete(sb.toString());
                        }
                        s.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertTrue(hello.get(10, TimeUnit.SECONDS).contains("\"t\":\"hello\""));
        w.abort();

        // a browser opens a page once with ?token=: an HttpOnly SameSite cookie, then the page without it
        HttpResponse<String> login = send(req(guarded, "/index.html?token=" + TOKEN));
        assertEquals(302, login.statusCode());
        assertEquals("/index.html", login.headers().firstValue("Location").orElse(""));
        String cookie = login.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertEquals(200, send(req(guarded, "/api/meta").header("Cookie", cookie.substring(0, cookie.indexOf(';'))))
                .statusCode());
        assertEquals(401, send(req(guarded, "/index.html?token=nope")).statusCode());
    }

    @Test
    void refusesToStartOffLoopbackWithoutAToken() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Dashboard.start(Fixture.settings().withHost("0.0.0.0"), journal, Fixture.services()));
        assertTrue(e.getMessage().contains(DashboardSettings.TOKEN_ENV), e.getMessage());
        DashboardSettings required = new DashboardSettings("127.0.0.1", 0, 100, 64, 50, 1000, 1000, 60_000, 1_000_000,
                null, true, 65_536, 1e11, 20);
        assertThrows(ConfigException.class, () -> Dashboard.start(required, journal, Fixture.services()));
    }

    @Test
    void secretsNeverAppearInDashboardOutput() throws Exception {
        String auth = "Bearer " + TOKEN;
        for (String path : List.of("/api/health", "/api/meta", "/api/tokens", "/api/latency")) {
            String body = send(req(guarded, path).header("Authorization", auth)).body();
            assertFalse(body.contains(TOKEN), path + " shows the token");
            assertFalse(body.contains(Fixture.REDIS_PASSWORD), path + " shows the Redis password");
        }
        String health = send(req(guarded, "/api/health").header("Authorization", auth)).body();
        assertTrue(health.contains("redis://***@10.0.0.5:6380"), "the cache's redacted reason is shown: " + health);
        assertFalse(Fixture.settings().withToken(TOKEN).toString().contains(TOKEN), "settings as logged");
        assertNull(Fixture.settings().token());
    }
}
