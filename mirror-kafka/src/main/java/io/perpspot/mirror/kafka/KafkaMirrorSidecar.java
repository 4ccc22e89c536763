package io.perpspot.mirror.kafka;

import io.perpspot.engine.app.Sidecar;
import io.perpspot.engine.config.Config;
import java.nio.file.Path;
import java.util.Map;

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
        return start(config, journalDir, System.getenv());
    }

    /** {@code env}: where the {@code ${NAME}} values of {@code mirror.kafka.properties} come from. */
    @Override
    public Sidecar start(Config config, Path journalDir, Map<String, String> env) {
        MirrorSettings settings = MirrorSettings.from(config, env);
        if (!settings.enabled()) {
            return () -> { };
        }
        return KafkaMirror.start(settings, journalDir);
    }
}
