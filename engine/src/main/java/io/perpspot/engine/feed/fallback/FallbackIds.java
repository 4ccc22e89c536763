package io.perpspot.engine.feed.fallback;

import io.perpspot.engine.config.CsvTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which CoinGecko id and Kraken pair price a token (by its Solana-side symbol), from the bundled
 * {@code fallback-ids.csv}. Kraken answers with its canonical pair name, which can differ from
 * the request ({@code XBTUSD} → {@code XXBTZUSD}); both map back to the symbol.
 */
public final class FallbackIds {
    static final List<String> COLUMNS = List.of("symbol", "coingecko", "kraken", "kraken_result");
    private final Map<String, String> coingeckoBySymbol = new LinkedHashMap<>();
    private final Map<String, String> krakenBySymbol = new LinkedHashMap<>();
    private final Map<String, String> symbolByKrakenKey = new LinkedHashMap<>();

    /** The bundled table. */
    public static FallbackIds bundled() {
        try (InputStream in = FallbackIds.class.getResourceAsStream("fallback-ids.csv")) {
            if (in == null) {
                throw new IllegalStateException("fallback-ids.csv missing from the jar");
            }
            return read(in, "fallback-ids.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a table with the header {@link #COLUMNS}; bad input is a ConfigException naming {@code name},
     * line and column.
     */
    static FallbackIds read(InputStream in, String name) {
        FallbackIds ids = new FallbackIds();
        try (CsvTable csv = CsvTable.open(in, name)) {
            csv.requireHeader(COLUMNS);
            for (CsvTable.Row row = csv.next(); row != null; row = csv.next()) {
                String symbol = row.get("symbol");
                if (!row.get("coingecko").isEmpty()) {
                    ids.coingeckoBySymbol.put(symbol, row.get("coingecko"));
                }
                String pair = row.get("kraken");
                if (!pair.isEmpty()) {
                    ids.krakenBySymbol.put(symbol, pair);
                    ids.symbolByKrakenKey.put(pair, symbol);
                    String result = row.get("kraken_result");
                    ids.symbolByKrakenKey.put(result.isEmpty() ? pair : result, symbol);
                }
            }
        }
        return ids;
    }

    /** Symbol → CoinGecko id. */
    public Map<String, String> coingecko() {
        return Collections.unmodifiableMap(coingeckoBySymbol);
    }

    /** Symbol → Kraken pair to request. */
    public Map<String, String> kraken() {
        return Collections.unmodifiableMap(krakenBySymbol);
    }

    /**
     * The symbol of a Kraken result key: a known request or result name, else the legacy
     * {@code X<base>Z<quote>} form reduced to {@code <base><quote>} ({@code XXBTZUSD} → {@code XBTUSD}).
     */
    public String symbolOfKrakenKey(String key) {
        String s = symbolByKrakenKey.get(key);
        if (s != null) {
            return s;
        }
        String k = key.toUpperCase(Locale.ROOT);
        if (k.length() == 8 && k.charAt(0) == 'X' && k.charAt(4) == 'Z') {
            return symbolByKrakenKey.get(k.substring(1, 4) + k.substring(5));
        }
        return null;
    }
}
