package io.perpspot.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.LogKeys;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testing.MainClassPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * logging.format and --log-format on a real {@code perpspot run --feed sim} child process with the
 * shipped logback.xml (the test class path's logback-test.xml is left out of the child's): JSON
 * lines parse and carry their fields, text stays the pattern it was, a bad format is one line and
 * exit code 2.
 */
class LogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void logFormatJsonWritesOneParseableObjectPerLineWithTheContextFields() throws Exception {
        Run run = run("--log-format", "json");
        assertEquals(0, run.exit, run.err);
        List<String> lines = run.err.lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() >= 5, "the run logged its start and its sources: " + run.err);
        int withSource = 0;
        for (String line : lines) {
            JsonNode o = JSON.readTree(line);
            assertTrue(o.isObject(), line);
            Instant.parse(o.path("timestamp").asText()); // ISO-8601, else DateTimeParseException
            assertTrue(Set.of("INFO", "WARN", "ERROR").contains(o.path("level").asText()), line);
            for (String field : List.of("logger", "thread", "message")) {
                assertFalse(o.path(field).asText().isEmpty(), field + " in " + line);
            }
            if (o.has(LogKeys.SOURCE)) {
                withSource++;
                assertTrue(Source.byName(o.get(LogKeys.SOURCE).asText()) >= 0, line);
                assertTrue(o.path("message").asText().contains(o.get(LogKeys.SOURCE).asText()), line);
            }
        }
        assertTrue(withSource >= 3, "source transitions carry their source as a field: " + run.err);
        assertTrue(run.out.contains("perpspot run stopped after"), "the summary on stdout stays text: " + run.out);
        assertFalse(run.out.contains("ch.qos.logback"), "Logback configured itself without a warning: " + run.out);
    }

    @Test
    void loggingFormatKeyChoosesJsonAndTheFlagWinsOverIt() throws Exception {
        Run json = run("--set", "logging.format=json");
        assertEquals(0, json.exit, json.err);
        String first = json.err.lines().findFirst().orElse("");
        assertEquals("INFO", JSON.readTree(first).path("level").asText(), first);

        Run text = run("--set", "logging.format=json", "--log-format", "text");
        assertEquals(0, text.exit, text.err);
        List<String> lines = text.err.lines().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty(), text.err);
        assertFalse(text.out.contains("ch.qos.logback"), "Logback reloaded without a warning: " + text.out);
        for (String line : lines) {
            assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (INFO |WARN |ERROR) \\S+ - .*"),
                    "text line: " + line);
        }
    }

    @Test
    void anUnknownLogFormatIsOneLineAndExitCode2() {
        StringWriter err = new StringWriter();
        CommandLine cl = PerpspotCli.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("run", "--feed", "sim", "--log-format", "xml"));
        String text = err.toString().trim();
        assertEquals("perpspot: --log-format: expected one of text, json, got 'xml'", text);
    }

    private record Run(int exit, String out, String err) {
    }

    /** {@code run --feed sim --duration 2s} plus {@code args} in a child JVM; stdout and stderr apart. */
    private Run run(String... args) throws IOException, InterruptedException {
        Path jvmArgs = Paths.get("..", "config", "jvm.args").toAbsolutePath().normalize();
        Path journal = Files.createTempDirectory(tmp, "journal");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + jvmArgs, "-Xmx256m", "-cp", MainClassPath.withoutTests(), "io.perpspot.engine.cli.PerpspotCli",
                "run", "--feed", "sim", "--duration", "2s", "--journal", journal.toString()));
        cmd.addAll(List.of(args));
        Path out = journal.resolveSibling(journal.getFileName() + ".out");
        Path err = journal.resolveSibling(journal.getFileName() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("run did not end: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
