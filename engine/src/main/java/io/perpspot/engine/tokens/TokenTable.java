package io.perpspot.engine.tokens;

import io.perpspot.engine.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the static pair table ({@code config/tokens.csv}): {@code symbol,hl_coin,mult_exp,mint,decimals},
 * {@code #} comments, one header line.
 */
public final class TokenTable {
    private TokenTable() {
    }

    /** Parses the table; a bad row stops with a message naming the file and line. */
    public static List<Token> read(InputStream in, String name) {
        List<Token> out = new ArrayList<>();
        // A coin or mint listed twice would only fail later, building the registry, without a line
        // number (found by TokenFilesFuzzTest): refuse it here like any other bad row.
        java.util.Map<String, Integer> coinLine = new java.util.HashMap<>();
        java.util.Map<String, Integer> mintLine = new java.util.HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String s = line.trim();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    if (!s.equals("symbol,hl_coin,mult_exp,mint,decimals")) {
                        throw new ConfigException("tokens: " + name + ":" + lineNo
                                + ": expected header 'symbol,hl_coin,mult_exp,mint,decimals'");
                    }
                    continue;
                }
                String[] f = s.split(",", -1);
                if (f.length != 5) {
                    throw new ConfigException("tokens: " + name + ":" + lineNo + ": expected 5 columns, got " + f.length);
                }
                Token t;
                try {
                    t = new Token(out.size(), f[0].trim(), f[1].trim(), Integer.parseInt(f[2].trim()),
                            f[3].trim(), Integer.parseInt(f[4].trim()));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("tokens: " + name + ":" + lineNo + ": " + e.getMessage());
                }
                Integer prev = coinLine.putIfAbsent(t.hlCoin(), lineNo);
                if (prev != null) {
                    throw new ConfigException("tokens: " + name + ":" + lineNo + ": Hyperliquid coin " + t.hlCoin()
                            + " already listed on line " + prev);
                }
                prev = mintLine.putIfAbsent(t.mint(), lineNo);
                if (prev != null) {
                    throw new ConfigException("tokens: " + name + ":" + lineNo + ": mint " + t.mint()
                            + " already listed on line " + prev);
                }
                out.add(t);
            }
        } catch (IOException e) {
            throw new ConfigException("tokens: cannot read " + name + ": " + e.getMessage());
        }
        return out;
    }
}
