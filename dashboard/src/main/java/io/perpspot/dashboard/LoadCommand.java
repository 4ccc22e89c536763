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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code perpspot dashboard-load}: the loopback load check of issue 5 — N WebSocket clients on a
 * running sidecar for a while, reporting what they received and how fast the journal grew
 * meanwhile (compare with a run without clients). A tool, not a timed test.
 *
 * <p>Each client subscribes as a page does ({@code --page overview}: the overview's fields of every
 * token, the slippage at its default size only; {@code token}: one token's row; {@code all}: everything,
 * as before subscriptions). It reports bytes per client per second as received, and as permessage-deflate
 * would put them on the wire: the JDK's WebSocket client offers no compression, so the first
 * {@code --deflate-sample} clients deflate what they receive exactly as the extension does (raw DEFLATE,
 * one sync flush per message, the
 * window kept across messages, the 4-byte tail dropped).
 */
@Command(name = "dashboard-load", mixinStandardHelpOptions = true,
        description = {"Connect N WebSocket clients to a dashboard and report messages received and journal growth.",
            "Example: perpspot dashboard-load --url http://127.0.0.1:8080 --clients 200 --duration 60s --page overview"})
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Dashboard URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--clients", defaultValue = "200", description = "WebSocket clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "60s",
            description = "How long they stay connected (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--page", defaultValue = "overview",
            description = "What each client subscribes to, as that page does: overview, token or all"
                    + " (default: ${DEFAULT-VALUE}).")
    String page;

    @Option(names = "--token", description = "The token of --page token (default: the first the dashboard lists).")
    String tokenPage;

    @Option(names = "--interval", description = "Push interval each client asks for, ms (default: the server's).")
    Long interval;

    @Option(names = "--deflate-sample", defaultValue = "10",
            description = "Clients that measure the deflated size (default: ${DEFAULT-VALUE}).")
    int deflateSample;

    /** The row fields the overview shows (overview.js asks for the same). */
    static final String OVERVIEW_FIELDS = "symbol,coin,spot,perp,perpBid,perpAsk,mark,oracle,basisBps,z,fundingHourly,"
            + "fundingAprPct,slippage,spotTimeMs,perpTimeMs,spotSource,perpSource,opportunities,shard,hlSpot,pairs,"
            + "bestPair,bestNetBps";

    /** permessage-deflate's sizes of one client's messages: one deflater kept across them (context takeover). */
    static final class WireSize {
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final byte[] out = new byte[64 * 1024];
        long bytes;

        synchronized void add(byte[] message) {
            deflater.setInput(message);
            int n;
            do {
                n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
                bytes += n;
            } while (n == out.length);
            bytes -= 4; // the 00 00 ff ff tail the extension drops
        }
    }

    private String query(HttpClient http) throws Exception {
        String q = switch (page) {
            case "overview" -> "fields=" + OVERVIEW_FIELDS + "&sizes=1"; // the page's default size, $1k
            case "token" -> "tokens=" + (tokenPage != null ? tokenPage : firstToken(http)) + "&sizes=none";
            case "all" -> "";
            default -> throw new ConfigException("dashboard-load: --page must be overview, token or all, got '" + page
                    + "'");
        };
        if (interval != null) {
            q += (q.isEmpty() ? "" : "&") + "interval=" + interval;
        }
        return q.isEmpty() ? "" : "?" + q;
    }

    private String firstToken(HttpClient http) throws Exception {
        JsonNode t = get(http, "/api/tokens").path("tokens");
        if (t.isEmpty()) {
            throw new ConfigException("dashboard-load: the dashboard lists no token yet");
        }
        return t.get(0).path("symbol").asText();
    }

    @Override
    public Integer call() throws Exception {
        Duration d = Durations.parse(duration);
        if (d == null || d.isZero() || clients < 1 || clients > 10_000) {
            throw new ConfigException("dashboard-load: --clients must be 1..10000 and --duration positive");
        }
        HttpClient http = HttpClient.newHttpClient();
        String ws = url.replaceFirst("^http", "ws") + "/ws" + query(http);
        AtomicLong messages = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<AtomicLong> perClient = new ArrayList<>();
        List<AtomicLong> perClientBytes = new ArrayList<>();
        List<WireSize> wire = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        AtomicBoolean counting = new AtomicBoolean();
        for (int i = 0; i < clients; i++) {
            AtomicLong mine = new AtomicLong();
            AtomicLong mineBytes = new AtomicLong();
            perClient.add(mine);
            perClientBytes.add(mineBytes);
            WireSize w = i < deflateSample ? new WireSize() : null;
            if (w != null) {
                wire.add(w);
            }
            StringBuilder partial = new StringBuilder();
            WebSocket.Builder wb = http.newWebSocketBuilder();
            if (token != null) {
                wb.header("Authorization", "Bearer " + token);
            }
            sockets.add(wb.buildAsync(URI.create(ws), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                    if (w != null) {
                        partial.append(data);
                    }
                    if (counting.get()) {
                        // JSON here is ASCII: one char, one byte
                        bytes.addAndGet(data.length());
                        mineBytes.addAndGet(data.length());
                    }
                    if (last) {
                        if (counting.get()) {
                            messages.incrementAndGet();
                            mine.incrementAndGet();
                            if (w != null) {
                                w.add(partial.toString().getBytes(StandardCharsets.UTF_8));
                            }
                        }
                        partial.setLength(0);
                    }
                    s.request(1);
                    return CompletableFuture.completedFuture(null);
                }
            }).get(10, TimeUnit.SECONDS));
        }
        // The hellos (every row whole, once per connection) are left out: the figures are the steady push.
        Thread.sleep(2000);
        JsonNode before = health(http);
        counting.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(d.toMillis());
        counting.set(false);
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
        double perSec = bytes.get() / (double) clients / secs;
        long bMin = perClientBytes.stream().mapToLong(AtomicLong::get).min().orElse(0);
        long bMax = perClientBytes.stream().mapToLong(AtomicLong::get).max().orElse(0);
        long wireBytes = wire.stream().mapToLong(x -> x.bytes).sum();
        long wireRaw = 0;
        for (int i = 0; i < wire.size(); i++) {
            wireRaw += perClientBytes.get(i).get();
        }
        double ratio = wireRaw == 0 ? 1 : wireBytes / (double) wireRaw;
        System.out.printf("page %s: bytes per client per second %.1f KB/s as received (min %.1f, max %.1f),"
                + " %.1f KB/s with permessage-deflate (x%.3f, measured on %d clients)%n", page, perSec / 1e3,
                bMin / secs / 1e3, bMax / secs / 1e3, perSec * ratio / 1e3, ratio, wire.size());
        return 0;
    }

    /** The dashboard's bearer token when it enforces one (same variable as the dashboard's). */
    private final String token = System.getenv(DashboardSettings.TOKEN_ENV);

    private JsonNode health(HttpClient http) throws Exception {
        return get(http, "/api/health");
    }

    private JsonNode get(HttpClient http, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new ConfigException("dashboard-load: " + url + path + " answered HTTP " + r.statusCode());
        }
        return Json.MAPPER.readTree(r.body());
    }
}
