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
                try {
                    out.add(new Token(out.size(), f[0].trim(), f[1].trim(), Integer.parseInt(f[2].trim()),
                            f[3].trim(), Integer.parseInt(f[4].trim())));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("tokens: " + name + ":" + lineNo + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new ConfigException("tokens: cannot read " + name + ": " + e.getMessage());
        }
        return out;
    }
}
