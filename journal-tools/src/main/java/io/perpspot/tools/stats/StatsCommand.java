package io.perpspot.tools.stats;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.command.JournalFormatArgs;
import io.perpspot.tools.read.LatencyReport;
import io.perpspot.tools.read.SpotFreshness;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perpspot journal stats DIR}: what a journal holds, counted (reads both queues, writes stdout). */
@Command(name = "stats", mixinStandardHelpOptions = true, resourceBundle = "io.perpspot.tools.stats.StatsCommand",
        description = {"Count what a journal holds: records by type, source and token, perp vs spot",
            "events per token, time range, bytes per record, spreads and opportunities,",
            "the latest status of each source and which source serves each side, spot age",
            "(each perp event's receive time minus its token's latest Jupiter price), quote",
            "ladder age at near-signal spreads, and latency percentiles per kind and source",
            "when the journal holds latency snapshots.",
            "Example: perpspot journal stats data/journal --format json"})
public final class StatsCommand implements Callable<Integer> {
    @Mixin
    JournalFormatArgs journal = new JournalFormatArgs();

    @Option(names = "--near-z", paramLabel = "Z", defaultValue = "1.5",
            description = "|z| at or above which a Spread counts as near a signal in the spot-freshness figures"
                    + " (default: ${DEFAULT-VALUE}, the quote scheduler's near-signal at min-abs-z 2)")
    double nearZ;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Integer bad = journal.badFormat(spec);
        if (bad != null) {
            return bad;
        }
        JournalStats s;
        LatencyReport latency;
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            s = JournalStats.collect(reader, new SpotFreshness(nearZ));
            latency = LatencyReport.read(reader, LatencyReport.Mode.MERGED);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (journal.json()) {
            StatsJson.print(journal.dir(), s, latency, out);
        } else {
            StatsText.print(journal.dir(), s, latency, out);
        }
        return ExitCodes.OK;
    }
}
