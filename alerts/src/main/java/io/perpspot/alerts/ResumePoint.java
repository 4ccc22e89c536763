package io.perpspot.alerts;

import io.perpspot.engine.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the alerts stopped in a journal: the last input and output index handled and when each rule|key last
 * fired. Saved atomically (a temporary file moved over the old one), so a crash leaves the old or the new point.
 *
 * @param input the last input index handled, or -1
 * @param output the last output index handled, or -1
 * @param fired event time each rule|key last fired
 */
record ResumePoint(long input, long output, Map<String, Long> fired) {

    /** The default state file: next to the journal directory, {@code DIR.alerts-state}. */
    static Path defaultFile(Path journal) {
        Path abs = journal.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".alerts-state");
    }

    /** The saved point, or null when {@code file} does not exist. */
    static ResumePoint load(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            Map<String, Long> fired = new TreeMap<>();
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("fired.")) {
                    fired.put(k.substring("fired.".length()), Long.parseLong(p.getProperty(k)));
                }
            }
            return new ResumePoint(Long.parseLong(p.getProperty("input", "-1")),
                    Long.parseLong(p.getProperty("output", "-1")), fired);
        } catch (IOException | NumberFormatException e) {
            throw new ConfigException("alerts: cannot read the state file " + file + ": " + e.getMessage());
        }
    }

    /** Writes the point to {@code file} atomically. */
    void save(Path file) {
        Properties p = new Properties();
        p.setProperty("input", Long.toString(input));
        p.setProperty("output", Long.toString(output));
        fired.forEach((k, v) -> p.setProperty("fired." + k, Long.toString(v)));
        try {
            StringWriter w = new StringWriter();
            p.store(w, "perpspot alerts: resume point (last handled journal indexes)");
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("alerts: cannot write the state file " + file, e);
        }
    }
}
