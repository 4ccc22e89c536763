package io.perpspot.engine.tokens;

import io.perpspot.engine.config.CsvTable;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the static pair table ({@code config/tokens.csv}): {@code symbol,hl_coin,mult_exp,mint,decimals},
 * {@code #} comments, one header line, RFC 4180 quoting ({@link CsvTable}).
 */
public final class TokenTable {
    /** The header, exactly. */
    public static final List<String> COLUMNS = List.of("symbol", "hl_coin", "mult_exp", "mint", "decimals");

    private TokenTable() {
    }

    /** Parses the table; a bad row stops with a ConfigException naming the file, line and column. */
    public static List<Token> read(InputStream in, String name) {
        List<Token> out = new ArrayList<>();
        // A coin or mint listed twice would only fail later, building the registry, without a line
        // number (found by TokenFilesFuzzTest): refuse it here like any other bad row.
        Map<String, Integer> coinLine = new HashMap<>();
        Map<String, Integer> mintLine = new HashMap<>();
        try (CsvTable csv = CsvTable.open(in, "tokens: " + name)) {
            csv.requireHeader(COLUMNS);
            for (CsvTable.Row row = csv.next(); row != null; row = csv.next()) {
                Token t;
                try {
                    t = new Token(out.size(), row.get("symbol"), row.get("hl_coin"), row.integer("mult_exp"),
                            row.get("mint"), row.integer("decimals"));
                } catch (IllegalArgumentException e) {
                    throw row.error(e.getMessage());
                }
                Integer prev = coinLine.putIfAbsent(t.hlCoin(), row.line());
                if (prev != null) {
                    throw row.error("Hyperliquid coin " + t.hlCoin() + " already listed on line " + prev);
                }
                prev = mintLine.putIfAbsent(t.mint(), row.line());
                if (prev != null) {
                    throw row.error("mint " + t.mint() + " already listed on line " + prev);
                }
                out.add(t);
            }
        }
        return out;
    }
}
