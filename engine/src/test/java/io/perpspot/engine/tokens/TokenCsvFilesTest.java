package io.perpspot.engine.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tokens.csv ({@link TokenTable}) and the validated token list ({@link ValidatedTokens}) through
 * CsvTable: a field quoted because it holds a comma, as pandas' {@code to_csv} writes it, is one
 * field; a malformed row is one line naming the file, line and column.
 */
class TokenCsvFilesTest {
    private static final String SOL_MINT = "So11111111111111111111111111111111111111112";

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tokensCsvAcceptsAQuotedFieldWithAComma() {
        List<Token> t = TokenTable.read(text("""
                # pandas: df.to_csv("tokens.csv", index=False)
                symbol,hl_coin,mult_exp,mint,decimals
                "SOL, wrapped",SOL,0,%s,"9"
                """.formatted(SOL_MINT)), "tokens.csv");
        assertEquals(List.of(new Token(0, "SOL, wrapped", "SOL", 0, SOL_MINT, 9)), t);
    }

    @Test
    void tokensCsvRefusesAMalformedRowNamingFileLineAndColumn() {
        String header = "symbol,hl_coin,mult_exp,mint,decimals\n";
        String[][] cases = {
            {"SOL,SOL,0,\"" + SOL_MINT + "\"x,9\n",
                "tokens: tokens.csv:2: column 4 (mint): malformed CSV: Unexpected character"},
            {"SOL,SOL,0," + SOL_MINT + ",9,extra\n", "tokens: tokens.csv:2: expected 5 fields, got 6"},
            {"SOL,SOL,zero," + SOL_MINT + ",9\n",
                "tokens: tokens.csv:2: column mult_exp: expected an integer, got 'zero'"},
            {"SOL,SOL,0,\"" + SOL_MINT + ",9\n",
                "tokens: tokens.csv:2: column 4 (mint): malformed CSV: Missing closing quote"},
        };
        for (String[] c : cases) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> TokenTable.read(text(header + c[0]), "tokens.csv"));
            assertTrue(e.getMessage().startsWith(c[1]), e.getMessage());
            assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> TokenTable.read(text("symbol,coin\n"), "tokens.csv"));
        assertEquals("tokens: tokens.csv:1: expected header 'symbol,hl_coin,mult_exp,mint,decimals'", e.getMessage());
    }

    @Test
    void theValidatedListAcceptsAQuotedNameWithACommaAndRefusesAMalformedRow() {
        String header = "Name,Symbol,Mint,Decimals,LogoURI,Community Validated\n";
        List<ValidatedTokens.Entry> rows = ValidatedTokens.read(text(header
                + "\"Wrapped SOL, Wormhole\",SOL," + SOL_MINT + ",9,https://x/logo.png,false\n"
                + "No Decimals,NODEC," + SOL_MINT + ",,https://x/logo.png,false\n"), "validated-tokens.csv");
        assertEquals(List.of(new ValidatedTokens.Entry("Wrapped SOL, Wormhole", "SOL", SOL_MINT, 9)), rows,
                "a row without decimals cannot be priced and is left out");
        ConfigException e = assertThrows(ConfigException.class, () -> ValidatedTokens.read(text(header
                + "Wrapped SOL, Wormhole,SOL," + SOL_MINT + ",9,https://x/logo.png,false\n"), "validated-tokens.csv"));
        assertEquals("validated-tokens.csv:2: expected 6 fields, got 7", e.getMessage(), "an unquoted comma");
    }

    @Test
    void theShippedValidatedListReadsWhole() {
        List<ValidatedTokens.Entry> shipped = ValidatedTokens.shipped();
        assertEquals(781, shipped.size(), "every row of the shipped list (782 lines with the header) is usable");
        assertEquals(shipped.size(), TokenDiscovery.shippedVerified().size());
    }
}
