package io.perpspot.dashboard;

import io.perpspot.engine.config.Config;
import java.nio.file.Path;

/**
 * Engines' journals {@code perpspot dashboard} can fold instead of {@code --journal DIR}: another module adds its
 * options to the command as a picocli mixin that implements this ({@code CliExtension.extend}:
 * {@code CommandLine.addMixin}; mirror-kafka's {@code --kafka BOOTSTRAP}), so the dashboard itself needs nothing of
 * where the journals come from. The command folds one engine per journal ({@link Dashboard#startFleet}).
 */
public interface JournalSource {
    /** The option that chooses this source, as the usage writes it, e.g. {@code --kafka BOOTSTRAP}. */
    String option();

    /** Whether the command line chose this source. */
    boolean chosen();

    /**
     * Connects to the source within a bounded wait, before the dashboard binds its port.
     *
     * @throws io.perpspot.engine.config.ConfigException (one line) when it cannot (an unreachable broker)
     */
    Feed open(Config config);

    /** An open source: it hands each engine's journal to the dashboard as the journal appears. */
    interface Feed extends AutoCloseable {
        /** Where the journals are (the dashboard's user templates are read beside them). */
        Path dir();

        /** Starts handing journals to {@code dashboard} ({@link Dashboard#follow}) until closed. */
        void start(Dashboard dashboard);

        /** One line for the start message: where the journals come from and where they are. */
        String describe();

        @Override
        void close();
    }
}
