package io.perpspot.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.core.Json;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.Durations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code perpspot dashboard-load}: the loopback load check of issue 5 — N WebSocket clients on a
 * running sidecar for a while, reporting what they received and how fast the journal grew
 * meanwhile (compare with a run without clients). A tool, not a timed test.
 */
@Command(name = "dashboard-load", mixinStandardHelpOptions = true,
        description = {"Connect N WebSocket clients to a dashboard and report messages received and journal growth.",
            "Example: perpspot dashboard-load --url http://127.0.0.1:8080 --clients 200 --duration 60s"})
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Dashboard URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--clients", defaultValue = "200", description = "WebSocket clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "60s",
            description = "How long they stay connected (default: ${DEFAULT-VALUE}).")
    String duration;

    @Override
    public Integer call() throws Exception {
        Duration d = Durations.parse(duration);
        if (d == null || d.isZero() || clients < 1 || clients > 10_000) {
            throw new ConfigException("dashboard-load: --clients must be 1..10000 and --duration positive");
        }
        HttpClient http = HttpClient.newHttpClient();
        JsonNode before = health(http);
        AtomicLong messages = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<AtomicLong> perClient = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        String ws = url.replaceFirst("^http", "ws") + "/ws";
        for (int i = 0; i < clients; i++) {
            AtomicLong mine = new AtomicLong();
            perClient.add(mine);
            WebSocket.Builder wb = http.newWebSocketBuilder();
            if (token != null) {
                wb.header("Authorization", "Bearer " + token);
            }
            sockets.add(wb.buildAsync(URI.create(ws), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    bytes.addAndGet(data.length());
                    if (last) {
                        messages.incrementAndGet();
                        mine.incrementAndGet();
                    }
                    w.request(1);
                    return CompletableFuture.completedFuture(null);
                }
            }).get(10, TimeUnit.SECONDS));
        }
        long t0 = System.nanoTime();
        Thread.sleep(d.toMillis());
        double secs = (System.nanoTime() - t0) / 1e9;
        JsonNode after = health(http);
        for (WebSocket s : sockets) {
            s.abort();
        }
        long min = perClient.stream().mapToLong(AtomicLong::get).min().orElse(0);
        long max = perClient.stream().mapToLong(AtomicLong::get).max().orElse(0);
        long in0 = before.path("journal").path("inputRecords").asLong();
        long in1 = after.path("journal").path("inputRecords").asLong();
        System.out.printf("clients %d for %.1f s: %d messages (%.0f/s, %.1f MB), per client min %d max %d%n",
                clients, secs, messages.get(), messages.get() / secs, bytes.get() / 1e6, min, max);
        System.out.printf("journal input records +%d (%.0f/s) while connected; push %s%n", in1 - in0,
                (in1 - in0) / secs, after.path("push"));
        return 0;
    }

    /** The dashboard's bearer token when it enforces one (same variable as the dashboard's). */
    private final String token = System.getenv(DashboardSettings.TOKEN_ENV);

    private JsonNode health(HttpClient http) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/api/health"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new ConfigException("dashboard-load: " + url + "/api/health answered HTTP " + r.statusCode());
        }
        return Json.MAPPER.readTree(r.body());
    }
}
