package io.perpspot.mirror.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.dashboard.Dashboard;
import io.perpspot.dashboard.JournalSource;
import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.mirror.kafka.testing.KafkaProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code perpspot dashboard --kafka} as the command wires it ({@link KafkaDashboardSource}, then
 * {@link Dashboard#startFleet}), on a free port, with a plain HTTP and WebSocket client of its API.
 */
final class KafkaDashboard implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JournalSource.Feed feed;
    private final Dashboard dashboard;

    private KafkaDashboard(JournalSource.Feed feed, Dashboard dashboard) {
        this.feed = feed;
        this.dashboard = dashboard;
    }

    /** Every engine of the topics {@code prefix}.*, pulled into {@code copies}. */
    static KafkaDashboard start(KafkaProcess kafka, String prefix, Path copies) {
        Config c = ConfigLoader.load(null, List.of("dashboard.port=0"));
        MirrorSettings settings = new MirrorSettings(kafka.bootstrap(), prefix, Map.of(), Duration.ZERO);
        JournalSource.Feed feed = KafkaDashboardSource.open(settings, "all", copies);
        Dashboard d = Dashboard.startFleet(DashboardSettings.from(c), feed.dir(), DashboardServices.engine(c));
        feed.start(d);
        return new KafkaDashboard(feed, d);
    }

    /** The {@code count} of {@code /api/tokens}, or -1 while the dashboard does not answer. */
    int tokens() {
        try {
            return get("/api/tokens").path("count").asInt();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The answer of a GET, parsed (status 200 expected). */
    JsonNode get(String path) throws IOException {
        HttpResponse<String> r = send(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The status of a GET. */
    int status(String path) throws IOException {
        return send(path).statusCode();
    }

    private HttpResponse<String> send(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The first message of a {@code /ws} connection: the hello, with every row. */
    JsonNode hello() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(dashboard.url().replace("http:", "ws:")
                + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        try {
            JsonNode m = JSON.readTree(first.get(30, TimeUnit.SECONDS));
            if (!"hello".equals(m.path("t").asText())) {
                throw new AssertionError("the first message is a hello: " + m);
            }
            return m;
        } finally {
            ws.abort();
        }
    }

    @Override
    public void close() {
        feed.close();
        dashboard.close();
    }
}
