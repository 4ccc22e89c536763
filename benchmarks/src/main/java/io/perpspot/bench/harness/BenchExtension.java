package io.perpspot.bench.harness;

import io.perpspot.bench.wire.WireCommand;
import io.perpspot.engine.cli.CliExtension;
import picocli.CommandLine;

/** Registers {@code perpspot bench} and {@code perpspot bench wire} (found through META-INF/services). */
public final class BenchExtension implements CliExtension {
    @Override
    public void register(CommandLine root) {
        root.addSubcommand("bench", new CommandLine(new BenchCommand()).addSubcommand("wire", new WireCommand()));
    }
}
