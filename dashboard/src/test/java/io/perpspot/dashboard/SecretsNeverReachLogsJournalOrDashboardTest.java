package io.perpspot.dashboard;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.dashboard.core.Json;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.core.LogKeys;
import io.perpspot.engine.feed.sim.SimJupiterServer;
import io.perpspot.engine.feed.sim.SimVenues;
import io.perpspot.engine.testing.MainClassPath;
import io.perpspot.engine.testing.RedisProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9 item 8, with secrets that are really used: a {@code run --feed live} child process
 * (the live path, which sends {@code JUPITER_API_KEY}; {@code --feed sim} drops it) pointed by
 * {@code --set} at {@link SimVenues} started here on loopback, with its dashboard on a free port
 * behind a bearer token, and a password-protected real redis-server (once with the right password
 * in the URI, once with a wrong one from {@code REDIS_PASSWORD}, so failure messages are exercised
 * too). The sim Jupiter must have received the key as {@code x-api-key} on every price and quote
 * request; no secret may appear in the child's whole output (stdout, and logback's stderr), in
 * any journal file (bytes, so binary records are covered), or in any answer of the dashboard
 * (every read route of {@code ApiRoutes}, headers included, and the first WebSocket messages).
 * Both log formats (issue 19): {@code --log-format text} and {@code --log-format json}; in JSON every
 * log line must parse and carry its fields, and a Jupiter answer without prices makes the engine log
 * lines about tokens, whose {@code token} field is checked too.
 */
class SecretsNeverReachLogsJournalOrDashboardTest {
    private static final String API_KEY = "jupKEY-7f3a9c1e5b2d4086";
    private static final String PASSWORD = "redisPW-c0ffee4b1d2e";
    private static final String WRONG = "wrongPW-9d8c7b6a5f4e";
    private static final String DASHBOARD_TOKEN = "dashTOKEN-5e6f7a8b9c0d1e2f";
    private static final List<String> SECRETS = List.of(API_KEY, PASSWORD, WRONG, DASHBOARD_TOKEN);
    private static final Pattern DASHBOARD_URL = Pattern.compile("dashboard on (http://127\\.0\\.0\\.1:\\d+)/");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "--log-format {0}")
    @ValueSource(strings = {"text", "json"})
    void theApiKeyReachesJupiterAndNoSecretReachesLogsJournalOrDashboard(String format) throws Exception {
        try (RedisProcess redis = RedisProcess.start("--requirepass", PASSWORD)) {
            String uri = "redis://default:" + PASSWORD + "@127.0.0.1:" + redis.port() + "/0";
            String out1 = run(format + "-right", "cache.redis.uri=" + uri, null, format);
            assertTrue(out1.contains("redis"), "the run used the cache: " + tail(out1));
            String out2 = run(format + "-wrong", "cache.redis.uri=redis://127.0.0.1:" + redis.port() + "/0", WRONG,
                    format);
            assertTrue(out2.contains("redis"), "the run reported the cache: " + tail(out2));
        }
    }

    /**
     * Runs the live engine against fresh sim venues until its dashboard has a priced token and
     * Jupiter has been quoted, reads the dashboard, stops the engine with SIGTERM, and checks
     * what Jupiter received, the output (stdout and the log on stderr), the journal and the dashboard's
     * answers; returns the output.
     */
    private String run(String name, String redisUri, String redisPasswordEnv, String format) throws Exception {
        Path journal = tmp.resolve(name + "-journal");
        Path log = tmp.resolve(name + ".log");
        Path stdout = tmp.resolve(name + ".out");
        Config defaults = ConfigLoader.load(home().resolve("config").resolve("perpspot.yaml"), List.of());
        try (SimVenues venues = SimVenues.start(defaults)) {
            SimJupiterServer jupiter = venues.jupiter();
            List<String> sets = pointedAt(venues, defaults);
            assertTrue(sets.contains(Settings.JUP_PRICE.name() + "=" + venues.priceUrl()), "the live engine prices at"
                    + " the sim: " + sets);
            sets.addAll(List.of("cache.mode=auto", redisUri, "dashboard.port=0", "dashboard.require-token=true"));
            Process p = start(journal, log, stdout, sets, redisPasswordEnv, format);
            List<String> answers;
            try {
                String base = awaitDashboard(log, p);
                String symbol = awaitPricedToken(base, jupiter, log);
                answers = dashboardAnswers(base, symbol);
                answers.addAll(firstPushes(base));
                if (format.equals("json")) {
                    jupiter.serveRecorded("/price/v3", 200, "{}"); // a batch without prices: lines about tokens
                    awaitLogged("a log line about a token", log,
                            () -> read(log).contains("\"" + LogKeys.TOKEN + "\":"));
                }
                assertTrue(p.isAlive(), "the engine kept running while its dashboard was read: " + tail(read(log)));
                p.destroy(); // SIGTERM: the stop an operator uses
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the engine stops after SIGTERM");
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
            String out = read(stdout) + read(log);
            assertTrue(p.exitValue() == 0 || p.exitValue() == 143, "exit code " + p.exitValue() + ": " + tail(out));
            assertTrue(read(stdout).contains("perpspot run stopped"), "summary printed: " + tail(out));
            if (format.equals("json")) {
                assertJsonLines(read(log));
            }

            for (String path : List.of("/price/v3", "/swap/v1/quote", "/tokens/v2/tag")) {
                long requests = jupiter.requests(path);
                assertTrue(requests > 0, name + " run: Jupiter " + path + " was called");
                assertEquals(Map.of(API_KEY, requests), jupiter.apiKeys(path),
                        name + " run: every " + path + " request carried JUPITER_API_KEY as x-api-key");
            }
            for (String secret : SECRETS) {
                assertFalse(out.contains(secret), name + " run: a secret in the output: " + around(out, secret));
                for (String answer : answers) {
                    assertFalse(answer.contains(secret), name + " run: a secret in a dashboard answer: "
                            + around(answer, secret));
                }
            }
            assertNoSecretInFiles(name, journal);
            return out;
        }
    }

    /**
     * The {@code key=value} pairs that point a live engine at these venues: every {@code feeds.*}
     * key {@link SimVenues#configure} changes (what {@code --feed sim} runs on), and the Jupiter
     * rate with a key, which is the one the engine paces at when it has a key.
     */
    private static List<String> pointedAt(SimVenues venues, Config defaults) {
        Config sim = venues.configure(defaults);
        Set<String> unchanged = Set.copyOf(defaults.section("feeds.").lines().toList());
        List<String> sets = new ArrayList<>();
        for (String line : sim.section("feeds.").lines().toList()) {
            if (!unchanged.contains(line)) {
                sets.add(line);
            }
        }
        sets.add(Settings.JUP_RATE_WITH_KEY.name() + "=" + sim.text(Settings.JUP_RATE));
        return sets;
    }

    /**
     * Every line of a JSON-format log is one object with the encoder's fields; the source transitions
     * carry {@code source}, the missing prices {@code token}.
     */
    private static void assertJsonLines(String log) throws IOException {
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        int sources = 0;
        int tokens = 0;
        for (String line : lines) {
            JsonNode o = Json.MAPPER.readTree(line);
            assertTrue(o.isObject(), "a JSON object: " + line);
            Instant.parse(o.path("timestamp").asText());
            for (String field : List.of("level", "logger", "thread", "message")) {
                assertFalse(o.path(field).asText().isEmpty(), field + " in " + line);
            }
            sources += o.path(LogKeys.SOURCE).isTextual() ? 1 : 0;
            tokens += o.path(LogKeys.TOKEN).isTextual() ? 1 : 0;
        }
        assertTrue(sources > 0 && tokens > 0, "lines with source (" + sources + ") and token (" + tokens + "): "
                + tail(log));
    }

    private Process start(Path journal, Path log, Path stdout, List<String> sets, String redisPasswordEnv,
            String format) throws IOException {
        Path jvmArgs = home().resolve("config").resolve("jvm.args");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmArgs, "-Xmx256m", "-Dperpspot.home=" + home(), "-cp", MainClassPath.withoutTests(),
                "io.perpspot.engine.cli.PerpspotCli", "run", "--feed", "live", "--journal", journal.toString(),
                "--log-format", format));
        for (String s : sets) {
            cmd.add("--set");
            cmd.add(s);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(stdout.toFile());
        Map<String, String> env = pb.environment();
        env.put("JUPITER_API_KEY", API_KEY);
        env.put(DashboardSettings.TOKEN_ENV, DASHBOARD_TOKEN);
        env.remove("PERPSPOT_REDIS_URI");
        if (redisPasswordEnv != null) {
            env.put("REDIS_PASSWORD", redisPasswordEnv);
        } else {
            env.remove("REDIS_PASSWORD");
        }
        return pb.start();
    }

    /**
     * This checkout as the installation ({@code perpspot.home}, set by surefire): the engine reads
     * its configuration and templates there, and the sim venues start from the same configuration.
     */
    private static Path home() {
        return Paths.get(System.getProperty("perpspot.home", "..")).toAbsolutePath().normalize();
    }

    /** The dashboard's base URL, from the engine's log line once it listens. */
    private static String awaitDashboard(Path log, Process p) {
        String[] base = new String[1];
        awaitLogged("the dashboard's address in the log", log, () -> {
            Matcher m = DASHBOARD_URL.matcher(read(log));
            if (m.find()) {
                base[0] = m.group(1);
            }
            return base[0] != null || !p.isAlive();
        });
        assertNotNull(base[0], "the engine exited before its dashboard listened: " + tail(read(log)));
        return base[0];
    }

    /** A token with a spot and a perp price on the dashboard, once Jupiter has also been quoted. */
    private static String awaitPricedToken(String base, SimJupiterServer jupiter, Path log) {
        String[] symbol = new String[1];
        awaitLogged("a priced token on the dashboard and a Jupiter quote", log, () -> {
            if (jupiter.requests("/swap/v1/quote") == 0) {
                return false;
            }
            try {
                for (JsonNode row : Json.MAPPER.readTree(get(base + "/api/tokens").body()).path("tokens")) {
                    if (row.path("spot").isTextual() && row.path("perp").isTextual()) { // exact decimals, as strings
                        symbol[0] = row.path("symbol").asText();
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        return symbol[0];
    }

    /**
     * Every read route of {@code ApiRoutes} (with a known token where it takes one, and an unknown
     * route for the error body), as status line, headers and body; each must answer as expected.
     */
    private static List<String> dashboardAnswers(String base, String symbol) throws IOException {
        String s = URLEncoder.encode(symbol, StandardCharsets.UTF_8);
        Map<String, Integer> routes = new LinkedHashMap<>();
        for (String path : List.of("/api/meta", "/api/tokens", "/api/tokens/" + s, "/api/tokens/" + s + "/history",
                "/api/tokens/" + s + "/slippage", "/api/opportunities", "/api/opportunities?token=" + s,
                "/api/funding", "/api/funding?token=" + s, "/api/health", "/api/latency", "/api/templates")) {
            routes.put(path, 200);
        }
        routes.put("/api/no-such-route", 404);
        List<String> answers = new ArrayList<>();
        for (Map.Entry<String, Integer> route : routes.entrySet()) {
            HttpResponse<String> r = get(base + route.getKey());
            assertEquals(route.getValue(), r.statusCode(), route.getKey() + ": " + r.body());
            answers.add(route.getKey() + " " + r.statusCode() + " " + r.headers().map() + "\n" + r.body());
        }
        return answers;
    }

    /** The WebSocket's hello (every row) and the first batch after it. */
    private static List<String> firstPushes(String base) throws Exception {
        PushThrottlingTest.Client client = new PushThrottlingTest.Client(true);
        WebSocket ws = client.connect(base, "", DASHBOARD_TOKEN);
        try {
            await("the hello and a batch on the WebSocket", 30, () -> client.messages.size() >= 2);
        } finally {
            ws.abort();
        }
        assertEquals("hello", client.messages.get(0).path("t").asText(), client.messages.get(0).toString());
        return client.messages.stream().map(JsonNode::toString).toList();
    }

    /** Waits up to 90 s for the condition; a timeout fails with the engine's log as it is then. */
    private static void awaitLogged(String what, Path log, BooleanSupplier condition) {
        try {
            await(what, 90, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the engine's log:\n" + tail(read(log)), e);
        }
    }

    private static void assertNoSecretInFiles(String name, Path journal) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(journal)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "the journal has files");
        for (Path f : files) {
            assertNull(secretIn(f), name + " run: a secret in journal file " + f);
        }
    }

    /**
     * The first secret found in a file's bytes, or null. Read 1 MiB at a time (journal cycle files
     * are large and mostly zeros), each chunk overlapping the previous one by a secret's length
     * less one, so a secret across a boundary is found too.
     */
    private static String secretIn(Path f) throws IOException {
        int overlap = SECRETS.stream().mapToInt(String::length).max().orElse(1) - 1;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(f)) {
            int kept = 0;
            for (int n; (n = in.readNBytes(buf, kept, buf.length - kept)) > 0; ) {
                String chunk = new String(buf, 0, kept + n, StandardCharsets.ISO_8859_1); // one char per byte
                for (String secret : SECRETS) {
                    if (chunk.contains(secret)) {
                        return secret;
                    }
                }
                kept = Math.min(overlap, kept + n);
                System.arraycopy(buf, chunk.length() - kept, buf, 0, kept);
            }
        }
        return null;
    }

    private static HttpResponse<String> get(String url) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + DASHBOARD_TOKEN).build();
        try {
            return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String around(String s, String what) {
        int i = s.indexOf(what);
        return s.substring(Math.max(0, i - 200), Math.min(s.length(), i + 200));
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
