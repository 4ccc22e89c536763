package io.perpspot.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.core.MarketEvent;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal belongs to one engine: its marker keeps the engine id from the first open for writing on. */
class JournalEngineIdTest {
    @TempDir
    Path dir;

    private static String markerId(Path journal) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(journal.resolve(Journal.MARKER))) {
            p.load(in);
        }
        return p.getProperty(Journal.ENGINE_ID);
    }

    private static Journal open(Path journal, String engineId) {
        return Journal.openForWrite(journal, "daily", Journal.DEFAULT_BLOCK_SIZE, 0, engineId);
    }

    @Test
    void aNewJournalGetsARandomIdThatEveryLaterOpenKeeps() throws Exception {
        Path a = dir.resolve("a");
        String id;
        try (Journal j = open(a, "")) {
            id = j.engineId();
        }
        assertEquals(id, markerId(a));
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
        try (Journal j = open(a, "")) {
            assertEquals(id, j.engineId());
        }
        try (Journal j = Journal.openForRead(a)) {
            assertEquals(id, j.engineId());
        }
        try (Journal j = open(dir.resolve("b"), "")) {
            assertNotEquals(id, j.engineId(), "two journals, two engines");
        }
    }

    @Test
    void aConfiguredIdNamesANewJournalAndMustMatchItLater() throws Exception {
        Path a = dir.resolve("a");
        open(a, "host-a").close();
        assertEquals("host-a", markerId(a));
        open(a, "host-a").close();
        try (Journal j = open(a, "")) {
            assertEquals("host-a", j.engineId());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> open(a, "host-b"));
        assertTrue(e.getMessage().startsWith("config: engine.id: 'host-b'"), e.getMessage());
        assertTrue(e.getMessage().contains("belongs to engine 'host-a'"), e.getMessage());
        assertEquals("host-a", markerId(a), "a refused open leaves the marker alone");
    }

    @Test
    void aJournalWrittenBeforeEngineIdsGetsOneOnTheFirstOpenForWritingAndKeepsItsRecords() throws Exception {
        Path old = dir.resolve("old");
        try (Journal j = open(old, "")) {
            JournalHandler h = new JournalHandler(j.input());
            h.onEvent(EngineEvents.engineStart(new MarketEvent(), "strategy.zscore.window=120\n", 1L));
            h.close();
        }
        // What a journal of an earlier version has: the same marker without the engine id.
        Path marker = old.resolve(Journal.MARKER);
        Files.writeString(marker, Files.readAllLines(marker).stream().filter(l -> !l.startsWith(Journal.ENGINE_ID))
                .collect(Collectors.joining("\n", "", "\n")));
        assertNull(markerId(old));
        try (Journal j = Journal.openForRead(old)) {
            assertNull(j.engineId(), "reading does not write the marker");
        }
        String id;
        try (Journal j = open(old, "")) {
            id = j.engineId();
        }
        assertEquals(id, markerId(old));
        try (Journal j = open(old, "")) {
            assertEquals(id, j.engineId());
        }
        try (JournalReader r = JournalReader.open(old)) {
            assertEquals(1, r.forEachInput(e -> true), "the records are untouched");
        }
        assertTrue(Files.readString(marker).contains("format=perpspot-journal"), "the rest of the marker is kept");
    }

    @Test
    void headerLinesAreCommentsThatReadBack() {
        String text = "# perpspot 1 feed=sim\n" + EngineEvents.headerLine(EngineEvents.ENGINE_ID_KEY, "host-a")
                + EngineEvents.headerLine(EngineEvents.SHARD_KEY, "2/3") + "strategy.zscore.window=120\n";
        assertEquals("host-a", EngineEvents.headerValue(text, EngineEvents.ENGINE_ID_KEY));
        assertEquals("2/3", EngineEvents.headerValue(text, EngineEvents.SHARD_KEY));
        assertNull(EngineEvents.headerValue("# perpspot 1 feed=sim\n", EngineEvents.ENGINE_ID_KEY));
        assertTrue(text.lines().filter(l -> !l.startsWith("#")).allMatch(l -> l.startsWith("strategy.")),
                "the strategy sees only its own keys");
    }
}
