package io.perpspot.tools.replay;

import io.perpspot.engine.cli.ExitCodes;
import io.perpspot.engine.journal.JournalReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code perpspot replay DIR [--verify]}: runs a journal's input through the strategy again.
 * Reads the journal; writes a summary, or with {@code --verify} the comparison's result, to stdout.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a journal's input queue through the strategy the engine runs live.",
            "Without --verify: print what it derives, by token and direction.",
            "With --verify: compare each derived record byte for byte with the recorded",
            "output queue. Exit 0: identical; 1: a difference (printed field by field);",
            "2: not a readable journal.",
            "Example: perpspot replay data/journal --verify"})
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Journal directory.")
    Path dir;

    @Option(names = "--verify", description = "Compare the replayed output with the recorded output queue.")
    boolean verify;

    @Option(names = "--prefix", description = {"With --verify, for a journal whose writer died (kill -9, power loss):",
        "the recorded output may end early; it must be exactly the output of the inputs before",
        "the first input whose output was not completely written (the recovered prefix)."})
    boolean prefix;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (JournalReader reader = JournalReader.open(dir)) {
            if (!verify) {
                ReplaySummary summary = new ReplaySummary();
                summary.run(reader);
                summary.print(reader, out);
                return ExitCodes.OK;
            }
            ReplayVerifier verifier = new ReplayVerifier(reader, prefix);
            Difference d = verifier.run();
            if (d != null) {
                d.print(out, id -> {
                    String s = reader.symbol(id);
                    return s != null ? s : id < 0 ? "-" : "#" + id;
                }, verifier.events(), verifier.matched());
                return ExitCodes.FAILED;
            }
            if (verifier.unwrittenFrom() >= 0) {
                out.printf(Locale.ROOT, "replay --verify --prefix: OK: the output of the %,d input events before input"
                        + " index %d is identical byte for byte (%,d records); from that input on the output was never"
                        + " written (the writer stopped); a restart on this journal writes it%n", verifier.events() - 1,
                        verifier.unwrittenFrom(), verifier.matched());
                out.flush();
                return ExitCodes.OK;
            }
            out.printf(Locale.ROOT, "replay --verify: OK: %,d input events replayed, %,d output records compared, "
                    + "identical byte for byte%n", verifier.events(), verifier.matched());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
