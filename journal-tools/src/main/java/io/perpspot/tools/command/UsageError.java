package io.perpspot.tools.command;

import io.perpspot.engine.app.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;

/** Reports a usage mistake the way every perpspot command does: one line on stderr, exit code 2. */
public final class UsageError {
    private UsageError() {
    }

    /** Prints {@code perpspot: <message>} on the command's stderr and returns {@link ExitCodes#USAGE}. */
    public static int report(CommandSpec spec, String message) {
        spec.commandLine().getErr().println("perpspot: " + message);
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE;
    }
}
