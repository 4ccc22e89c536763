package io.perpspot.tools;

import io.perpspot.engine.cli.CliExtension;
import io.perpspot.tools.history.HistoryCommand;
import io.perpspot.tools.replay.ReplayCommand;
import io.perpspot.tools.simulate.SimulateCommand;
import picocli.CommandLine;

/**
 * Registers the journal tools with the {@code perpspot} command line: {@code journal stats},
 * {@code journal dump}, {@code replay} and {@code simulate}. Found through
 * {@code META-INF/services/io.perpspot.engine.cli.CliExtension}.
 */
public final class JournalToolsExtension implements CliExtension {
    @Override
    public void register(CommandLine root) {
        root.addSubcommand("journal", new CommandLine(new JournalCommand()));
        root.addSubcommand("replay", new CommandLine(new ReplayCommand()));
        root.addSubcommand("simulate", new CommandLine(new SimulateCommand()));
        root.addSubcommand("history", new CommandLine(new HistoryCommand()));
    }
}
