package io.perpspot.dashboard;

import io.perpspot.engine.cli.CliExtension;
import picocli.CommandLine;

/** Registers {@code perpspot dashboard} and {@code perpspot dashboard-load}; found through META-INF/services. */
public final class DashboardExtension implements CliExtension {
    @Override
    public void register(CommandLine root) {
        root.addSubcommand("dashboard", new CommandLine(new DashboardCommand()));
        root.addSubcommand("dashboard-load", new CommandLine(new LoadCommand()));
    }
}
