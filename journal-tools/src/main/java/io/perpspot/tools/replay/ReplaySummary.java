package io.perpspot.tools.replay;

import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.RecordSink;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.strategy.Strategy;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Re-derives a journal's output with a fresh {@link Strategy} and counts it: spreads and
 * opportunities per token and direction. Reads the input queue; writes only the summary.
 */
final class ReplaySummary implements RecordSink {
    private long[] spreads = new long[16];
    private long[][] opportunities = new long[16][OutputRecord.LONG_PERP_SHORT_SPOT + 1];
    private long totalSpreads;
    private long totalOpportunities;
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
        int id = Math.max(0, r.tokenId);
        if (id >= spreads.length) {
            int n = Math.max(id + 1, spreads.length * 2);
            spreads = Arrays.copyOf(spreads, n);
            long[][] o = new long[n][OutputRecord.LONG_PERP_SHORT_SPOT + 1];
            for (int i = 0; i < opportunities.length; i++) {
                o[i] = opportunities[i];
            }
            opportunities = o;
        }
        if (r.type == OutputType.SPREAD) {
            spreads[id]++;
            totalSpreads++;
        } else if (r.type == OutputType.OPPORTUNITY) {
            if (r.direction > 0 && r.direction <= OutputRecord.LONG_PERP_SHORT_SPOT) {
                opportunities[id][r.direction]++;
            }
            totalOpportunities++;
        }
    }

    void print(JournalReader reader, PrintWriter out) {
        out.printf(Locale.ROOT, "replayed %,d input events (%,d market events, %,d for undefined tokens) from %s%n",
                events,
                strategy.marketEvents(), strategy.unknownTokenEvents(), reader.dir());
        out.printf(Locale.ROOT, "derived %,d spread snapshots and %,d opportunities%n", totalSpreads,
                totalOpportunities);
        String d1 = OutputRecord.directionName(OutputRecord.SHORT_PERP_LONG_SPOT);
        String d2 = OutputRecord.directionName(OutputRecord.LONG_PERP_SHORT_SPOT);
        int w = 8;
        for (int id = 0; id < spreads.length; id++) {
            w = Math.max(w, name(reader, id).length() + 2);
        }
        out.printf(Locale.ROOT, "  %-" + w + "s %10s %14s %22s %22s%n", "token", "spreads", "opportunities", d1, d2);
        for (int id = 0; id < spreads.length; id++) {
            long[] o = opportunities[id];
            long opp = o[OutputRecord.SHORT_PERP_LONG_SPOT] + o[OutputRecord.LONG_PERP_SHORT_SPOT];
            if (spreads[id] == 0 && opp == 0) {
                continue;
            }
            out.printf(Locale.ROOT, "  %-" + w + "s %,10d %,14d %,22d %,22d%n", name(reader, id), spreads[id], opp,
                    o[OutputRecord.SHORT_PERP_LONG_SPOT], o[OutputRecord.LONG_PERP_SHORT_SPOT]);
        }
        out.flush();
    }

    private static String name(JournalReader reader, int id) {
        String s = reader.symbol(id);
        return s == null ? "#" + id : s;
    }
}
