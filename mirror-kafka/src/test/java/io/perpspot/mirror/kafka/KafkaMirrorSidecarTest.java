package io.perpspot.mirror.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.app.Sidecar;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perpspot run} finds the mirror as a sidecar; it is off without a bootstrap and refuses a bad setting. */
class KafkaMirrorSidecarTest {
    @TempDir
    Path dir;

    @Test
    void theEngineFindsTheMirrorAndItIsOffWithoutABootstrap() {
        List<String> names = ServiceLoader.load(Sidecar.Provider.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.contains("kafka-mirror"), names.toString());
        MirrorSettings off = MirrorSettings.from(ConfigLoader.load(null, List.of()));
        assertTrue(!off.enabled(), "mirror.kafka.bootstrap is empty by default");
        assertEquals("perpspot.input", off.inputTopic());
        assertEquals("perpspot.output", off.outputTopic());
        new KafkaMirrorSidecar().start(ConfigLoader.load(null, List.of()), dir.resolve("none")).close();
    }

    @Test
    void clientPropertiesComeFromTheFileButNeverWeakenExactness() throws Exception {
        Path props = Files.writeString(dir.resolve("kafka.properties"), "security.protocol=SSL\nacks=0\n"
                + "linger.ms=5\n");
        MirrorSettings s = MirrorSettings.from(ConfigLoader.load(null, List.of("mirror.kafka.bootstrap=h:9092",
                "mirror.kafka.properties=" + props)));
        assertEquals("SSL", s.producer("e").get("security.protocol"));
        assertEquals("5", s.producer("e").get("linger.ms"), "batching may be tuned");
        assertEquals("all", s.producer("e").get("acks"), "acks=all whatever the file says");
        assertEquals("true", s.producer("e").get("enable.idempotence"));
        ConfigException e = assertThrows(ConfigException.class, () -> MirrorSettings.from(ConfigLoader.load(null,
                List.of("mirror.kafka.properties=" + dir.resolve("missing.properties")))));
        assertTrue(e.getMessage().startsWith("config: mirror.kafka.properties: cannot read"), e.getMessage());
        ConfigException prefix = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                List.of("mirror.kafka.topic-prefix=a b")));
        assertTrue(prefix.getMessage().startsWith("config: mirror.kafka.topic-prefix: "), prefix.getMessage());
    }
}
