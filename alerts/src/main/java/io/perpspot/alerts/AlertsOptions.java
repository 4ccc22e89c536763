package io.perpspot.alerts;

import io.perpspot.engine.cli.ConfigOptions;
import io.perpspot.engine.config.Config;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code alerts} command shares: {@code --alerts FILE} and the configuration ({@code --set}). */
public final class AlertsOptions {
    @Option(names = "--alerts", paramLabel = "FILE",
            description = "Rules and sinks (default: alerts.file, else config/alerts.yaml).")
    Path alerts;

    @Mixin
    ConfigOptions config;

    /** The alerts setup these options name. */
    AlertsSetup load() {
        return load(config.load());
    }

    /** The configuration these options name ({@code --config}, {@code --set}). */
    Config config() {
        return config.load();
    }

    /** The alerts setup these options name, under {@code c}. */
    AlertsSetup load(Config c) {
        return AlertsSetup.load(c, alerts);
    }
}
