package io.perpspot.engine.tokens;

import io.perpspot.engine.config.CsvTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Jupiter's validated token list as shipped in the jar ({@value #RESOURCE}: {@code Name,Symbol,
 * Mint,Decimals,...}, extra columns ignored), read with {@link CsvTable}: the fallback of
 * discovery when Jupiter's tokens API cannot be reached, and the pool the sim's world draws from.
 */
public final class ValidatedTokens {
    /** Class-path location of the list. */
    public static final String RESOURCE = "/sim/validated-tokens.csv";
    static final List<String> COLUMNS = List.of("Name", "Symbol", "Mint", "Decimals");

    /** One usable row: a symbol, a mint and integer decimals (the list's own spelling of the symbol). */
    public record Entry(String name, String symbol, String mint, int decimals) {
    }

    private ValidatedTokens() {
    }

    /** The shipped list, in file order; empty if the jar does not hold it. */
    public static List<Entry> shipped() {
        try (InputStream in = ValidatedTokens.class.getResourceAsStream(RESOURCE)) {
            return in == null ? List.of() : read(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a list. A row without a symbol or mint, or whose decimals are not an integer, cannot
     * be priced and is left out; malformed CSV (a row of the wrong width, a quote left open) is a
     * ConfigException naming the file, line and column.
     */
    static List<Entry> read(InputStream in, String name) {
        List<Entry> out = new ArrayList<>();
        try (CsvTable csv = CsvTable.open(in, name)) {
            csv.requireColumns(COLUMNS);
            for (CsvTable.Row row = csv.next(); row != null; row = csv.next()) {
                String symbol = row.get("Symbol");
                String mint = row.get("Mint");
                int decimals;
                try {
                    decimals = Integer.parseInt(row.get("Decimals"));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (!symbol.isEmpty() && !mint.isEmpty()) {
                    out.add(new Entry(row.get("Name"), symbol, mint, decimals));
                }
            }
        }
        return out;
    }
}
