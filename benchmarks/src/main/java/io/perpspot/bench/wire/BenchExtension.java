package io.perpspot.bench.wire;

import io.perpspot.bench.harness.BenchCommand;
import io.perpspot.engine.cli.CliExtension;
import picocli.CommandLine;

/**
 * Registers {@code perpspot bench} and {@code perpspot bench wire} (found through META-INF/services); it
 * lives beside the wire harness, the top room, so that {@code harness} does not know {@code wire}.
 */
public final class BenchExtension implements CliExtension {
    @Override
    public void register(CommandLine root) {
        root.addSubcommand("bench", new CommandLine(new BenchCommand()).addSubcommand("wire", new WireCommand()));
    }
}
