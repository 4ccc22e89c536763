package io.perpspot.engine.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.testing.RedisProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 8: a {@code run --feed sim} child process given a Jupiter API key and a
 * password-protected real redis-server (once with the right password in the URI, once with a
 * wrong one from {@code REDIS_PASSWORD}, so failure messages are exercised too). Neither secret
 * may appear in stdout/stderr (the whole log: logback writes to the console) nor anywhere in the
 * journal's files (bytes, so binary records are covered as well).
 */
class SecretsNeverReachLogsOrJournalTest {
    private static final String API_KEY = "jupKEY-7f3a9c1e5b2d4086";
    private static final String PASSWORD = "redisPW-c0ffee4b1d2e";
    private static final String WRONG = "wrongPW-9d8c7b6a5f4e";

    @TempDir
    Path tmp;

    @Test
    void apiKeyAndRedisPasswordAreRedactedEverywhere() throws Exception {
        try (RedisProcess redis = RedisProcess.start("--requirepass", PASSWORD)) {
            String uri = "redis://default:" + PASSWORD + "@127.0.0.1:" + redis.port() + "/0";
            String out1 = run("right", List.of("cache.redis.uri=" + uri), null);
            assertTrue(out1.contains("redis"), "the run used the cache: " + tail(out1));
            String out2 = run("wrong", List.of("cache.redis.uri=redis://127.0.0.1:" + redis.port() + "/0"), WRONG);
            assertTrue(out2.contains("redis"), "the run reported the cache: " + tail(out2));
        }
    }

    /** Runs the engine for a few seconds; returns its output after checking it and its journal for secrets. */
    private String run(String name, List<String> sets, String redisPasswordEnv) throws Exception {
        Path journal = tmp.resolve(name + "-journal");
        Path log = tmp.resolve(name + ".log");
        Path jvmArgs = Paths.get("..", "config", "jvm.args").toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmArgs, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.perpspot.engine.cli.PerpspotCli", "run", "--feed", "sim", "--duration", "6s", "--no-dashboard",
                "--journal", journal.toString(), "--set", "cache.mode=auto"));
        for (String s : sets) {
            cmd.add("--set");
            cmd.add(s);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JUPITER_API_KEY", API_KEY);
        pb.environment().remove("PERPSPOT_REDIS_URI");
        if (redisPasswordEnv != null) {
            pb.environment().put("REDIS_PASSWORD", redisPasswordEnv);
        } else {
            pb.environment().remove("REDIS_PASSWORD");
        }
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the run ends after --duration");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "exit code; output: " + tail(out));
        assertTrue(out.contains("perpspot run stopped"), "summary printed: " + tail(out));
        for (String secret : List.of(API_KEY, PASSWORD, WRONG)) {
            assertFalse(out.contains(secret), name + " run: a secret in the output: " + around(out, secret));
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(journal)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "the journal has files");
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            for (String secret : List.of(API_KEY, PASSWORD, WRONG)) {
                assertFalse(contains(b, secret.getBytes(StandardCharsets.UTF_8)), "secret in journal file " + f);
            }
        }
        return out;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String around(String s, String what) {
        int i = s.indexOf(what);
        return s.substring(Math.max(0, i - 200), Math.min(s.length(), i + 200));
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
