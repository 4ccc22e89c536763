package io.perpspot.tools.replay;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.RecordSink;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.strategy.Strategy;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Re-derives a journal's output with a fresh {@link Strategy} and counts it: spreads, tradable opportunities by
 * direction and refused ones, per token and {@link VenuePair}. Reads the input queue; writes only the summary.
 */
final class ReplaySummary implements RecordSink {
    /** Per token and pair: spreads, opportunities of each direction (slot 0: any other code), refused. */
    private static final int SPREADS = 0;
    private static final int REFUSED = 3;
    private static final int SLOTS = 4;

    private long[][][] counts = new long[16][][];
    private long totalSpreads;
    private long totalOpportunities;
    private long totalRefused;
    private long events;
    private Strategy strategy;

    /** Replays every input record. */
    void run(JournalReader reader) {
        strategy = new Strategy(this);
        events = reader.forEachInput(e -> {
            strategy.onEvent(e);
            return true;
        });
    }

    @Override
    public void write(OutputRecord r) {
        if (r.type != OutputType.SPREAD && r.type != OutputType.OPPORTUNITY) {
            return;
        }
        int id = Math.max(0, r.tokenId);
        if (id >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(id + 1, counts.length * 2));
        }
        if (counts[id] == null) {
            counts[id] = new long[VenuePair.COUNT][SLOTS + 1];
        }
        long[] c = counts[id][r.pair];
        if (r.type == OutputType.SPREAD) {
            c[SPREADS]++;
            totalSpreads++;
        } else if (r.rejectReason != 0) {
            c[REFUSED]++;
            totalRefused++;
        } else {
            boolean known = r.direction == OutputRecord.SHORT_PERP_LONG_SPOT
                    || r.direction == OutputRecord.LONG_PERP_SHORT_SPOT;
            c[known ? r.direction : SLOTS]++;
            totalOpportunities++;
        }
    }

    void print(JournalReader reader, PrintWriter out) {
        out.printf(Locale.ROOT, "replayed %,d input events (%,d market events, %,d for undefined tokens) from %s%n",
                events,
                strategy.marketEvents(), strategy.unknownTokenEvents(), reader.dir());
        out.printf(Locale.ROOT, "derived %,d spread snapshots and %,d opportunities (and %,d refused by the gates)%n",
                totalSpreads, totalOpportunities, totalRefused);
        int w = 8;
        for (int id = 0; id < counts.length; id++) {
            w = Math.max(w, name(reader, id).length() + 2);
        }
        String row = "  %-" + w + "s %-14s %10s %14s %8s  %s%n";
        out.printf(Locale.ROOT, row, "token", "pair", "spreads", "opportunities", "refused", "by direction");
        for (int id = 0; id < counts.length; id++) {
            if (counts[id] == null) {
                continue;
            }
            for (int pair = 0; pair < VenuePair.COUNT; pair++) {
                long[] c = counts[id][pair];
                long opp = c[OutputRecord.SHORT_PERP_LONG_SPOT] + c[OutputRecord.LONG_PERP_SHORT_SPOT] + c[SLOTS];
                if (c[SPREADS] == 0 && opp == 0 && c[REFUSED] == 0) {
                    continue;
                }
                String byDirection = String.format(Locale.ROOT, "%s %,d, %s %,d",
                        VenuePair.directionName(OutputRecord.SHORT_PERP_LONG_SPOT, pair),
                        c[OutputRecord.SHORT_PERP_LONG_SPOT],
                        VenuePair.directionName(OutputRecord.LONG_PERP_SHORT_SPOT, pair),
                        c[OutputRecord.LONG_PERP_SHORT_SPOT]);
                out.printf(Locale.ROOT, row, name(reader, id), VenuePair.name(pair), String.format(Locale.ROOT, "%,d",
                        c[SPREADS]), String.format(Locale.ROOT, "%,d", opp), String.format(Locale.ROOT, "%,d",
                        c[REFUSED]), byDirection);
            }
        }
        out.flush();
    }

    private static String name(JournalReader reader, int id) {
        String s = reader.symbol(id);
        return s == null ? "#" + id : s;
    }
}
