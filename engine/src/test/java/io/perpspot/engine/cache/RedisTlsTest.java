package io.perpspot.engine.cache;

import static io.perpspot.engine.cache.CacheTestSupport.settings;
import static io.perpspot.engine.testkit.Await.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.perpspot.engine.testing.Ports;
import io.perpspot.engine.testing.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rediss://} against a real redis-server with a TLS port and a self-signed certificate. */
class RedisTlsTest {
    @TempDir
    Path dir;

    @Test
    void rediss_uriSpeaksTlsWithPasswordAndVerifiesPeersUnlessToldNotTo() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(cert)) {
            fail("openssl could not make a test certificate (install it: sudo apt-get install -y openssl): "
                    + Files.readString(dir.resolve("openssl.log")));
        }
        int tlsPort = Ports.freeLoopbackPort();
        try (RedisProcess redis = RedisProcess.start("--tls-port", Integer.toString(tlsPort), "--tls-cert-file",
                cert.toString(), "--tls-key-file", key.toString(), "--tls-auth-clients", "no",
                "--requirepass", "tls-pa55")) {
            String uri = "rediss://:tls-pa55@127.0.0.1:" + tlsPort;
            try (FailoverCache cache = FailoverCache.start(settings(uri + "?verifyPeer=false",
                    "cache.redis.timeout=1s"), new CacheTestSupport.Recorder())) {
                assertEquals(CacheBackend.REDIS, cache.backend(), cache.describe());
                assertEquals("cache: redis at rediss://***@127.0.0.1:" + tlsPort
                        + "?verifyPeer=false (cache.mode=auto)",
                        cache.describe());
                cache.put(CacheKind.TEMPLATES, "default", "{\"legs\":2}");
                // Written over TLS, read back over the plain port by an independent client.
                assertTrue(within(Duration.ofSeconds(10),
                        () -> "ps1|{\"legs\":2}".equals(redis.command("tls-pa55", "GET",
                                "perpspot:templates:default"))));
                assertEquals(Optional.of("{\"legs\":2}"),
                        cache.get(CacheKind.TEMPLATES, "default").get(5, TimeUnit.SECONDS));
            }
            // Peer verification is on by default: a self-signed certificate is refused, so local.
            try (FailoverCache strict = FailoverCache.start(settings(uri, "cache.redis.timeout=1s"),
                    new CacheTestSupport.Recorder())) {
                assertEquals(CacheBackend.LOCAL, strict.backend());
                assertFalse(strict.describe().contains("tls-pa55"), strict.describe());
            }
        }
    }
}
