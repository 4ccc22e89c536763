package io.perpspot.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CsvTable: RFC 4180 fields as pandas and Excel write them, row line numbers, one-line errors naming the column. */
class CsvTableTest {
    private static CsvTable table(String text) {
        return CsvTable.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    @Test
    void readsQuotedCommasQuotesAndLineBreaksAndNumbersRowsByTheirFirstLine() {
        // What pandas' to_csv(index=False) writes for a name with a comma, a quote and a line break.
        try (CsvTable t = table("""
                # a comment, skipped
                name,symbol,decimals

                "Wrapped SOL, Wormhole",SOL,9
                "The ""Best"" Coin",BEST , 6
                "two
                lines",TWO,0
                """)) {
            assertEquals(List.of("name", "symbol", "decimals"), t.header());
            CsvTable.Row r = t.next();
            assertEquals(4, r.line());
            assertEquals("Wrapped SOL, Wormhole", r.get("name"));
            assertEquals(9, r.integer("decimals"));
            r = t.next();
            assertEquals(List.of("The \"Best\" Coin", "BEST", "6"), r.fields(), "doubled quotes, spaces trimmed");
            r = t.next();
            assertEquals(6, r.line(), "a row is numbered by the line it starts on");
            assertEquals("two\nlines", r.get("name"));
            assertNull(t.next());
        }
    }

    @Test
    void aRowOfTheWrongWidthIsRefusedAloneAndTheTableReadsOn() {
        try (CsvTable t = table("a,b\n1,2\n1,2,3\n4,5\n")) {
            assertEquals("1", t.next().get("a"));
            ConfigException e = assertThrows(ConfigException.class, t::next);
            assertEquals("t.csv:3: expected 2 fields, got 3", e.getMessage());
            assertEquals("4", t.next().get("a"));
        }
    }

    @Test
    void malformedQuotingNamesTheLineAndColumnAndEndsTheTable() {
        try (CsvTable t = table("a,b\n1,\"2\"x\n3,4\n")) {
            ConfigException e = assertThrows(ConfigException.class, t::next);
            assertEquals("t.csv:2: column 2 (b): malformed CSV: Unexpected character ('x' (code 120)): Expected column "
                    + "separator character (',' (code 44)) or end-of-line", e.getMessage());
            assertNull(t.next());
        }
        try (CsvTable t = table("a,b\n1,\"open\n3,4\n")) {
            ConfigException e = assertThrows(ConfigException.class, t::next);
            assertEquals("t.csv:2: column 2 (b): malformed CSV: Missing closing quote for value (at line 4)",
                    e.getMessage());
        }
    }

    @Test
    void headerChecksAndValueErrorsNameTheColumn() {
        try (CsvTable t = table("# only a comment\n")) {
            assertEquals(List.of(), t.header());
            ConfigException e = assertThrows(ConfigException.class, () -> t.requireHeader(List.of("a", "b")));
            assertEquals("t.csv:1: expected header 'a,b'", e.getMessage());
        }
        try (CsvTable t = table("\n# x\nb,c\n1,x\n")) {
            ConfigException e = assertThrows(ConfigException.class, () -> t.requireColumns(List.of("a", "b")));
            assertEquals("t.csv:3: the header has no 'a' column (expected a,b)", e.getMessage());
            t.requireColumns(List.of("c", "b"));
            CsvTable.Row r = t.next();
            e = assertThrows(ConfigException.class, () -> r.integer("c"));
            assertEquals("t.csv:4: column c: expected an integer, got 'x'", e.getMessage());
        }
    }
}
