package io.perpspot.tools;

import io.perpspot.engine.cli.PerpspotCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code perpspot} commands in-process, capturing stdout, stderr and the exit code (journal-tools' test-jar: the
 * spark-sweep tests use it too).
 */
public final class Cli {
    /** The outcome of one command. */
    public record Run(int code, String out, String err) {
        /** Standard output, a line each. */
        public List<String> outLines() {
            return lines(out);
        }

        /** Standard error, a line each. */
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

    private Cli() {
    }

    /** Runs {@code perpspot ARGS...} (each argument's {@code toString}) in this JVM. */
    public static Run run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PerpspotCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] a = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int code = cl.execute(a);
        return new Run(code, out.toString(), err.toString());
    }
}
