package io.perpspot.tools.command;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@link JournalArgs} and {@code --format text|json}, for the commands that print either. What
 * the two formats mean and which one is the default differ by command, so the option's label,
 * default and description come from the command's resource bundle (keys {@code format.label},
 * {@code format.default} and {@code format}, next to the command class).
 */
public class JournalFormatArgs extends JournalArgs {
    @Option(names = "--format", paramLabel = "${bundle:format.label}", defaultValue = "${bundle:format.default}",
            descriptionKey = "format")
    String format;

    /** Whether {@code --format json} was asked (or is the command's default). */
    public boolean json() {
        return format.equals("json");
    }

    /**
     * Checks {@code --format}: null when it names text or json, else the usage error's exit code
     * after printing it, the choices in the order of the option's label
     * ({@code journal stats: --format must be text or json, got 'xml'}).
     */
    public Integer badFormat(CommandSpec spec) {
        if (format.equals("text") || format.equals("json")) {
            return null;
        }
        String command = spec.qualifiedName().substring(spec.root().name().length()).trim();
        String choices = spec.findOption("--format").paramLabel().replace("|", " or ");
        return UsageError.report(spec, command + ": --format must be " + choices + ", got '" + format + "'");
    }
}
