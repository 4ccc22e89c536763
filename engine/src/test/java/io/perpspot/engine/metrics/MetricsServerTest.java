package io.perpspot.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.testing.Ports;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The endpoint on real loopback sockets: the Prometheus text format by default, OpenMetrics when the
 * scraper's {@code Accept} asks for it, a counter read at scrape time, and the checks' status codes.
 */
class MetricsServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(int port, String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void textByDefaultOpenMetricsWhenAskedCountersReadAtScrapeTimeAndTheChecksSayWhy() throws Exception {
        AtomicLong events = new AtomicLong(41);
        AtomicBoolean ready = new AtomicBoolean(true);
        PrometheusRegistry registry = new PrometheusRegistry();
        CounterWithCallback.builder().name("perpspot_test_events_total").help("events")
                .callback(cb -> cb.call(events.get())).register(registry);
        int port = Ports.freeLoopbackPort();
        try (MetricsServer server = MetricsServer.serve(new MetricsServer.Endpoint("127.0.0.1", port, "test.port"),
                registry, () -> new Verdict(true, "{\"status\":\"ok\"}"),
                () -> new Verdict(ready.get(), ready.get() ? "{\"status\":\"ready\"}" : "{\"reason\":\"no\"}"), null)) {
            events.incrementAndGet();
            HttpResponse<String> text = get(port, "/metrics", null);
            assertEquals(200, text.statusCode());
            assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), text.headers()
                    .toString());
            assertTrue(text.body().contains("perpspot_test_events_total 42.0"), text.body());
            HttpResponse<String> om = get(port, "/metrics", "application/openmetrics-text; version=1.0.0");
            assertTrue(om.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
                    om.headers().toString());
            assertTrue(om.body().contains("perpspot_test_events_total 42.0"), om.body());
            assertTrue(om.body().endsWith("# EOF\n"), om.body());
            assertEquals(200, get(port, "/healthz", null).statusCode());
            assertEquals(200, get(port, "/readyz", null).statusCode());
            ready.set(false);
            HttpResponse<String> unready = get(port, "/readyz", null);
            assertEquals(503, unready.statusCode());
            assertEquals("{\"reason\":\"no\"}\n", unready.body());
        }
    }
}
