package io.perpspot.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's distribution acceptance: {@code ./perpspot dist} packs the jars this reactor has just
 * built; the archive, unpacked in a temporary directory, runs with a PATH holding only the JDK's
 * bin and coreutils (and bash), none of them {@code mvn}, and a fresh empty HOME (no ~/.m2), from
 * a working directory outside the source tree: {@code run --feed sim --duration 10s},
 * {@code journal stats} and {@code replay --verify} work on the journal it writes, and its log is
 * JSON lines with {@code --log-format json}. It needs every module packaged, so run it alone through
 * the whole reactor: {@code mvn -o verify -Dtest=DistributionTest -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -pl distribution -am} would build the engine only, the one module it depends on).
 */
class DistributionTest {
    private static final Path SOURCE = Paths.get(System.getProperty("perpspot.home", "..")).toAbsolutePath()
            .normalize();
    private static final String VERSION = System.getProperty("perpspot.version", "0.1.0-SNAPSHOT");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Coreutils the launcher or a shell session may use, and bash; never Maven. */
    private static final List<String> TOOLS = List.of("bash", "env", "readlink", "dirname", "basename", "cat", "ls",
            "mkdir", "rm", "cp", "mv", "tr", "head", "tail", "sort", "uniq", "wc", "sleep", "id", "uname", "date");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern NOTICE = Pattern.compile("\\(([^\\s():]+):([^\\s():]+):(\\S+) - ");

    @TempDir
    static Path tmp;
    static Path installed;
    static Map<String, String> bare;

    /** Packs the archive with the launcher of this checkout and unpacks it under {@code tmp/opt}. */
    @BeforeAll
    static void packAndUnpack() throws Exception {
        Path out = tmp.resolve("out");
        Result dist = exec(SOURCE, null, List.of("bash", SOURCE.resolve("perpspot").toString(), "dist", "--prebuilt",
                "--out", out.toString()), 120);
        assertEquals(0, dist.exit, dist.err);
        Path archive = out.resolve("perpspot-" + VERSION + ".tar.gz");
        assertEquals(archive.toString(), dist.out.strip(), "dist names the archive it wrote");
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        Result untar = exec(opt, null, List.of("tar", "-xzf", archive.toString()), 60);
        assertEquals(0, untar.exit, untar.err);
        installed = opt.resolve("perpspot-" + VERSION);
        bare = bareEnvironment();
    }

    @Test
    void distributionIsTheLastModuleSoEveryOtherJarIsBuiltBeforeItsTest() throws IOException {
        List<String> modules = reactorModules();
        assertEquals("distribution", modules.get(modules.size() - 1), "pom.xml's <modules>: " + modules);
    }

    @Test
    void theArchiveHoldsTheLauncherEveryJarConfigDocsDeployFilesAndTheirNotices() throws IOException {
        assertTrue(Files.isExecutable(installed.resolve("perpspot")), "the launcher");
        for (String f : List.of("config/perpspot.yaml", "config/jvm.args", "config/templates.yaml", "README.md",
                "docs/architecture.md", "deploy/systemd/perpspot.service", "deploy/systemd/perpspot.env",
                "deploy/container/Dockerfile", "THIRD-PARTY-NOTICES.txt")) {
            assertTrue(Files.isRegularFile(installed.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(installed.resolve("deploy/perpspot-await-ready")), "the readiness check");
        assertFalse(Files.exists(installed.resolve("config/checkstyle.xml")), "the build's rules are not shipped");
        assertFalse(Files.exists(installed.resolve("pom.xml")), "no source tree");

        List<String> jars = Files.readAllLines(installed.resolve("lib/classpath"));
        for (String jar : jars) {
            assertTrue(Files.isRegularFile(installed.resolve("lib").resolve(jar)), "lib/" + jar);
        }
        for (String module : reactorModules()) {
            if (!module.equals("distribution")) {
                assertTrue(jars.contains("perpspot-" + module + "-" + VERSION + ".jar"), module + " in " + jars);
            }
        }
        Set<String> noticed = new HashSet<>();
        Matcher m = NOTICE.matcher(Files.readString(installed.resolve("THIRD-PARTY-NOTICES.txt")));
        while (m.find()) {
            noticed.add(m.group(2) + "-" + m.group(3));
        }
        for (String jar : jars) {
            if (!jar.startsWith("perpspot-")) {
                String name = jar.substring(0, jar.length() - ".jar".length());
                assertTrue(noticed.stream().anyMatch(av -> name.equals(av) || name.startsWith(av + "-")),
                        jar + " has its licenses in THIRD-PARTY-NOTICES.txt");
            }
        }
    }

    @Test
    void unpackedItRunsJournalsReadsAndReplaysWithJavaAloneNoMavenAndAFreshHome() throws Exception {
        for (String dir : bare.get("PATH").split(":")) {
            assertFalse(Files.exists(Paths.get(dir, "mvn")), "no mvn on the PATH: " + dir);
        }
        Path work = Files.createDirectories(tmp.resolve("work"));
        String launcher = installed.resolve("perpspot").toString();

        Result run = exec(work, bare, List.of(launcher, "run", "--feed", "sim", "--duration", "10s", "--journal",
                "data/journal", "--set", "dashboard.port=0", "--set", "metrics.port=0", "--log-format", "json"),
                120);
        assertEquals(0, run.exit, run.out + run.err);
        assertTrue(run.out.contains("perpspot run stopped after"), run.out);
        Matcher journaled = Pattern.compile("events journaled\\s+(\\d+)").matcher(run.out);
        assertTrue(journaled.find(), run.out);
        long events = Long.parseLong(journaled.group(1));
        assertTrue(events > 1000, "a 10 s sim run journals thousands of events: " + run.out);
        List<JsonNode> log = jsonLines(run.err);
        String config = installed.resolve("config").resolve("perpspot.yaml").toString();
        assertTrue(log.stream().anyMatch(l -> l.path("message").asText().contains("configuration from " + config)),
                "the configuration of the installation, not of the source tree: " + run.err);
        assertTrue(log.stream().anyMatch(l -> l.path("message").asText().startsWith("dashboard on http://127.0.0.1:")),
                "the dashboard's pages and assets come from the shipped jar: " + run.err);

        Result stats = exec(work, bare, List.of(launcher, "journal", "stats", "data/journal", "--format", "json"), 60);
        assertEquals(0, stats.exit, stats.err);
        JsonNode s = JSON.readTree(stats.out);
        assertEquals(events, s.path("input").path("records").asLong(), "stats count what the run journaled");
        assertTrue(s.path("output").path("records").asLong() > 0, stats.out);

        Result replay = exec(work, bare, List.of(launcher, "replay", "data/journal", "--verify"), 120);
        assertEquals(0, replay.exit, replay.out + replay.err);
        assertTrue(replay.out.contains("replay --verify: OK") && replay.out.contains("identical byte for byte"),
                replay.out);

        assertFalse(Files.exists(Paths.get(bare.get("HOME"), ".m2")), "nothing came from or went to ~/.m2");
    }

    @Test
    void theInstalledLauncherRefusesTheSourceTreeCommands() throws Exception {
        Result dist = exec(tmp, bare, List.of(installed.resolve("perpspot").toString(), "dist"), 30);
        assertEquals(2, dist.exit, dist.err);
        assertEquals("perpspot: 'dist' needs the source tree (this is an installed distribution: " + installed + ")",
                dist.err.strip());
    }

    /**
     * The shipped readiness check (systemd's ExecStartPost, the container's HEALTHCHECK) against a
     * real loopback server: it waits through 503s until a 200, and gives up with the last answer
     * after its timeout.
     */
    @Test
    void theReadinessCheckWaitsForA200AndGivesUpAfterItsTimeout() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger readyAfter = new AtomicInteger(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/readyz", ex -> {
            boolean ready = calls.incrementAndGet() > readyAfter.get();
            byte[] body = (ready ? "{\"ready\":true}" : "{\"ready\":false,\"why\":\"perp side stale\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ready ? 200 : 503, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/readyz";
            String check = installed.resolve("deploy/perpspot-await-ready").toString();
            Result ready = exec(tmp, bare, List.of(check, "--url", url, "--timeout", "30"), 60);
            assertEquals(0, ready.exit, ready.err);
            assertEquals(3, calls.get(), "two 503s, then the 200");

            readyAfter.set(Integer.MAX_VALUE);
            Result never = exec(tmp, bare, List.of(check, "--url", url, "--timeout", "2"), 60);
            assertEquals(1, never.exit, never.err);
            assertTrue(never.err.contains("not ready after 2s: HTTP/1.1 503") && never.err.contains("perp side stale"),
                    never.err);
        } finally {
            server.stop(0);
        }
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs {@code cmd} in {@code dir} with exactly {@code env} (null: this JVM's environment). */
    private static Result exec(Path dir, Map<String, String> env, List<String> cmd, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not end within " + timeoutSeconds + " s: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * PATH = a directory of links to {@link #TOOLS} and the JDK's bin; HOME = a new empty directory;
     * nothing else (no MAVEN_*, no JAVA_TOOL_OPTIONS, no PERPSPOT_HOME).
     */
    private static Map<String, String> bareEnvironment() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : TOOLS) {
            Path target = Paths.get("/usr/bin", tool);
            if (!Files.isExecutable(target)) {
                target = Paths.get("/bin", tool);
            }
            assertTrue(Files.isExecutable(target), "coreutils' " + tool);
            Files.createSymbolicLink(bin.resolve(tool), target);
        }
        Path jdk = Paths.get(System.getProperty("java.home"), "bin");
        Path home = Files.createDirectories(tmp.resolve("home"));
        return Map.of("PATH", bin + ":" + jdk, "HOME", home.toString());
    }

    /** Every non-blank line is a JSON object with the encoder's fields. */
    private static List<JsonNode> jsonLines(String log) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode o = JSON.readTree(line);
            assertTrue(o.isObject(), line);
            Instant.parse(o.path("timestamp").asText());
            for (String field : List.of("level", "logger", "thread", "message")) {
                assertFalse(o.path(field).asText().isEmpty(), field + " in " + line);
            }
            lines.add(o);
        }
        assertFalse(lines.isEmpty(), "the run logged");
        return lines;
    }

    private static List<String> reactorModules() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(SOURCE.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }
}
