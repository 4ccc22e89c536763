package io.perpspot.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenOverrides;
import io.perpspot.engine.tokens.TokenRegistry;
import io.perpspot.engine.tokens.TokenTable;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the token files: {@code tokens.csv} ({@link TokenTable}) and
 * {@code tokens.yaml} ({@link TokenOverrides}); the first byte picks which ('c' csv, anything
 * else yaml). Seeded from the shipped files. Only {@link ConfigException} may come out; what is
 * accepted must be usable: a registry can be built from it (overrides applied to the shipped
 * pairs), and every token's coin and mint resolve back to it.
 */
class TokenFilesFuzzTest {
    private static final List<Token> SHIPPED = Fixtures.shippedTokens();

    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void readsOrRefusesEveryTokenFile(byte[] data) {
        if (data.length == 0) {
            return;
        }
        ByteArrayInputStream in = new ByteArrayInputStream(data, 1, data.length - 1);
        List<Token> tokens;
        try {
            if (data[0] == 'c') {
                tokens = TokenTable.read(in, "tokens.csv");
            } else {
                TokenOverrides o = TokenOverrides.read(in, "tokens.yaml");
                Set<String> listed = new HashSet<>();
                for (Token t : SHIPPED) {
                    listed.add(t.hlCoin());
                }
                listed.addAll(o.pairs().keySet());
                tokens = o.apply(SHIPPED, listed);
            }
        } catch (ConfigException e) {
            ConfigFilesFuzz.requireMessage(e);
            return;
        }
        // What the reader accepted must make a registry (the engine builds one from it right away).
        TokenRegistry r = new TokenRegistry(tokens);
        for (Token t : r.all()) {
            if (r.idByCoin(t.hlCoin()) < 0 || r.get(r.idByCoin(t.hlCoin())).hlCoin().equals(t.hlCoin()) == false) {
                throw new AssertionError("coin " + t.hlCoin() + " does not resolve back");
            }
        }
    }
}
