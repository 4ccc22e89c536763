package io.perpspot.engine.testing;

import io.perpspot.engine.cli.PerpspotCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code perpspot} commands in-process, with every {@code CliExtension} on the test's class path (journal
 * tools, the mirror's {@code journal pull}, ...), capturing stdout, stderr (picocli's writers) and the exit code.
 */
public final class InProcessCli {
    /** The outcome of one command. */
    public record Run(int code, String out, String err) {
        /** Stdout's lines. */
        public List<String> outLines() {
            return lines(out);
        }

        /** Stderr's lines. */
        public List<String> errLines() {
            return lines(err);
        }

        private static List<String> lines(String s) {
            return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private InProcessCli() {
    }

    /** Runs {@code perpspot ARGS...} (each argument as its {@code String.valueOf}). */
    public static Run run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PerpspotCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
