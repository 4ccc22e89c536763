package io.perpspot.tools;

import io.perpspot.tools.analytics.AnalyticsCommand;
import io.perpspot.tools.dump.DumpCommand;
import io.perpspot.tools.export.ExportCommand;
import io.perpspot.tools.history.ImportCommand;
import io.perpspot.tools.latency.LatencyCommand;
import io.perpspot.tools.stats.StatsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perpspot journal}: the commands that read a journal without changing it. */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = {"Inspect a journal (read-only; safe while the engine appends to it),",
            "or build one from external tick data (import)."},
        subcommands = {StatsCommand.class, DumpCommand.class, ExportCommand.class, LatencyCommand.class,
            AnalyticsCommand.class, ImportCommand.class})
public final class JournalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
