package io.perpspot.tools.history;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perpspot history}: fetch market history into a journal. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Fetch market history into a journal.",
        subcommands = {FetchCommand.class})
public final class HistoryCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
