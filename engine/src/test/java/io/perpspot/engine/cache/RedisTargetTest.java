package io.perpspot.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisURI;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisTargetTest {
    @Test
    void plainUriHasDefaultsAndNoCredentials() {
        RedisTarget t = RedisTarget.parse("redis://127.0.0.1", null);
        assertEquals("127.0.0.1", t.host());
        assertEquals(6379, t.port());
        assertFalse(t.tls());
        assertFalse(t.hasPassword());
        assertEquals("redis://127.0.0.1:6379", t.redacted());
    }

    @Test
    void passwordInUriIsUsedButNeverShown() {
        RedisTarget t = RedisTarget.parse("rediss://alice:Sup3r%2Fsecret@cache.example:6380/2?verifyPeer=false", null);
        assertTrue(t.tls());
        assertTrue(t.hasPassword());
        assertEquals("rediss://***@cache.example:6380/2?verifyPeer=false", t.redacted());
        assertEquals(t.redacted(), t.toString());
        assertEquals("WRONGPASS for *** and ***:x", t.scrub("WRONGPASS for Sup3r/secret and alice:x"));
        RedisURI l = t.toLettuce(Duration.ofSeconds(1));
        assertTrue(l.isSsl());
        assertEquals(2, l.getDatabase());
        assertFalse(l.toString().contains("Sup3r"), l.toString());
    }

    @Test
    void environmentPasswordFillsAUriWithoutOne() {
        RedisTarget t = RedisTarget.parse("redis://127.0.0.1:7000", "fromEnv");
        assertTrue(t.hasPassword());
        assertEquals("redis://***@127.0.0.1:7000", t.redacted());
        assertFalse(RedisTarget.parse("redis://127.0.0.1:7000", "  ").hasPassword());
    }

    @Test
    void badUrisAreRefusedWithoutEchoingThePassword() {
        for (String bad : List.of("http://u:hunter2@h:1", "redis://:hunter2@h:1/notadb", "redis://:hunter2@h:1?x=1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RedisTarget.parse(bad, null));
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertTrue(e.getMessage().contains("***"), e.getMessage());
        }
    }

    @Test
    void configErrorForTheUriIsRedacted() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, List.of("cache.redis.uri=http://user:hunter2@host:6379")));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("cache.redis.uri"), e.getMessage());
    }

    @Test
    void environmentUriReplacesTheConfiguredOneAndABadOneMeansLocal() {
        var config = ConfigLoader.load(null, List.of());
        CacheSettings s = CacheSettings.from(config, Map.of(CacheSettings.ENV_URI, "redis://:pw@10.1.2.3:7777"));
        assertEquals("redis://***@10.1.2.3:7777", s.target().redacted());
        CacheSettings bad = CacheSettings.from(config, Map.of(CacheSettings.ENV_URI, "nonsense://:pw@x"));
        assertEquals(null, bad.target());
        assertFalse(bad.targetProblem().contains("pw@"), bad.targetProblem());
        assertEquals("redis://127.0.0.1:6379", CacheSettings.from(config, Map.of()).target().redacted());
        assertEquals("auto", CacheSettings.from(config, Map.of()).mode());
    }
}
