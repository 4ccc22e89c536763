package io.perpspot.engine.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.perpspot.engine.testing.Ports;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one HTTP wrapper against a loopback server: body cap, fixed headers, errors without secrets, Retry-After. */
class HttpFetcherTest {
    private HttpServer server;
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();
    private final HttpFetcher http = new HttpFetcher(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** {@code /bytes/N} answers N bytes of 'x'; every request's x-api-key ("-" for none) is recorded. */
    private void answer(HttpExchange x) throws IOException {
        String key = x.getRequestHeaders().getFirst("x-api-key");
        apiKeys.add(key == null ? "-" : key);
        String path = x.getRequestURI().getPath();
        byte[] body = path.startsWith("/bytes/") ? "x".repeat(Integer.parseInt(path.substring(7))).getBytes(
                StandardCharsets.US_ASCII) : new byte[0];
        x.getRequestBody().readAllBytes();
        x.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void aBodyOverTheCapIsCutThereAndFlaggedOversize() {
        HttpFetcher capped = http.limitedTo(1024);
        HttpFetcher.Response big = capped.get(url("/bytes/5000"));
        assertEquals(200, big.status());
        assertTrue(big.oversize());
        assertEquals(1024, big.body().length);
        HttpFetcher.Response exact = capped.postJson(url("/bytes/1024"), "{}");
        assertFalse(exact.oversize(), "exactly the cap is not over it");
        assertArrayEquals("x".repeat(1024).getBytes(StandardCharsets.US_ASCII), exact.body());
        assertEquals(5000, http.get(url("/bytes/5000")).body().length, "no cap unless one is set");
    }

    @Test
    void anApiKeyIsSentWithEveryRequestOnlyWhenThereIsOne() {
        HttpFetcher keyed = http.withApiKey("secret-key");
        keyed.get(url("/a"));
        keyed.postJson(url("/b"), "{}");
        http.withApiKey(null).get(url("/c"));
        http.withApiKey(" ").get(url("/d"));
        assertEquals(List.of("secret-key", "secret-key", "-", "-"), apiKeys);
        assertTrue(keyed.sends("X-API-Key"));
        assertFalse(http.withApiKey("").sends("x-api-key"));
    }

    @Test
    void aFailureIsOneLineNamingTheUrlWithoutItsQueryUserInfoOrHeaders() throws IOException {
        int closed = Ports.freeLoopbackPort();
        HttpFetcher keyed = http.withApiKey("secret-key");
        String url = "http://user:pw@127.0.0.1:" + closed + "/price?ids=a,b&key=secret-query";
        HttpFetcher.FetchException e = assertThrows(HttpFetcher.FetchException.class, () -> keyed.get(url));
        assertTrue(e.getMessage().startsWith("http://127.0.0.1:" + closed + "/price: "), e.getMessage());
        assertFalse(e.getMessage().contains("secret") || e.getMessage().contains("pw"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        HttpFetcher.FetchException bad = assertThrows(HttpFetcher.FetchException.class,
                () -> http.get("http://a b/?k=s"));
        assertEquals("http://a b/: not a valid URL", bad.getMessage());
    }

    @Test
    void safeUrlDropsQueryFragmentAndUserInfoOnly() {
        assertEquals("https://api.jup.ag/price/v3", HttpFetcher.safeUrl("https://api.jup.ag/price/v3?ids=So1,Jup"));
        assertEquals("https://host:8443/p", HttpFetcher.safeUrl("https://me:secret@host:8443/p#frag"));
        assertEquals("http://host", HttpFetcher.safeUrl("http://k@host?x=1"));
        assertEquals("http://host/a@b", HttpFetcher.safeUrl("http://host/a@b"), "an @ in the path is not user info");
    }

    private static HttpFetcher.Response answer(Map<String, List<String>> headers) {
        return new HttpFetcher.Response("u", 429, new byte[0], false, HttpHeaders.of(headers, (k, v) -> true));
    }

    private static String httpDate(long epochMillis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC));
    }

    @Test
    void retryAfterReadsDelaySecondsAndHttpDates() {
        long now = Instant.parse("2025-01-20T00:00:00Z").toEpochMilli();
        assertEquals(Duration.ofSeconds(7), answer(Map.of("Retry-After", List.of("7"))).retryAfter(now));
        String date = httpDate(now + 90_000);
        assertEquals(Duration.ofSeconds(90), answer(Map.of("Retry-After", List.of(date))).retryAfter(now));
        String past = httpDate(now - 5_000);
        assertEquals(Duration.ZERO, answer(Map.of("Retry-After", List.of(past))).retryAfter(now));
        assertEquals(Duration.ofDays(1), answer(Map.of("Retry-After", List.of("99999999999"))).retryAfter(now));
        assertNull(answer(Map.of("Retry-After", List.of("soon"))).retryAfter(now));
        assertNull(answer(Map.of()).retryAfter(now));
        assertEquals(3, answer(Map.of("x-ratelimit-reset", List.of(" 3 "))).headerLong("x-ratelimit-reset", -1));
        assertEquals(-1, answer(Map.of("x-ratelimit-reset", List.of("x"))).headerLong("x-ratelimit-reset", -1));
    }
}
