package io.perpspot.engine.app;

import io.perpspot.engine.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code perpspot run} was asked to do.
 *
 * @param config    validated configuration
 * @param sim       true for the built-in sim venues, false for the live internet
 * @param journal   journal directory
 * @param duration  how long to run, or null for until stopped
 * @param dashboard whether to start the dashboard sidecar in-process (if it is on the class path)
 * @param configDir directory of the configuration file in use (for tokens.csv), or null
 */
public record EngineOptions(Config config, boolean sim, Path journal, Duration duration, boolean dashboard,
                            Path configDir) {
}
