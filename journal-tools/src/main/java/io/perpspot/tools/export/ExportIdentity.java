package io.perpspot.tools.export;

import io.perpspot.engine.journal.Journal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Which journal an export came from, read from the journal's marker file: its creation time (what
 * {@code --since-last} matches an earlier export by), its engine id and its directory. Also the
 * key-value metadata every Parquet file carries.
 */
record ExportIdentity(String journalCreated, String engineId, String journalDir) {
    /** Reads the marker of the journal in {@code dir} (already checked by the reader that opened it). */
    static ExportIdentity of(Path dir) {
        Properties marker = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(Journal.MARKER))) {
            marker.load(in);
        } catch (IOException e) {
            throw new ExportException("journal export: cannot read " + dir.resolve(Journal.MARKER) + ": "
                    + e.getMessage());
        }
        return new ExportIdentity(marker.getProperty("created", ""), engineId(marker),
                dir.toAbsolutePath().normalize().toString());
    }

    /**
     * The engine id the journal's marker names ({@code engine.id}), or null when the journal has
     * none (journals written before engine ids): the {@code engine_id} column is then null.
     */
    static String engineId(Properties marker) {
        String id = marker.getProperty(Journal.ENGINE_ID);
        return id == null || id.isBlank() ? null : id.trim();
    }

    /** The Parquet key-value metadata: schema version and where the rows came from. */
    Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("perpspot.export.schema-version", Integer.toString(TableSchema.VERSION));
        m.put("perpspot.journal.created", journalCreated);
        if (engineId != null) {
            m.put("perpspot.engine-id", engineId);
        }
        return m;
    }
}
