package io.perpspot.tools.latency;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.command.JournalArgs;
import io.perpspot.tools.command.UsageError;
import io.perpspot.tools.read.LatencyReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perpspot journal latency DIR [--out DIR] [--latest]}: the journal's latency histograms
 * per kind and source as a percentile table, and with {@code --out} as HdrHistogram {@code .hgrm}
 * percentile files. Reads both queues; writes only into {@code --out}.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"Latency percentiles per kind and source: feed (receive - exchange timestamp, from",
            "Latency output records), journal and opportunity (the engine's own, from LatencySnapshot",
            "input records). With --out, one HdrHistogram percentile file per kind and source",
            "(<kind>.<source>.hgrm, values in milliseconds), readable by the HdrHistogram plotter.",
            "Example: perpspot journal latency data/journal --out data/latency"})
public final class LatencyCommand implements Callable<Integer> {
    /** .hgrm values are milliseconds: nanoseconds divided by this. */
    public static final double HGRM_UNIT_RATIO = 1_000_000.0;

    @Mixin
    JournalArgs journal = new JournalArgs();

    @Option(names = "--out", paramLabel = "DIR", description = "Write <kind>.<source>.hgrm files into DIR (created).")
    Path out;

    @Option(names = "--latest", description =
            "Only the latest interval of each kind and source (default: all intervals merged).")
    boolean latest;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            return UsageError.report(spec, "journal latency: --out " + out + " is not a directory");
        }
        LatencyReport report;
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            report = LatencyReport.read(reader, latest ? LatencyReport.Mode.LATEST : LatencyReport.Mode.MERGED);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println("journal   " + journal.dir() + "  (" + (latest ? "latest interval" : "all intervals merged") + ")");
        LatencyTable.print(report, w, "");
        if (out != null && !report.isEmpty()) {
            try {
                Files.createDirectories(out);
                for (LatencyReport.Entry e : report.entries()) {
                    Path f = out.resolve(fileName(e));
                    try (PrintStream ps = new PrintStream(Files.newOutputStream(f), false, StandardCharsets.UTF_8)) {
                        e.histogram().outputPercentileDistribution(ps, 5, HGRM_UNIT_RATIO);
                    }
                    w.println("wrote     " + f);
                }
            } catch (IOException ex) {
                return UsageError.report(spec, "journal latency: cannot write into " + out + ": " + ex.getMessage());
            }
        }
        w.flush();
        return ExitCodes.OK;
    }

    /** {@code <kind>.<source>.hgrm}. */
    public static String fileName(LatencyReport.Entry e) {
        return e.kindName() + "." + e.sourceName() + ".hgrm";
    }
}
