package io.perpspot.engine.cli;

import picocli.CommandLine;

/**
 * Adds subcommands to the {@code perpspot} command line. Modules that are on the class path
 * (journal-tools, dashboard, benchmarks) register themselves in
 * {@code META-INF/services/io.perpspot.engine.cli.CliExtension}; the engine does not depend on them.
 */
public interface CliExtension {
    /**
     * Adds this module's subcommands to {@code root} ({@code root.addSubcommand}). Called once, when the command line
     * is built and before anything is parsed, so it only declares commands: no I/O, nothing started. A subcommand that
     * throws a {@code ConfigException} or {@code JournalFormatException} gets one line on stderr and exit code
     * {@code ExitCodes.USAGE}.
     */
    void register(CommandLine root);

    /**
     * Adds subcommands to commands that other modules registered ({@code journal pull} of mirror-kafka under
     * journal-tools' {@code journal}): called on every extension after every {@link #register}, under the same
     * rules. The default adds nothing.
     */
    default void extend(CommandLine root) {
    }
}
