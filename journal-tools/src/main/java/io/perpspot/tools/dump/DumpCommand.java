package io.perpspot.tools.dump;

import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.command.JournalFormatArgs;
import io.perpspot.tools.command.UsageError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perpspot journal dump DIR}: one journal record per line (reads the journal, writes stdout). */
@Command(name = "dump", mixinStandardHelpOptions = true, resourceBundle = "io.perpspot.tools.dump.DumpCommand",
        description = {"Print journal records one per line, each input record followed by the output",
            "records derived from it. json: type, token, index, time and every field, with",
            "prices and sizes as exact decimal strings; text: one compact line per record.",
            "Example: perpspot journal dump data/journal --type PerpBbo,Spread --token SOL",
            "Example: perpspot journal dump data/journal --type Opportunity --pair perp-hlspot,hlspot-jupiter"})
public final class DumpCommand implements Callable<Integer> {
    @Mixin
    JournalFormatArgs journal = new JournalFormatArgs();

    @Option(names = "--type", paramLabel = "T", split = ",",
            description = "Only these record types (comma-separated, case-insensitive): EngineStart, TokenDef, "
                    + "PerpBbo, "
                    + "PerpBook, PerpCtx, PerpMid, SpotPrice, SourceStatus, Spread, Opportunity.")
    List<String> types = new ArrayList<>();

    @Option(names = "--token", paramLabel = "SYM", split = ",",
            description = "Only records of these token symbols (comma-separated, case-insensitive).")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--pair", paramLabel = "PAIR", split = ",",
            description = {"Only Spread and Opportunity records of these venue pairs (perp-jupiter, perp-hlspot,",
                "hlspot-jupiter; comma-separated); other records are not about a pair and stay selected."})
    List<String> pairs = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N records (default: all).")
    Long limit;

    @Option(names = "--queue", paramLabel = "input|output|all", defaultValue = "all",
            description = "Which queue to print (default: ${DEFAULT-VALUE}).")
    String queue;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Integer bad = journal.badFormat(spec);
        if (bad != null) {
            return bad;
        }
        if (!queue.equals("input") && !queue.equals("output") && !queue.equals("all")) {
            return UsageError.report(spec, "journal dump: --queue must be input, output or all, got '" + queue + "'");
        }
        if (limit != null && limit < 0) {
            return UsageError.report(spec, "journal dump: --limit must be 0 or more, got " + limit);
        }
        RecordFilter filter;
        try {
            filter = RecordFilter.parse("journal dump", queue, types, tokens).pairs("journal dump", pairs);
        } catch (IllegalArgumentException e) {
            return UsageError.report(spec, e.getMessage());
        }
        try (JournalReader reader = JournalReader.open(journal.dir())) {
            String unknown = filter.unknownToken("journal dump", reader);
            if (unknown != null) {
                return UsageError.report(spec, unknown);
            }
            new Dumper(reader, filter, limit == null ? -1 : limit, journal.json(), spec.commandLine().getOut()).run();
        }
        return ExitCodes.OK;
    }
}
