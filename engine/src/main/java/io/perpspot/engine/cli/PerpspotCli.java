package io.perpspot.engine.cli;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.config.ConfigException;
import io.perpspot.engine.core.JournalFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code perpspot} command: {@code run} lives in the engine; other subcommands
 * ({@code journal}, {@code replay}, {@code dashboard}, {@code bench}) come from modules found
 * through {@link CliExtension}. Configuration and journal errors end with one line on stderr
 * and exit code 2, never a stack trace.
 */
@Command(name = "perpspot", mixinStandardHelpOptions = true, version = "perpspot 0.1.0",
        description = "Spot-vs-perpetual basis engine: Hyperliquid perps x Jupiter spot, event-sourced.",
        subcommands = {RunCommand.class})
public final class PerpspotCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with every extension registered. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PerpspotCli());
        List<CliExtension> extensions = new ArrayList<>();
        ServiceLoader.load(CliExtension.class).forEach(extensions::add);
        for (CliExtension ext : extensions) {
            ext.register(cl);
        }
        for (CliExtension ext : extensions) {
            ext.extend(cl);
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException || ex instanceof JournalFormatException) {
                commandLine.getErr().println("perpspot: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            throw ex;
        });
        // Usage errors: one line and where to look, not picocli's full usage text.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("perpspot: " + ex.getMessage() + " (see 'perpspot "
                    + cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^perpspot ?", "") + " --help')");
            return ExitCodes.USAGE;
        });
        cl.setExitCodeExceptionMapper(ex -> ExitCodes.USAGE);
        return cl;
    }

    /** Runs the command line and exits the JVM with the command's exit code ({@code ExitCodes}). */
    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.exit(code);
    }
}
