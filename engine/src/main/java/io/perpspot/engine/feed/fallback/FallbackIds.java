package io.perpspot.engine.feed.fallback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which CoinGecko id and Kraken pair price a token (by its Solana-side symbol), from the bundled
 * {@code fallback-ids.csv}. Kraken answers with its canonical pair name, which can differ from
 * the request ({@code XBTUSD} → {@code XXBTZUSD}); both map back to the symbol.
 */
public final class FallbackIds {
    private final Map<String, String> coingeckoBySymbol = new LinkedHashMap<>();
    private final Map<String, String> krakenBySymbol = new LinkedHashMap<>();
    private final Map<String, String> symbolByKrakenKey = new LinkedHashMap<>();

    /** The bundled table. */
    public static FallbackIds bundled() {
        try (InputStream in = FallbackIds.class.getResourceAsStream("fallback-ids.csv")) {
            if (in == null) {
                throw new IllegalStateException("fallback-ids.csv missing from the jar");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FallbackIds read(InputStream in) throws IOException {
        FallbackIds ids = new FallbackIds();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        boolean header = true;
        while ((line = r.readLine()) != null) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = line.split(",", -1);
            String symbol = f[0].trim();
            if (f.length > 1 && !f[1].isBlank()) {
                ids.coingeckoBySymbol.put(symbol, f[1].trim());
            }
            if (f.length > 2 && !f[2].isBlank()) {
                String pair = f[2].trim();
                ids.krakenBySymbol.put(symbol, pair);
                ids.symbolByKrakenKey.put(pair, symbol);
                String result = f.length > 3 && !f[3].isBlank() ? f[3].trim() : pair;
                ids.symbolByKrakenKey.put(result, symbol);
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
