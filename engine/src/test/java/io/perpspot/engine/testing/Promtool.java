package io.perpspot.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code promtool check} (Debian package {@code prometheus}) on an exposition, a configuration or rules. */
public final class Promtool {
    /** How to install the Prometheus server and promtool. */
    public static final String INSTALL = "sudo apt-get install -y prometheus";
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    /** Fails unless promtool is installed and accepts {@code exposition} (written to a file under {@code dir}). */
    public static void assertAccepts(String exposition, Path dir) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(PROMTOOL), "promtool is not installed; install it with: " + INSTALL);
        Path file = Files.createDirectories(dir).resolve("metrics.txt");
        Files.writeString(file, exposition);
        run(new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectInput(file.toFile()), "metrics");
    }

    /** Fails unless promtool accepts {@code file} as a Prometheus configuration or a rules file ({@code what}). */
    public static void assertValid(String what, Path file) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(PROMTOOL), "promtool is not installed; install it with: " + INSTALL);
        run(new ProcessBuilder(PROMTOOL.toString(), "check", what, file.toString()), what);
    }

    private static void run(ProcessBuilder b, String what) throws IOException, InterruptedException {
        Process check = b.redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, check.exitValue(), "promtool check " + what + ": " + said);
    }
}
