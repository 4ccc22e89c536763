package io.perpspot.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Hyperliquid info endpoint on a loopback socket that answers its first {@code limited}
 * requests with 429 (with {@code Retry-After} when given), then serves one candle at
 * {@link #CANDLE_OPEN_MS} for every {@code candleSnapshot} and no funding rows. It records the
 * arrival time of every request.
 */
final class RateLimitedInfoServer implements AutoCloseable {
    /** Open time of the one candle (2025-01-18T00:00:00Z). */
    static final long CANDLE_OPEN_MS = 1_737_158_400_000L;
    private static final String CANDLE = "[{\"t\":" + CANDLE_OPEN_MS + ",\"T\":" + (CANDLE_OPEN_MS + 59_999)
            + ",\"s\":\"SOL\",\"i\":\"1m\",\"o\":\"100.0\",\"c\":\"101.5\",\"h\":\"102.0\",\"l\":\"99.5\","
            + "\"v\":\"10\",\"n\":3}]";

    private final HttpServer server;
    private final int limited;
    private final String retryAfter;
    private final List<Long> arrivals = new ArrayList<>();

    private RateLimitedInfoServer(int limited, String retryAfter) throws IOException {
        this.limited = limited;
        this.retryAfter = retryAfter;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/info", this::answer);
        server.start();
    }

    /** The first {@code limited} answers are 429, with {@code Retry-After: retryAfter} unless it is null. */
    static RateLimitedInfoServer start(int limited, String retryAfter) throws IOException {
        return new RateLimitedInfoServer(limited, retryAfter);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/info";
    }

    /** Arrival times ({@link System#nanoTime()}) of the requests so far. */
    synchronized List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    private void answer(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int n;
        synchronized (this) {
            arrivals.add(System.nanoTime());
            n = arrivals.size();
        }
        if (n <= limited) {
            if (retryAfter != null) {
                x.getResponseHeaders().add("Retry-After", retryAfter);
            }
            send(x, 429, "{\"error\":\"rate limited\"}");
        } else {
            send(x, 200, body.contains("candleSnapshot") ? CANDLE : "[]");
        }
    }

    private static void send(HttpExchange x, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
