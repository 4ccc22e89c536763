package io.perpspot.engine.feed.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.perpspot.engine.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** fallback-ids.csv through CsvTable: quoted fields as pandas writes them, malformed rows refused in one line. */
class FallbackIdsTest {
    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsQuotedFieldsIncludingOneWithAComma() {
        FallbackIds ids = FallbackIds.read(text("""
                # comment
                symbol,coingecko,kraken,kraken_result
                "BTC",bitcoin,XBTUSD,"XXBTZUSD"
                "SOL,W",solana,,
                """), "ids.csv");
        assertEquals(Map.of("BTC", "bitcoin", "SOL,W", "solana"), ids.coingecko());
        assertEquals(Map.of("BTC", "XBTUSD"), ids.kraken());
        assertEquals("BTC", ids.symbolOfKrakenKey("XXBTZUSD"));
        assertEquals("BTC", ids.symbolOfKrakenKey("XBTUSD"));
    }

    @Test
    void refusesAMalformedRowOrHeaderNamingFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> FallbackIds.read(text("symbol,coingecko,kraken,kraken_result\nSOL,solana,SOLUSD\n"), "ids.csv"));
        assertEquals("ids.csv:2: expected 4 fields, got 3", e.getMessage());
        e = assertThrows(ConfigException.class, () -> FallbackIds.read(text("symbol,gecko\n"), "ids.csv"));
        assertEquals("ids.csv:1: expected header 'symbol,coingecko,kraken,kraken_result'", e.getMessage());
    }

    @Test
    void theBundledTableReads() {
        FallbackIds ids = FallbackIds.bundled();
        assertEquals("solana", ids.coingecko().get("SOL"));
        assertEquals("BTC", ids.symbolOfKrakenKey("XXBTZUSD"));
    }
}
