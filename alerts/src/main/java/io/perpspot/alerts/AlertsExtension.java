package io.perpspot.alerts;

import io.perpspot.engine.cli.CliExtension;
import picocli.CommandLine;

/** Registers {@code perpspot alerts} (and {@code alerts replay}); found through META-INF/services. */
public final class AlertsExtension implements CliExtension {
    @Override
    public void register(CommandLine root) {
        root.addSubcommand("alerts", new CommandLine(new AlertsCommand()));
    }
}
