package io.perpspot.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shard hash is pinned (every host and version must agree), and bad shard settings name the key. */
class ShardTest {
    @Test
    void fnv1aMatchesThePublishedTestVectors() {
        // The FNV reference vectors (Fowler/Noll/Vo): the offset basis for "", 0xe40c292c "a", 0xbf9cf968 "foobar".
        assertEquals(0x811c9dc5, Shard.fnv1a(new byte[0]));
        assertEquals(0xe40c292c, Shard.fnv1a("a".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0xbf9cf968, Shard.fnv1a("foobar".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void knownCoinsFallInPinnedShards() {
        // coin, shard of 2, shard of 3, shard of 7: computed once with an independent FNV-1a and kept here, so a
        // change of the hash (or of its byte order, sign or modulo) fails this test.
        List<Object[]> table = List.of(
                new Object[] {"BTC", 1, 3, 7},
                new Object[] {"ETH", 1, 2, 1},
                new Object[] {"SOL", 2, 1, 4},
                new Object[] {"kBONK", 1, 3, 1},
                new Object[] {"HYPE", 2, 1, 1},
                new Object[] {"WIF", 2, 3, 5},
                new Object[] {"JUP", 1, 3, 7},
                new Object[] {"kPEPE", 1, 3, 3},
                new Object[] {"FARTCOIN", 2, 1, 2},
                new Object[] {"TRUMP", 2, 1, 1});
        for (Object[] row : table) {
            String coin = (String) row[0];
            assertEquals(row[1], Shard.of(coin, 2), coin + " of 2");
            assertEquals(row[2], Shard.of(coin, 3), coin + " of 3");
            assertEquals(row[3], Shard.of(coin, 7), coin + " of 7");
            assertEquals(1, Shard.of(coin, 1), coin + " of 1");
        }
    }

    @Test
    void eachCoinIsKeptByExactlyOneShardOfN() {
        for (String coin : List.of("BTC", "ETH", "SOL", "kBONK", "HYPE", "WIF")) {
            int keepers = 0;
            for (int k = 1; k <= 5; k++) {
                keepers += new Shard(k, 5).keeps(coin) ? 1 : 0;
            }
            assertEquals(1, keepers, coin);
            assertTrue(Shard.ALL.keeps(coin), coin);
        }
    }

    @Test
    void parsesAllAndKOfNAndRefusesTheRest() {
        assertEquals(Shard.ALL, Shard.parse("all"));
        assertEquals(new Shard(2, 3), Shard.parse(" 2/3 "));
        assertEquals("2/3", new Shard(2, 3).toString());
        assertEquals("all", Shard.parse("1/1").toString());
        for (String bad : List.of("0/2", "3/2", "1/0", "-1/2", "2", "/2", "a/b", "1/2/3", "", "none")) {
            assertNull(Shard.parse(bad), bad);
        }
    }

    @Test
    void aShardOutsideOneToNStopsWithTheKeyNamed() {
        for (String bad : List.of("3/2", "0/4", "1/0", "x")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(null, List.of("tokens.shard=" + bad)));
            assertTrue(e.getMessage().startsWith("config: tokens.shard: "), e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertEquals(new Shard(2, 2), ConfigLoader.load(null, List.of("tokens.shard=2/2")).get(Settings.TOKENS_SHARD));
        assertEquals(Shard.ALL, ConfigLoader.load(null, List.of()).get(Settings.TOKENS_SHARD));
    }

    @Test
    void anEngineIdThatIsNoIdStopsWithTheKeyNamed() {
        for (String bad : List.of("-x", "a b", "a/b", "x".repeat(65))) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(null, List.of("engine.id=" + bad)));
            assertTrue(e.getMessage().startsWith("config: engine.id: "), e.getMessage());
        }
        assertEquals("", ConfigLoader.load(null, List.of()).get(Settings.ENGINE_ID));
        assertEquals("host-a.1", ConfigLoader.load(null, List.of("engine.id=host-a.1")).get(Settings.ENGINE_ID));
    }
}
