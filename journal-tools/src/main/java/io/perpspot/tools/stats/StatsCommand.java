package io.perpspot.tools.stats;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.command.UsageError;
import io.perpspot.tools.read.LatencyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perpspot journal stats DIR}: what a journal holds, counted (reads both queues, writes stdout). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Count what a journal holds: records by type, source and token, perp vs spot",
            "events per token, time range, bytes per record, spreads and opportunities,",
            "the latest status of each source and which source serves each side, and latency",
            "percentiles per kind and source when the journal holds latency snapshots.",
            "Example: perpspot journal stats data/journal --format json"})
public final class StatsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Journal directory.")
    Path dir;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: aligned, for people (default); json: one JSON document.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            return UsageError.report(spec, "journal stats: --format must be text or json, got '" + format + "'");
        }
        JournalStats s;
        LatencyReport latency;
        try (JournalReader reader = JournalReader.open(dir)) {
            s = JournalStats.collect(reader);
            latency = LatencyReport.read(reader, LatencyReport.Mode.MERGED);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            StatsJson.print(dir, s, latency, out);
        } else {
            StatsText.print(dir, s, latency, out);
        }
        return ExitCodes.OK;
    }
}
