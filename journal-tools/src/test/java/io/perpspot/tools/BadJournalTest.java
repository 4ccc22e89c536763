package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.JournalFormatException;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testkit.SyntheticJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BadJournalTest {
    /** Every command that opens a journal, with DIR as a placeholder. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("journal", "stats", "DIR"),
            List.of("journal", "stats", "DIR", "--format", "json"),
            List.of("journal", "dump", "DIR"),
            List.of("journal", "export", "DIR", "--out", "OUT"),
            List.of("replay", "DIR"),
            List.of("replay", "DIR", "--verify"));

    private static void assertEveryCommandFailsWithOneLine(Path dir, String expected) {
        for (List<String> c : COMMANDS) {
            Object[] args = c.stream().map(a -> a.equals("DIR") ? dir.toString()
                    : a.equals("OUT") ? dir.resolveSibling("export-out").toString() : a).toArray();
            InProcessCli.Run run = InProcessCli.run(args);
            assertEquals(2, run.code(), () -> c + "\n" + run);
            assertEquals(1, run.errLines().size(), () -> c + ": one line on stderr\n" + run);
            assertTrue(run.err().startsWith("perpspot: "), () -> c + "\n" + run);
            assertTrue(run.err().contains(expected), () -> c + ": expected '" + expected + "'\n" + run);
            assertFalse(run.err().contains("Exception"), () -> c + ": no stack trace\n" + run);
            assertFalse(Files.exists(dir.resolveSibling("export-out")), () -> c + ": nothing written");
        }
    }

    /** Index of the {@code n}-th input record (0-based). */
    private static long inputIndex(Path dir, int n) {
        long[] found = {-1};
        int[] i = {0};
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachInput(e -> {
                if (i[0]++ == n) {
                    found[0] = e.journalIndex;
                    return false;
                }
                return true;
            });
        }
        return found[0];
    }

    @Test
    void aMissingDirectoryExitsTwoWithOneLine(@TempDir Path tmp) {
        assertEveryCommandFailsWithOneLine(tmp.resolve("nowhere"), "no such journal directory");
    }

    @Test
    void aDirectoryThatIsNotAJournalExitsTwoWithOneLine(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "not a journal");
        assertEveryCommandFailsWithOneLine(tmp, "is not a perpspot journal");
    }

    @Test
    void aJournalOfAnUnknownFormatVersionExitsTwoWithOneLine(@TempDir Path tmp) throws Exception {
        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        Path marker = journal.dir().resolve(Journal.MARKER);
        Files.writeString(marker, Files.readString(marker).replace("version=1", "version=7"));
        assertEveryCommandFailsWithOneLine(journal.dir(), "journal format version 7");
    }

    @Test
    void anInputRecordOfAnUnknownVersionExitsTwoWithOneLineNamingItsIndex(@TempDir Path tmp) {
        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        long index = inputIndex(journal.dir(), 40);
        InPlacePatch.putByte(InPlacePatch.locateInput(journal.dir(), index), 1, InputCodec.VERSION, 99);
        assertEveryCommandFailsWithOneLine(journal.dir(), "input record " + index + ": format version 99");
    }

    @Test
    void anInputRecordOfAnUnknownTypeExitsTwoWithOneLineNamingItsIndex(@TempDir Path tmp) {
        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        long index = inputIndex(journal.dir(), 40);
        InPlacePatch.Location at = InPlacePatch.locateInput(journal.dir(), index);
        int type = InPlacePatch.putByte(at, 0, readType(journal.dir(), index), 77);
        assertTrue(type > 0);
        assertEveryCommandFailsWithOneLine(journal.dir(), "input record " + index + ": unknown record type 77");
    }

    private static int readType(Path dir, long index) {
        int[] type = {-1};
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEachInput(e -> {
                if (e.journalIndex == index) {
                    type[0] = e.type;
                    return false;
                }
                return true;
            });
        }
        return type[0];
    }

    @Test
    void anOutputRecordOfAnUnknownVersionMakesVerifyExitTwo(@TempDir Path tmp) {
        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        long[] index = {-1};
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            reader.forEachOutput((r, i) -> {
                index[0] = i;
                return false;
            });
        }
        InPlacePatch.putByte(InPlacePatch.locateOutput(journal.dir(), index[0]), 1, OutputCodec.VERSION, 42);
        InProcessCli.Run run = InProcessCli.run("replay", journal.dir(), "--verify");
        assertEquals(2, run.code(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("output record " + index[0] + ": format version 42"), run::toString);
    }

    @Test
    void theReaderThrowsAFormatErrorNamingTheIndex(@TempDir Path tmp) {
        SyntheticJournal journal = SyntheticJournal.write(tmp.resolve("journal"));
        long index = inputIndex(journal.dir(), 3);
        InPlacePatch.putByte(InPlacePatch.locateInput(journal.dir(), index), 1, InputCodec.VERSION, 200);
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            JournalFormatException e = assertThrows(JournalFormatException.class,
                    () -> reader.forEachInput(ev -> true));
            assertTrue(e.getMessage().contains("input record " + index), e.getMessage());
        }
    }

    /** --format is one mixin (JournalFormatArgs); each command keeps its own label, default and description. */
    @ParameterizedTest
    @CsvSource(delimiterString = " :: ", value = {
        "stats :: Usage: perpspot journal stats [-hV] [--format=text|json] [--near-z=Z] DIR"
            + " :: --format=text|json   text: aligned, for people (default); json: one JSON",
        "dump :: Usage: perpspot journal dump [-hV] [--format=json|text] [--limit=N]"
            + " :: --format=json|text     json: one JSON object per line (default); text: a",
    })
    void eachJournalCommandKeepsItsOwnFormatHelp(String command, String synopsis, String format) {
        InProcessCli.Run run = InProcessCli.run("journal", command, "--help");
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().startsWith(synopsis + "\n"), run::toString);
        assertTrue(run.out().contains(format + "\n"), run::toString);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] c : new String[][] {{"journal", "--help"}, {"journal", "stats", "--help"},
                {"journal", "dump", "--help"}, {"journal", "export", "--help"},
            {"replay", "--help"}}) {
            InProcessCli.Run run = InProcessCli.run((Object[]) c);
            assertEquals(0, run.code(), run::toString);
            assertTrue(run.out().startsWith("Usage: perpspot "), run::toString);
        }
    }
}
