package io.perpspot.engine.cli;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}, {@code --set key=value} and {@code --log-format text|json}, mixed into every command that
 * needs configuration. Loading the configuration also chooses the log format ({@link LogFormat}): the flag, else
 * {@code logging.format}; so a command's log lines all have the format it was asked for.
 */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: config/perpspot.yaml of this installation).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one key, e.g. --set strategy.zscore.window=300 (repeatable; lists "
                    + "comma-separated).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "Console log lines as text or one JSON object a line (default: logging.format).")
    String logFormat;

    /** Loads the configuration (throws ConfigException with one line naming the key). */
    public Config load() {
        return loaded(sets);
    }

    /**
     * Loads the configuration with {@code extra} {@code --set} lines after the user's (a backtest sweep's
     * combination).
     */
    public Config load(List<String> extra) {
        List<String> all = new ArrayList<>(sets);
        all.addAll(extra);
        return loaded(all);
    }

    /** Loads the configuration with {@code first} applied before the user's {@code --set} lines (which win). */
    public Config loadUnder(List<String> first) {
        List<String> all = new ArrayList<>(first);
        all.addAll(sets);
        return loaded(all);
    }

    /** Loads with these {@code --set} lines and switches the log format before anything is logged. */
    private Config loaded(List<String> all) {
        if (logFormat != null) {
            LogFormat.use(logFormat); // first: a bad flag fails before the file is read, and names the flag
        }
        Config c = ConfigLoader.load(file != null ? file : defaultFile(), all);
        LogFormat.use(logFormat != null ? logFormat : c.get(Settings.LOGGING_FORMAT));
        return c;
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
