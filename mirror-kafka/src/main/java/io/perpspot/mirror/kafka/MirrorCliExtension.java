package io.perpspot.mirror.kafka;

import io.perpspot.engine.cli.CliExtension;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Adds {@code journal pull} ({@link PullCommand}) to the {@code journal} command of journal-tools, or to a
 * {@code journal} command of its own when journal-tools is not on the class path, and {@code --kafka} to
 * {@code perpspot dashboard} ({@link KafkaDashboardSource}). Found through
 * {@code META-INF/services/io.perpspot.engine.cli.CliExtension}.
 */
public final class MirrorCliExtension implements CliExtension {
    @Override
    public void register(CommandLine root) {
        // Nothing of its own at the top: pull joins 'journal' in extend(), once every module registered.
    }

    @Override
    public void extend(CommandLine root) {
        CommandLine journal = root.getSubcommands().get("journal");
        if (journal == null) {
            journal = new CommandLine(CommandSpec.create().name("journal").mixinStandardHelpOptions(true));
            root.addSubcommand("journal", journal);
        }
        journal.addSubcommand("pull", new CommandLine(new PullCommand()));
        CommandLine dashboard = root.getSubcommands().get("dashboard");
        if (dashboard != null) {
            dashboard.addMixin("kafka", new KafkaDashboardSource());
        }
    }
}
