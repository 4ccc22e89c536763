package io.perpspot.engine.feed.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Shared test plumbing: quick sim configs, a loopback HTTP client, JSON and price-rule checks. */
final class SimTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private SimTestSupport() {
    }

    /** The defaults with quick cadences and a small universe, so pushes come within a test's patience. */
    static Config quickConfig(String... overrides) {
        List<String> sets = new ArrayList<>(List.of("sim.tokens=40", "sim.tick-interval=20ms",
                "sim.bbo-interval=50ms", "sim.book-interval=200ms", "sim.ctx-interval=100ms",
                "sim.mids-interval=200ms"));
        sets.addAll(List.of(overrides));
        return ConfigLoader.load(null, sets);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    static HttpResponse<String> post(String url, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    static HttpResponse<String> postJson(String url, String body) {
        return post(url, "application/json", body);
    }

    static HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    static HttpResponse<String> send(HttpRequest req) {
        try {
            return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    /**
     * Hyperliquid's perp price rule on the wire text: at most 5 significant figures (whole numbers
     * always allowed) and at most {@code 6 - szDecimals} decimals.
     */
    static boolean validPerpPrice(String px, int szDecimals) {
        BigDecimal v = new BigDecimal(px);
        if (v.signum() <= 0) {
            return false;
        }
        BigDecimal stripped = v.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return true;
        }
        return stripped.scale() <= 6 - szDecimals && stripped.precision() <= 5;
    }

    static String subscribe(String subscription) {
        return "{\"method\":\"subscribe\",\"subscription\":" + subscription + "}";
    }

    static String unsubscribe(String subscription) {
        return "{\"method\":\"unsubscribe\",\"subscription\":" + subscription + "}";
    }
}
