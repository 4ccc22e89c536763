package io.perpspot.engine.app;

import io.perpspot.engine.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code perpspot run} was asked to do. Start from {@link #of} and change what differs:
 * {@code EngineOptions.of(config, dir).feed("sim").duration(Duration.ofSeconds(6))}.
 *
 * @param config    validated configuration
 * @param feed      {@link #LIVE} for the live internet, or the name of a venue set
 *                  ({@code feed.Venues.Provider}, e.g. "sim")
 * @param journal   journal directory
 * @param duration  how long to run, or null for until stopped
 * @param dashboard whether to start the sidecars (the dashboard, alerts) in-process, if on the class path
 * @param configDir directory of the configuration file in use (for tokens.csv, tokens.yaml), or null
 * @param metrics   whether to serve /metrics, /healthz and /readyz ({@code metrics.*}; the command
 *                  line turns it on, tests that want it say so)
 * @param without   names of sidecars not to start although {@code dashboard} is on ({@code --no-dashboard})
 */
public record EngineOptions(Config config, String feed, Path journal, Duration duration, boolean dashboard,
                            Path configDir, boolean metrics, Set<String> without) {
    /** The live venues over the internet. */
    public static final String LIVE = "live";

    /** Live feeds into {@code journal}, until stopped, no sidecars, no configuration directory, no metrics. */
    public static EngineOptions of(Config config, Path journal) {
        return new EngineOptions(config, LIVE, journal, null, false, null, false, Set.of());
    }

    /** The same on the feed of that name. */
    public EngineOptions feed(String name) {
        return new EngineOptions(config, name, journal, duration, dashboard, configDir, metrics, without);
    }

    /** The same for at most {@code d} (null: until stopped). */
    public EngineOptions duration(Duration d) {
        return new EngineOptions(config, feed, journal, d, dashboard, configDir, metrics, without);
    }

    /** The same with or without the in-process sidecars. */
    public EngineOptions dashboard(boolean on) {
        return new EngineOptions(config, feed, journal, duration, on, configDir, metrics, without);
    }

    /** The same reading token files from {@code dir}. */
    public EngineOptions configDir(Path dir) {
        return new EngineOptions(config, feed, journal, duration, dashboard, dir, metrics, without);
    }

    /** The same with or without the metrics and health endpoint. */
    public EngineOptions metrics(boolean on) {
        return new EngineOptions(config, feed, journal, duration, dashboard, configDir, on, without);
    }

    /** The same without the sidecar named {@code sidecar} ({@code Sidecar.Provider.name()}); the others still start. */
    public EngineOptions without(String sidecar) {
        Set<String> off = new TreeSet<>(without);
        off.add(sidecar);
        return new EngineOptions(config, feed, journal, duration, dashboard, configDir, metrics, Set.copyOf(off));
    }

    /** Whether the sidecar named {@code sidecar} starts: the sidecars are on and it is not turned off by name. */
    public boolean starts(String sidecar) {
        return dashboard && !without.contains(sidecar);
    }
}
