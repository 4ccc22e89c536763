package io.perpspot.tools.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.tools.format.Times;
import io.perpspot.tools.read.LatencyReport;
import io.perpspot.tools.read.SpotFreshness;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;

/**
 * Renders {@link JournalStats} as one JSON document: {@code engine} (id and shard of the last EngineStart),
 * {@code input}, {@code time}, {@code tokens}, {@code output} (with {@code byPair}: spreads, tradable opportunities by
 * direction and refusals by reason per venue pair; {@code opportunitiesByDirection} is perp-jupiter's, whose
 * direction names it uses, and {@code rejectedByReason} every pair's), {@code sources}, {@code serving},
 * {@code spotFreshness} (spot age at perp events and quote-ladder age at near-signal spreads, ns, all tokens and per
 * symbol), {@code latency} (merged percentiles per kind and source, ns). Times are ISO-8601 UTC, absent values null.
 */
final class StatsJson {
    private StatsJson() {
    }

    static void print(Path dir, JournalStats s, LatencyReport latency, PrintWriter out) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("journal", dir.toString());
        ObjectNode engine = root.putObject("engine");
        engine.put("id", s.engineId());
        engine.put("shard", s.engineId() == null ? null : s.shard() == null ? "all" : s.shard());

        ObjectNode in = root.putObject("input");
        in.put("records", s.inputRecords());
        in.put("payloadBytes", s.inputBytes());
        putAvg(in, s.inputBytesPerRecord());
        ObjectNode byType = in.putObject("byType");
        for (int t = 1; t <= EventType.MAX; t++) {
            if (!EventType.name(t).startsWith("unknown")) {
                byType.put(EventType.name(t), s.inputRecords(t));
            }
        }
        ObjectNode bySource = in.putObject("bySource");
        for (int src = 0; src < JournalStats.MAX_SOURCE; src++) {
            if (src < Source.COUNT || s.inputRecordsFromSource(src) > 0) {
                bySource.put(Source.name(src), s.inputRecordsFromSource(src));
            }
        }

        ObjectNode time = root.putObject("time");
        time.put("first", Times.isoNanos(s.firstNanos()));
        time.put("last", Times.isoNanos(s.lastNanos()));
        time.put("spanSeconds", new BigDecimal(Times.seconds(s.spanNanos())));

        ObjectNode tokens = root.putObject("tokens");
        tokens.put("count", s.tokens().size());
        tokens.put("withBoth", s.tokensWithBoth());
        ObjectNode bySymbol = tokens.putObject("bySymbol");
        for (JournalStats.TokenCounts t : s.tokens()) {
            ObjectNode o = bySymbol.putObject(t.symbol);
            o.put("id", t.id);
            o.put("records", t.records);
            o.put("perp", t.perp);
            o.put("hlSpot", t.hlSpot);
            o.put("spot", t.spot);
            o.put("both", t.perp > 0 && t.spot > 0);
            o.put("spreads", t.spreads);
            o.put("opportunities", t.opportunities);
            ObjectNode spreadsByPair = o.putObject("spreadsByPair");
            ObjectNode oppsByPair = o.putObject("opportunitiesByPair");
            for (int p = 0; p < VenuePair.COUNT; p++) {
                spreadsByPair.put(VenuePair.name(p), t.spreadsByPair[p]);
                oppsByPair.put(VenuePair.name(p), t.opportunitiesByPair[p]);
            }
        }

        ObjectNode outp = root.putObject("output");
        outp.put("records", s.outputRecords());
        outp.put("payloadBytes", s.outputBytes());
        putAvg(outp, s.outputBytesPerRecord());
        outp.put("spreads", s.spreads());
        outp.put("opportunities", s.opportunities());
        // perp-jupiter's, whose names these are (every opportunity before venue pairs); the others' are in byPair.
        ObjectNode byDir = outp.putObject("opportunitiesByDirection");
        for (int d = OutputRecord.SHORT_PERP_LONG_SPOT; d <= OutputRecord.LONG_PERP_SHORT_SPOT; d++) {
            byDir.put(OutputRecord.directionName(d), s.opportunities(VenuePair.PERP_JUPITER, d));
        }
        outp.put("rejected", s.rejected());
        ObjectNode byReason = outp.putObject("rejectedByReason");
        for (int r = 1; r < OutputRecord.GATE_REASONS; r++) {
            byReason.put(OutputRecord.rejectReasonName(r), s.rejected(r));
        }
        ObjectNode byPair = outp.putObject("byPair");
        for (int p = 0; p < VenuePair.COUNT; p++) {
            ObjectNode o = byPair.putObject(VenuePair.name(p));
            o.put("spreads", s.spreads(p));
            o.put("opportunities", s.opportunitiesOfPair(p));
            ObjectNode dirs = o.putObject("opportunitiesByDirection");
            for (int d = OutputRecord.SHORT_PERP_LONG_SPOT; d <= OutputRecord.LONG_PERP_SHORT_SPOT; d++) {
                dirs.put(VenuePair.directionName(d, p), s.opportunities(p, d));
            }
            o.put("rejected", s.rejectedOfPair(p));
            ObjectNode reasons = o.putObject("rejectedByReason");
            for (int r = 1; r < OutputRecord.GATE_REASONS; r++) {
                reasons.put(OutputRecord.rejectReasonName(r), s.rejected(p, r));
            }
        }
        if (s.discoveries() > 0) {
            ObjectNode disc = root.putObject("discovery");
            disc.put("rounds", s.discoveries());
            disc.put("pairs", s.discoveredPairs());
            disc.put("last", s.lastDiscovery());
        }
        ObjectNode outByType = outp.putObject("byType");
        outByType.put(OutputType.name(OutputType.SPREAD), s.spreads());
        outByType.put(OutputType.name(OutputType.OPPORTUNITY), s.opportunities());
        outByType.put(OutputType.name(OutputType.LATENCY), s.outputRecords(OutputType.LATENCY));

        ObjectNode sources = root.putObject("sources");
        for (JournalStats.SourceStatus st : s.statuses()) {
            ObjectNode o = sources.putObject(Source.name(st.source()));
            o.put("state", SourceState.name(st.state()));
            o.put("reason", st.reason());
            o.put("time", Times.isoNanos(st.timeNanos()));
        }
        JournalStats.CacheSummary cache = s.cache();
        if (cache == null) {
            root.putNull("cache");
        } else {
            ObjectNode c = root.putObject("cache");
            c.put("backend", cache.serving());
            c.put("switchesToRedis", cache.toRedis());
            c.put("switchesToLocal", cache.toLocal());
            ObjectNode f = c.putObject("lastFigures");
            cache.lastFigures().forEach((k, v) -> {
                try {
                    f.put(k, Long.parseLong(v));
                } catch (NumberFormatException notANumber) {
                    f.put(k, v);
                }
            });
        }
        ObjectNode serving = root.putObject("serving");
        serving(serving, "perp", s.perpServing(), s);
        serving(serving, "spot", s.spotServing(), s);
        freshness(root.putObject("spotFreshness"), s);
        var lat = root.putArray("latency");
        for (LatencyReport.Entry e : latency.entries()) {
            LatencyReport.Percentiles p = e.percentiles();
            ObjectNode o = lat.addObject();
            o.put("kind", e.kindName());
            o.put("source", e.sourceName());
            o.put("intervals", e.snapshots());
            o.put("count", p.count());
            o.put("p50Nanos", p.p50());
            o.put("p90Nanos", p.p90());
            o.put("p99Nanos", p.p99());
            o.put("p999Nanos", p.p999());
            o.put("maxNanos", p.max());
            o.put("negative", e.negative());
            o.put("overflow", e.overflow());
        }

        try {
            out.println(m.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render stats as JSON", e);
        }
        out.flush();
    }

    private static void freshness(ObjectNode o, JournalStats s) {
        SpotFreshness f = s.freshness();
        o.put("nearSignalAbsZ", f.nearAbsZ());
        ages(o.putObject("spotAge"), f.spotAge());
        o.put("perpWithoutSpot", f.perpWithoutSpot());
        o.put("priceAnswers", f.priceAnswers());
        o.put("quoteRungs", f.quoteRungs());
        ages(o.putObject("nearSignalLadderAge"), f.nearSignalLadderAge());
        o.put("nearSignalWithoutQuote", f.nearSignalWithoutQuote());
        o.put("nearSignalTokens", f.nearSignalTokens());
        SpotFreshness.Ages once = f.nearSignalAtOnce();
        ObjectNode atOnce = o.putObject("nearSignalAtOnce");
        atOnce.put("p50", once.p50());
        atOnce.put("p99", once.p99());
        atOnce.put("max", once.max());
        ObjectNode bySymbol = o.putObject("bySymbol");
        for (SpotFreshness.TokenFreshness t : s.freshnessByToken()) {
            ObjectNode tok = bySymbol.putObject(t.symbol());
            tok.put("id", t.tokenId());
            ages(tok.putObject("spotAge"), t.spotAge());
            tok.put("ladders", t.ladders());
            ages(tok.putObject("nearSignalLadderAge"), t.nearSignalLadderAge());
        }
    }

    private static void ages(ObjectNode o, SpotFreshness.Ages a) {
        o.put("count", a.count());
        o.put("p50Nanos", a.p50());
        o.put("p99Nanos", a.p99());
        o.put("maxNanos", a.max());
    }

    private static void putAvg(ObjectNode o, double avg) {
        if (Double.isNaN(avg)) {
            o.putNull("avgBytesPerRecord");
        } else {
            o.put("avgBytesPerRecord", BigDecimal.valueOf(avg).setScale(2, RoundingMode.HALF_UP));
        }
    }

    private static void serving(ObjectNode parent, String side, JournalStats.Serving v, JournalStats s) {
        if (v == null) {
            parent.putNull(side);
            return;
        }
        ObjectNode o = parent.putObject(side);
        o.put("source", Source.name(v.source()));
        o.put("lastEvent", Times.isoNanos(v.timeNanos()));
        JournalStats.SourceStatus st = s.status(v.source());
        o.put("state", st == null ? null : SourceState.name(st.state()));
    }
}
