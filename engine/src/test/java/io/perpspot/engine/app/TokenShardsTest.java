package io.perpspot.engine.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Shard;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.tokens.Token;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;

/** {@code tokens.shard} splits the discovered universe (here the shipped static table) into disjoint parts. */
class TokenShardsTest {
    private static TokenLifecycle discover(String shard) {
        HttpFetcher http = new HttpFetcher(Duration.ofSeconds(1));
        return TokenLifecycle.discover(ConfigLoader.load(null, List.of("tokens.discovery=false",
                "tokens.shard=" + shard)), null, http, http, new SystemEpochNanoClock());
    }

    private static Set<String> coins(TokenLifecycle t) {
        Set<String> coins = new HashSet<>();
        for (Token token : t.registry().all()) {
            coins.add(token.hlCoin());
        }
        return coins;
    }

    @Test
    void shardsOneAndTwoOfTwoAreDisjointAndCoverTheUniverse() {
        Set<String> all = coins(discover("all"));
        TokenLifecycle first = discover("1/2");
        Set<String> one = coins(first);
        Set<String> two = coins(discover("2/2"));
        assertTrue(all.size() >= 20, "the shipped table: " + all);
        assertTrue(!one.isEmpty() && !two.isEmpty(), one + " / " + two);
        Set<String> both = new HashSet<>(one);
        both.retainAll(two);
        assertEquals(Set.of(), both, "no pair in two shards");
        Set<String> union = new HashSet<>(one);
        union.addAll(two);
        assertEquals(all, union, "every pair in one shard");
        for (String coin : one) {
            assertEquals(1, Shard.of(coin, 2), coin);
        }
        assertTrue(first.how().contains("shard 1/2: " + one.size() + " of " + all.size() + " pairs"), first.how());
        // Ids stay dense within a shard: they index the engine's per-token arrays.
        for (int id = 0; id < first.registry().size(); id++) {
            assertEquals(id, first.registry().get(id).id());
        }
    }
}
