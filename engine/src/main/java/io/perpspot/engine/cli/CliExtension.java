package io.perpspot.engine.cli;

import picocli.CommandLine;

/**
 * Adds subcommands to the {@code perpspot} command line. Modules that are on the class path
 * (journal-tools, dashboard, benchmarks) register themselves in
 * {@code META-INF/services/io.perpspot.engine.cli.CliExtension}; the engine does not depend on them.
 */
public interface CliExtension {
    void register(CommandLine root);
}
