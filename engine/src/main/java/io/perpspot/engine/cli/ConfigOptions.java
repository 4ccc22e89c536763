package io.perpspot.engine.cli;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set key=value}, mixed into every command that needs configuration. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: config/perpspot.yaml of this installation).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one key, e.g. --set strategy.zscore.window=300 (repeatable; lists "
                    + "comma-separated).")
    List<String> sets = new ArrayList<>();

    /** Loads the configuration (throws ConfigException with one line naming the key). */
    public Config load() {
        return ConfigLoader.load(file != null ? file : defaultFile(), sets);
    }

    /**
     * Loads the configuration with {@code extra} {@code --set} lines after the user's (a backtest sweep's
     * combination).
     */
    public Config load(List<String> extra) {
        List<String> all = new ArrayList<>(sets);
        all.addAll(extra);
        return ConfigLoader.load(file != null ? file : defaultFile(), all);
    }

    /** Loads the configuration with {@code first} applied before the user's {@code --set} lines (which win). */
    public Config loadUnder(List<String> first) {
        List<String> all = new ArrayList<>(first);
        all.addAll(sets);
        return ConfigLoader.load(file != null ? file : defaultFile(), all);
    }

    /** The user's {@code --set} lines, in order. */
    public List<String> sets() {
        return List.copyOf(sets);
    }

    /** The directory holding the configuration in use (for files it names, like tokens.csv). */
    public Path configDir() {
        Path f = file != null ? file : defaultFile();
        return f == null ? null : f.toAbsolutePath().getParent();
    }

    /** {@code $PERPSPOT_HOME/config/perpspot.yaml} if it exists, else null (built-in defaults). */
    public static Path defaultFile() {
        String home = System.getProperty("perpspot.home", System.getenv("PERPSPOT_HOME"));
        if (home == null) {
            return null;
        }
        Path p = Path.of(home, "config", "perpspot.yaml");
        return Files.isRegularFile(p) ? p : null;
    }
}
