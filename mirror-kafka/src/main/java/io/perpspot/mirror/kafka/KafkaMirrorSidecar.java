package io.perpspot.mirror.kafka;

import io.perpspot.engine.app.Sidecar;
import io.perpspot.engine.config.Config;
import java.nio.file.Path;

/**
 * Starts the {@link KafkaMirror} inside {@code perpspot run} when {@code mirror.kafka.bootstrap} is set; found
 * through META-INF/services. Off (a no-op) otherwise.
 */
public final class KafkaMirrorSidecar implements Sidecar.Provider {
    @Override
    public String name() {
        return "kafka-mirror";
    }

    @Override
    public Sidecar start(Config config, Path journalDir) {
        MirrorSettings settings = MirrorSettings.from(config);
        if (!settings.enabled()) {
            return () -> { };
        }
        return KafkaMirror.start(settings, journalDir);
    }
}
