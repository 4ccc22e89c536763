package io.perpspot.tools.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.perpspot.engine.config.CsvTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tools' CSV writer: RFC 4180 quoting only where a field needs it, read back field for field. */
class CsvRowsTest {
    @Test
    void plainFieldsAreCommaJoinedUnquoted() {
        String text = CsvRows.text(csv -> csv.row("time", "equity_usd", "drawdown_usd")
                .row("2025-01-15T12:00:00Z", "-1.5", "").row(List.of("a b", "#1", "0")));
        assertEquals("time,equity_usd,drawdown_usd\n2025-01-15T12:00:00Z,-1.5,\na b,#1,0\n", text);
    }

    @Test
    void aFieldWithACommaAQuoteOrALineBreakIsQuotedAndRoundTrips() {
        List<String> row = List.of("Wrapped SOL, Wormhole", "The \"Best\" Coin", "two\nlines", "plain");
        String text = CsvRows.text(csv -> csv.row("name", "quoted", "multi", "plain").row(row));
        assertEquals("name,quoted,multi,plain\n"
                + "\"Wrapped SOL, Wormhole\",\"The \"\"Best\"\" Coin\",\"two\nlines\",plain\n", text);
        try (CsvTable back = CsvTable.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "w.csv")) {
            assertEquals(List.of("name", "quoted", "multi", "plain"), back.header());
            assertEquals(row, back.next().fields());
            assertNull(back.next());
        }
    }
}
