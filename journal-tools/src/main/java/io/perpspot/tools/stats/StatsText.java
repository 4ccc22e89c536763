package io.perpspot.tools.stats;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.tools.format.Times;
import io.perpspot.tools.latency.LatencyTable;
import io.perpspot.tools.read.LatencyReport;
import io.perpspot.tools.read.SpotFreshness;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToLongFunction;

/** Renders {@link JournalStats} as aligned text for people. */
final class StatsText {
    private StatsText() {
    }

    static void print(Path dir, JournalStats s, LatencyReport latency, PrintWriter out) {
        out.println("journal   " + dir);
        if (s.engineId() != null) {
            out.println("engine    " + s.engineId() + ", shard " + (s.shard() == null ? "all" : s.shard()));
        } else {
            out.println("engine    (not named: a journal written before engine ids)");
        }
        out.printf(Locale.ROOT, "input     %,d records, %s bytes/record (payload, avg)%n", s.inputRecords(),
                avg(s.inputBytesPerRecord()));
        out.printf(Locale.ROOT, "output    %,d records, %s bytes/record (payload, avg)%n", s.outputRecords(),
                avg(s.outputBytesPerRecord()));
        if (s.inputRecords() == 0) {
            out.println("time      (no events)");
        } else {
            out.println("time      " + Times.isoNanos(s.firstNanos()) + " .. " + Times.isoNanos(s.lastNanos())
                    + "  (span " + Times.human(s.spanNanos()) + ")");
        }

        out.println();
        out.println("input by type");
        for (int t = 1; t <= EventType.MAX; t++) {
            if (s.inputRecords(t) > 0) {
                row(out, EventType.name(t), s.inputRecords(t));
            }
        }
        out.println();
        out.println("input by source");
        for (int src = 0; src < JournalStats.MAX_SOURCE; src++) {
            if (s.inputRecordsFromSource(src) > 0) {
                row(out, Source.name(src), s.inputRecordsFromSource(src));
            }
        }

        out.println();
        out.printf(Locale.ROOT, "tokens    %d, %d with both perp and spot events%n", s.tokens().size(),
                s.tokensWithBoth());
        int w = 8;
        for (JournalStats.TokenCounts t : s.tokens()) {
            w = Math.max(w, t.symbol.length() + 2);
        }
        // Events by venue (hlspot: Hyperliquid spot books), then tradable opportunities: all pairs, then per pair.
        String cols = "  %-" + w + "s %10s %10s %10s %10s %10s %14s %14s %14s %14s%n";
        out.printf(Locale.ROOT, cols, "symbol", "records", "perp", "hlspot", "spot", "spreads", "opportunities",
                VenuePair.name(0), VenuePair.name(1), VenuePair.name(2));
        String nums = "  %-" + w + "s %,10d %,10d %,10d %,10d %,10d %,14d %,14d %,14d %,14d%n";
        for (JournalStats.TokenCounts t : s.tokens()) {
            out.printf(Locale.ROOT, nums, t.symbol, t.records, t.perp, t.hlSpot, t.spot, t.spreads, t.opportunities,
                    t.opportunitiesByPair[0], t.opportunitiesByPair[1], t.opportunitiesByPair[2]);
        }

        out.println();
        out.println("output by type");
        row(out, OutputType.name(OutputType.SPREAD), s.spreads());
        row(out, OutputType.name(OutputType.OPPORTUNITY), s.opportunities());
        if (s.outputRecords(OutputType.LATENCY) > 0) {
            row(out, OutputType.name(OutputType.LATENCY), s.outputRecords(OutputType.LATENCY));
        }
        // By direction and reason only per venue pair (below): a direction is named by its pair's legs.
        row(out, "Opportunity rejected", s.rejected());
        byPair(out, s);
        if (s.discoveries() > 0) {
            out.println();
            out.printf(Locale.ROOT, "discovery  %d round(s); last: %d pairs (%s)%n", s.discoveries(),
                    s.discoveredPairs(),
                    s.lastDiscovery());
        }

        out.println();
        out.println("sources (latest status)");
        if (s.statuses().isEmpty()) {
            out.println("  (none journaled)");
        }
        for (JournalStats.SourceStatus st : s.statuses()) {
            out.printf(Locale.ROOT, "  %-16s %-11s %s  %s%n", Source.name(st.source()), SourceState.name(st.state()),
                    Times.isoNanos(st.timeNanos()), st.reason());
        }
        JournalStats.CacheSummary cache = s.cache();
        if (cache != null) {
            out.println();
            out.println("cache (from the cache-redis / cache-local status events)");
            out.printf(Locale.ROOT, "  %-16s %s%n", "backend", cache.serving());
            out.printf(Locale.ROOT, "  %-16s %d to redis, %d to local%n", "switches", cache.toRedis(), cache.toLocal());
            if (!cache.lastFigures().isEmpty()) {
                StringBuilder sb = new StringBuilder();
                cache.lastFigures().forEach((k, v) ->
                        sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
                out.printf(Locale.ROOT, "  %-16s %s%n", "at last stop", sb);
            }
        }
        out.println();
        out.println("serving (source of the latest market data)");
        serving(out, "perp", s.perpServing(), s);
        serving(out, "spot", s.spotServing(), s);
        freshness(out, s);
        if (!latency.isEmpty()) {
            out.println();
            out.println("latency (all intervals merged)");
            LatencyTable.print(latency, out, "  ");
        }
        out.flush();
    }

    /**
     * Spread, Opportunity and refusal counts side by side, one column per venue pair. The directions are named by
     * legs (A: the perp, or Hyperliquid spot against Jupiter; B: the other leg), the legend says which they are.
     */
    private static void byPair(PrintWriter out, JournalStats s) {
        out.println();
        // The heading starts at the margin, the pairs' names right-aligned over the rows' counts.
        out.printf(Locale.ROOT, "%-26s %14s %14s %14s%n", "output by venue pair", VenuePair.name(0),
                VenuePair.name(1), VenuePair.name(2));
        pairRow(out, OutputType.name(OutputType.SPREAD), s::spreads);
        pairRow(out, OutputType.name(OutputType.OPPORTUNITY), s::opportunitiesOfPair);
        pairRow(out, "  short A/long B", p -> s.opportunities(p, OutputRecord.SHORT_PERP_LONG_SPOT));
        pairRow(out, "  long A/short B", p -> s.opportunities(p, OutputRecord.LONG_PERP_SHORT_SPOT));
        pairRow(out, "Opportunity rejected", s::rejectedOfPair);
        for (int r = 1; r < OutputRecord.GATE_REASONS; r++) {
            int reason = r;
            pairRow(out, "  " + OutputRecord.rejectReasonName(r), p -> s.rejected(p, reason));
        }
        if (s.rejected(0, 0) + s.rejected(1, 0) + s.rejected(2, 0) > 0) {
            pairRow(out, "  other reasons", p -> s.rejected(p, 0));
        }
        out.printf(Locale.ROOT, "  (legs A/B: %s perp/jupiter, %s perp/hlspot, %s hlspot/jupiter; stale-spot is leg B,"
                + " stale-perp leg A)%n", VenuePair.name(0), VenuePair.name(1), VenuePair.name(2));
    }

    private static void pairRow(PrintWriter out, String name, IntToLongFunction n) {
        out.printf(Locale.ROOT, "  %-24s %,14d %,14d %,14d%n", name, n.applyAsLong(0), n.applyAsLong(1),
                n.applyAsLong(2));
    }

    /** The worst tokens shown in text; {@code --format json} lists every token. */
    static final int WORST_TOKENS = 10;

    private static void freshness(PrintWriter out, JournalStats s) {
        SpotFreshness f = s.freshness();
        if (f.spotAge().count() == 0 && f.nearSignalLadderAge().count() == 0) {
            return;
        }
        out.println();
        out.println("spot age (perp event receive - the token's latest jupiter-price receive)");
        ages(out, "all tokens", f.spotAge());
        out.printf(Locale.ROOT, "  %-16s %,d%n", "before any spot", f.perpWithoutSpot());
        out.printf(Locale.ROOT, "  %-16s %,d price answers, %,d quote rungs%n", "jupiter journaled", f.priceAnswers(),
                f.quoteRungs());
        out.printf(Locale.ROOT, "quote ladder age at near-signal spreads (|z| >= %.2f)%n", f.nearAbsZ());
        ages(out, "all tokens", f.nearSignalLadderAge());
        out.printf(Locale.ROOT, "  %-16s %,d%n", "before any quote", f.nearSignalWithoutQuote());
        SpotFreshness.Ages once = f.nearSignalAtOnce();
        out.printf(Locale.ROOT, "  %-16s %,d, at once p50 %d p99 %d max %d (sampled each second)%n", "tokens near",
                f.nearSignalTokens(), once.p50(), once.p99(), once.max());
        List<SpotFreshness.TokenFreshness> worst = s.freshnessByToken();
        out.printf(Locale.ROOT, "  worst %d tokens by p99 spot age (ladders: BUY rungs at the smallest notional)%n",
                Math.min(WORST_TOKENS, worst.size()));
        out.printf(Locale.ROOT, "  %-14s %10s %10s %10s %8s %14s%n", "symbol", "p50", "p99", "max", "ladders",
                "near p99/max");
        for (SpotFreshness.TokenFreshness t : worst.subList(0, Math.min(WORST_TOKENS, worst.size()))) {
            SpotFreshness.Ages a = t.spotAge();
            SpotFreshness.Ages n = t.nearSignalLadderAge();
            out.printf(Locale.ROOT, "  %-14s %10s %10s %10s %,8d %14s%n", t.symbol(), secs(a.p50()),
                    secs(a.p99()), secs(a.max()), t.ladders(),
                    n.count() == 0 ? "-" : secs(n.p99()) + "/" + secs(n.max()));
        }
    }

    private static void ages(PrintWriter out, String name, SpotFreshness.Ages a) {
        out.printf(Locale.ROOT, "  %-16s p50 %s  p99 %s  max %s  (%,d samples)%n", name, secs(a.p50()),
                secs(a.p99()), secs(a.max()), a.count());
    }

    private static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
    }

    private static void serving(PrintWriter out, String side, JournalStats.Serving v, JournalStats s) {
        if (v == null) {
            out.printf(Locale.ROOT, "  %-16s (no data)%n", side);
            return;
        }
        JournalStats.SourceStatus st = s.status(v.source());
        out.printf(Locale.ROOT, "  %-16s %-16s last event %s, status %s%n", side, Source.name(v.source()),
                Times.isoNanos(v.timeNanos()), st == null ? "never reported" : SourceState.name(st.state()));
    }

    private static void row(PrintWriter out, String name, long n) {
        out.printf(Locale.ROOT, "  %-24s %,12d%n", name, n);
    }

    private static String avg(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
