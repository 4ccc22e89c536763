package io.perpspot.tools.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What an export directory holds, in {@value #FILE} at its top: the journal it came from, the
 * layout (format, partitioning, doubles, schema version) and the last input and output indices it
 * has read, where {@code --since-last} goes on. Written last, after every part is in place.
 */
record ExportState(String journalCreated, String format, String partition, boolean doubles, int schemaVersion,
        long inputLast, long outputLast) {
    /** The state file's name inside the export directory. */
    static final String FILE = "_perpspot_export.properties";

    /** The state of the export in {@code out}, or null when it has none. */
    static ExportState read(Path out) {
        Path f = out.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
            return new ExportState(p.getProperty("journal.created", ""), p.getProperty("format", ""),
                    p.getProperty("partition", ""), Boolean.parseBoolean(p.getProperty("doubles")),
                    Integer.parseInt(p.getProperty("schema-version", "0")),
                    Long.parseLong(p.getProperty("input.last", "-1")), Long.parseLong(p.getProperty("output.last",
                            "-1")));
        } catch (IOException | IllegalArgumentException e) {
            throw new ExportException("journal export: " + f + " is unreadable: " + e.getMessage());
        }
    }

    /** Why this export cannot continue into a directory of {@code wanted}'s layout, or null when it can. */
    String mismatch(ExportState wanted) {
        if (!journalCreated.equals(wanted.journalCreated)) {
            return "it is an export of another journal (created " + journalCreated + ", this one "
                    + wanted.journalCreated + ")";
        }
        if (schemaVersion != wanted.schemaVersion) {
            return "its tables are schema version " + schemaVersion + ", this perpspot writes " + wanted.schemaVersion;
        }
        if (!format.equals(wanted.format) || !partition.equals(wanted.partition) || doubles != wanted.doubles) {
            return "it was written with --format " + format + " --partition " + partition + (doubles ? " --doubles"
                    : "") + "; continue it with the same options";
        }
        return null;
    }

    /** Writes the state into {@code out} (through a temporary file, so a reader never sees half of it). */
    void write(Path out, String journalDir) {
        Properties p = new Properties();
        p.setProperty("schema-version", Integer.toString(schemaVersion));
        p.setProperty("format", format);
        p.setProperty("partition", partition);
        p.setProperty("doubles", Boolean.toString(doubles));
        p.setProperty("journal.created", journalCreated);
        p.setProperty("journal.dir", journalDir);
        p.setProperty("input.last", Long.toString(inputLast));
        p.setProperty("output.last", Long.toString(outputLast));
        Path tmp = out.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(out);
            try (OutputStream o = Files.newOutputStream(tmp)) {
                p.store(o, "perpspot journal export: --since-last continues from here; see docs/journal-format.md");
            }
            Files.move(tmp, out.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ExportException("journal export: cannot write " + out.resolve(FILE) + ": " + e.getMessage());
        }
    }
}
