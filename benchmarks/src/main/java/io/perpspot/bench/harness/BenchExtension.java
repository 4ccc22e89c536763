package io.perpspot.bench.harness;

import io.perpspot.engine.cli.CliExtension;
import picocli.CommandLine;

/** Registers {@code perpspot bench} (found through META-INF/services). */
public final class BenchExtension implements CliExtension {
    @Override
    public void register(CommandLine root) {
        root.addSubcommand("bench", new CommandLine(new BenchCommand()));
    }
}
