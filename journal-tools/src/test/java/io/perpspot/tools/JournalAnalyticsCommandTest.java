package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.testing.InProcessCli;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.tools.read.TokenAnalytics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal analytics} on a hand-built journal (both queues written record by record) whose
 * counts, hit rate and spread percentiles are computed by hand below.
 *
 * <pre>
 * token 0: PerpBbo ×4 (feed latency 10, 20, 30, 40 ms), SpotPrice ×2 (last at 20 s), PerpCtx ×1 (dayNtlVlm 1,234,567.5)
 *          Spread basis at 1..10 s: 10 30 −5 12 18 25 7 9 11 15, at 19 s: 24
 *            sorted −5 7 9 10 11 12 15 18 24 25 30 (n 11): p5 = −5 (rank 1), p50 = 12 (rank 6), p95 = 30 (rank 11)
 *            mean 156/11 = 14.1818, sample std sqrt(957.636/10) = 9.7859
 *          Opportunities (horizon 5 s, journal ends at 20 s):
 *            2 s  short-perp basis 30 net 10: 3 s has −5, moved 35 ≥ 10        → hit
 *            8 s  long-perp  basis 9  net 10: 9 s 11, 10 s 15: moved 2, 6     → miss (13 s ≤ 20 s)
 *            18 s short-perp basis 25 net 8:  19 s has 24, moved 1            → unresolved (23 s > 20 s)
 *            10 s short-perp basis 40 net 20, refused (stale spot): not an opportunity, counted nowhere
 *          hit rate 1/2, mean net (10 + 10 + 8)/3 = 9.3333, expected 4.6667 bps
 *          Hyperliquid spot: one PerpBbo (source hl-spot, no exchange time) at 7 s; its pairs' records:
 *          perp-hlspot Spread basis at 1..4 s: 50 20 45 60: sorted 20 45 50 60: p5 20, p50 45 (rank 2), p95 60,
 *            mean 43.75, sample std sqrt(868.75/3) = 17.0171
 *            1.5 s short-perp/long-hlspot basis 50 net 25: 2 s has 20, moved 30 ≥ 25           → hit
 *            3.5 s long-perp/short-hlspot basis 45 net 10: 4 s has 60, moved 15 ≥ 10           → hit
 *            hit rate 1, mean net 17.5, expected 17.5 bps
 *          hlspot-jupiter: no Spread; 19.5 s long-hlspot/short-jupiter basis −30 net 12      → unresolved
 *            and a refused one at 19.6 s (stale perp): counted nowhere
 *          perp-jupiter's figures above are the same with these records in the journal: the pairs are apart
 * token 1: defined, nothing else: zeros, undefined statistics empty in CSV
 * </pre>
 */
class JournalAnalyticsCommandTest {
    private static final long T0 = 1_736_942_400_000_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    Path tmp;

    private Path build() {
        Path dir = tmp.resolve("j");
        try (Journal j = Journal.openForWrite(dir, "daily")) {
            ExcerptAppender in = j.input().createAppender();
            ExcerptAppender out = j.output().createAppender();
            MarketEvent e = new MarketEvent();
            input(in, EngineEvents.engineStart(e, "strategy.zscore.window=120\n", T0));
            input(in, EngineEvents.tokenDef(e, Fixtures.shippedTokens().get(0), T0));
            input(in, EngineEvents.tokenDef(e, Fixtures.shippedTokens().get(1), T0));
            for (int i = 1; i <= 4; i++) {
                long recv = T0 + i * S;
                input(in, market(e, EventType.PERP_BBO, recv, recv / MS - 10L * i));
            }
            input(in, market(e, EventType.SPOT_PRICE, T0 + 5 * S, 0));
            MarketEvent ctx = market(e, EventType.PERP_CTX, T0 + 6 * S, 0);
            ctx.dayNtlVlm = 1_234_567_500_000L;
            input(in, ctx);
            input(in, market(e, EventType.SPOT_PRICE, T0 + 20 * S, 0));
            MarketEvent hlSpot = market(e, EventType.PERP_BBO, T0 + 7 * S, 0);
            hlSpot.source = Source.HL_SPOT;
            input(in, hlSpot);

            double[] basis = {10, 30, -5, 12, 18, 25, 7, 9, 11, 15};
            OutputRecord r = new OutputRecord();
            for (int i = 0; i < basis.length; i++) {
                if (i == 1) {
                    output(out, opp(r, T0 + 2 * S, OutputRecord.SHORT_PERP_LONG_SPOT, 30, 10));
                }
                if (i == 7) {
                    output(out, opp(r, T0 + 8 * S, OutputRecord.LONG_PERP_SHORT_SPOT, 9, 10));
                }
                if (i == 9) {
                    OutputRecord refused = opp(r, T0 + 10 * S, OutputRecord.SHORT_PERP_LONG_SPOT, 40, 20);
                    refused.rejectReason = OutputRecord.GATE_STALE_SPOT;
                    output(out, refused);
                }
                output(out, spread(r, T0 + (i + 1) * S, basis[i]));
            }
            output(out, opp(r, T0 + 18 * S, OutputRecord.SHORT_PERP_LONG_SPOT, 25, 8));
            output(out, spread(r, T0 + 19 * S, 24));
            double[] hlBasis = {50, 20, 45, 60};
            for (int i = 0; i < hlBasis.length; i++) {
                if (i == 1) {
                    output(out, pair(opp(r, T0 + 1_500 * MS, OutputRecord.SHORT_PERP_LONG_SPOT, 50, 25), 1));
                }
                if (i == 3) {
                    output(out, pair(opp(r, T0 + 3_500 * MS, OutputRecord.LONG_PERP_SHORT_SPOT, 45, 10), 1));
                }
                output(out, pair(spread(r, T0 + (i + 1) * S, hlBasis[i]), 1));
            }
            output(out, pair(opp(r, T0 + 19_500 * MS, OutputRecord.LONG_PERP_SHORT_SPOT, -30, 12), 2));
            OutputRecord refused = pair(opp(r, T0 + 19_600 * MS, OutputRecord.LONG_PERP_SHORT_SPOT, -35, 15), 2);
            refused.rejectReason = OutputRecord.GATE_STALE_PERP;
            output(out, refused);
            in.close();
            out.close();
        }
        return dir;
    }

    private static void input(ExcerptAppender a, MarketEvent e) {
        try (DocumentContext dc = a.writingDocument()) {
            InputCodec.write(e, dc.wire().bytes());
        }
    }

    private static void output(ExcerptAppender a, OutputRecord r) {
        try (DocumentContext dc = a.writingDocument()) {
            OutputCodec.write(r, dc.wire().bytes());
        }
    }

    private static MarketEvent market(MarketEvent e, int type, long recv, long exchMs) {
        e.reset();
        e.type = type;
        e.source = type == EventType.SPOT_PRICE ? Source.JUPITER_PRICE : Source.HL_WS_MAINNET;
        e.tokenId = 0;
        e.recvNanos = recv;
        e.exchTimeMs = exchMs;
        e.bidPx = 1;
        e.askPx = 2;
        e.spotPx = 1;
        return e;
    }

    private static OutputRecord spread(OutputRecord r, long t, double basis) {
        r.reset();
        r.type = OutputType.SPREAD;
        r.tokenId = 0;
        r.inputIndex = 1;
        r.timeNanos = t;
        r.basisBps = basis;
        return r;
    }

    private static OutputRecord pair(OutputRecord r, int pair) {
        r.pair = pair;
        return r;
    }

    private static OutputRecord opp(OutputRecord r, long t, int direction, double basis, double net) {
        r.reset();
        r.type = OutputType.OPPORTUNITY;
        r.tokenId = 0;
        r.inputIndex = 1;
        r.timeNanos = t;
        r.direction = direction;
        r.basisBps = basis;
        r.netBps = net;
        r.grossBps = net + 9;
        r.feesBps = 9;
        return r;
    }

    @Test
    void perTokenAnalyticsMatchTheHandComputedValues() {
        Path dir = build();
        try (JournalReader reader = JournalReader.open(dir)) {
            TokenAnalytics a = TokenAnalytics.compute(reader, 5 * S);
            TokenAnalytics.Stats t = a.tokens().get(0);
            assertEquals(Fixtures.shippedTokens().get(0).symbol(), t.symbol());
            assertEquals(8, t.events());
            assertEquals(4, t.events(EventType.PERP_BBO), "the perp's: the hl-spot book is not one");
            assertEquals(1, t.hlSpotEvents());
            assertEquals(2, t.events(EventType.SPOT_PRICE));
            assertEquals(1, t.events(EventType.PERP_CTX));
            assertEquals(1_234_567.5, t.dayNotionalUsd(), 1e-9);
            TokenAnalytics.PairStats pj = t.pair(VenuePair.PERP_JUPITER);
            assertEquals(3, pj.opportunities());
            assertEquals(1, pj.hits());
            assertEquals(1, pj.misses());
            assertEquals(1, pj.unresolved());
            assertEquals(0.5, pj.hitRate(), 1e-12);
            assertEquals(28.0 / 3, pj.meanNetBps(), 1e-9);
            assertEquals(14.0 / 3, pj.expectedBps(), 1e-9);
            assertEquals(11, pj.spreads());
            assertEquals(-5, pj.basisPercentile(5), 0);
            assertEquals(12, pj.basisPercentile(50), 0);
            assertEquals(30, pj.basisPercentile(95), 0);
            assertEquals(156.0 / 11, pj.basisMean(), 1e-9);
            assertEquals(9.785889656, pj.basisStd(), 1e-6);
            assertEquals(4, t.feedLatencyCount());
            assertEquals(20.0, t.feedLatencyNanos(50) / 1e6, 0.05);
            assertEquals(40.0, t.feedLatencyNanos(99) / 1e6, 0.05);
            TokenAnalytics.PairStats ph = t.pair(VenuePair.PERP_HLSPOT);
            assertEquals(2, ph.opportunities());
            assertEquals(2, ph.hits());
            assertEquals(0, ph.misses() + ph.unresolved());
            assertEquals(1.0, ph.hitRate(), 0);
            assertEquals(17.5, ph.meanNetBps(), 1e-12);
            assertEquals(17.5, ph.expectedBps(), 1e-12);
            assertEquals(4, ph.spreads());
            assertEquals(20, ph.basisPercentile(5), 0);
            assertEquals(45, ph.basisPercentile(50), 0);
            assertEquals(60, ph.basisPercentile(95), 0);
            assertEquals(43.75, ph.basisMean(), 1e-12);
            assertEquals(Math.sqrt(868.75 / 3), ph.basisStd(), 1e-12);
            TokenAnalytics.PairStats hj = t.pair(VenuePair.HLSPOT_JUPITER);
            assertEquals(1, hj.opportunities());
            assertEquals(1, hj.unresolved());
            assertTrue(Double.isNaN(hj.hitRate()));
            assertEquals(12, hj.meanNetBps(), 0);
            assertEquals(0, hj.spreads());
            assertTrue(hj.seen() && ph.seen() && pj.seen());
            TokenAnalytics.Stats empty = a.tokens().get(1);
            assertEquals(0, empty.events());
            assertTrue(Double.isNaN(empty.pair(0).hitRate()) && Double.isNaN(empty.pair(0).basisMean()));
            assertTrue(!empty.pair(0).seen() && !empty.pair(1).seen() && !empty.pair(2).seen());
        }
    }

    @Test
    void tableAndCsvCarryTheSameNumbers() throws Exception {
        Path dir = build();
        Path csv = tmp.resolve("tokens.csv");
        InProcessCli.Run run = InProcessCli.run("journal", "analytics", dir, "--csv", csv, "--horizon", "5s");
        assertEquals(0, run.code(), run.toString());
        String sym = Fixtures.shippedTokens().get(0).symbol();
        // One row per token and pair with records; the token's own columns only on its first row.
        assertTrue(run.out().matches("(?s).*\\n" + sym
                + "\\s+perp-jupiter\\s+8\\s+1\\s+2\\s+1,234,568\\s+3\\s+1\\s+1\\s+1\\s+50\\.0\\s+9\\.33"
                + "\\s+4\\.67"
                + "\\s+-5\\.00\\s+12\\.00\\s+30\\.00\\s+14\\.18\\s+9\\.79\\s+20\\.\\dms\\s+40\\.\\dms\\n"
                + sym + "\\s+perp-hlspot\\s+2\\s+2\\s+0\\s+0\\s+100\\.0\\s+17\\.50\\s+17\\.50"
                + "\\s+20\\.00\\s+45\\.00\\s+60\\.00\\s+43\\.75\\s+17\\.02\\n"
                + sym + "\\s+hlspot-jupiter\\s+1\\s+0\\s+0\\s+1\\s+-\\s+12\\.00(\\s+-){6}\\n.*"),
                run.out());
        assertTrue(run.out().matches("(?s).*\\n  perp-jupiter\\s+1\\s+3\\s+1\\s+1\\s+1\\s+50\\.0\\s+9\\.33"
                + "\\s+4\\.67\\s+11\\n"
                + "  perp-hlspot\\s+1\\s+2\\s+2\\s+0\\s+0\\s+100\\.0\\s+17\\.50\\s+17\\.50\\s+4\\n"
                + "  hlspot-jupiter\\s+1\\s+1\\s+0\\s+0\\s+1\\s+-\\s+12\\.00\\s+-\\s+0\\n.*"), run.out());

        List<String> lines = Files.readAllLines(csv);
        assertEquals(5, lines.size(), String.join("\n", lines));
        String[] header = lines.get(0).split(",", -1);
        String[] row = lines.get(1).split(",", -1);
        assertEquals(header.length, row.length);
        assertEquals(sym, row[col(header, "symbol")]);
        assertEquals("perp-jupiter", row[col(header, "pair")]);
        assertEquals("8", row[col(header, "events")]);
        assertEquals("4", row[col(header, "perp_bbo")]);
        assertEquals("1", row[col(header, "hl_spot")]);
        assertEquals("3", row[col(header, "opportunities")]);
        assertEquals("1", row[col(header, "hits")]);
        assertEquals("1", row[col(header, "misses")]);
        assertEquals("1", row[col(header, "unresolved")]);
        assertEquals(0.5, Double.parseDouble(row[col(header, "hit_rate")]), 1e-9);
        assertEquals(-5, Double.parseDouble(row[col(header, "basis_p5_bps")]), 1e-9);
        assertEquals(12, Double.parseDouble(row[col(header, "basis_p50_bps")]), 1e-9);
        assertEquals(30, Double.parseDouble(row[col(header, "basis_p95_bps")]), 1e-9);
        assertEquals(1_234_567.5, Double.parseDouble(row[col(header, "day_notional_usd")]), 1e-6);
        String[] hl = lines.get(2).split(",", -1);
        assertEquals("perp-hlspot", hl[col(header, "pair")]);
        assertEquals("8", hl[col(header, "events")], "the token's columns repeat on each of its rows");
        assertEquals("2", hl[col(header, "hits")]);
        assertEquals("17.500000", hl[col(header, "mean_net_bps")]);
        assertEquals("45.000000", hl[col(header, "basis_p50_bps")]);
        assertEquals("4", hl[col(header, "spreads")]);
        assertEquals("hlspot-jupiter", lines.get(3).split(",", -1)[col(header, "pair")]);
        assertEquals("1", lines.get(3).split(",", -1)[col(header, "unresolved")]);
        String[] empty = lines.get(4).split(",", -1);
        assertEquals("perp-jupiter", empty[col(header, "pair")], "a token without records gets its perp-jupiter row");
        assertEquals("", empty[col(header, "hit_rate")], "undefined is empty, never NaN");
        assertTrue(lines.stream().noneMatch(l -> l.contains("NaN")), String.join("\n", lines));
    }

    @Test
    void pairOptionKeepsOnePairForEveryToken() throws Exception {
        Path dir = build();
        Path csv = tmp.resolve("hlspot.csv");
        InProcessCli.Run run = InProcessCli.run("journal", "analytics", dir, "--csv", csv, "--horizon", "5s",
                "--pair", "perp-hlspot");
        assertEquals(0, run.code(), run.toString());
        assertTrue(!run.out().contains(" perp-jupiter ") && !run.out().contains(" hlspot-jupiter "), run.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), String.join("\n", lines));
        String[] header = lines.get(0).split(",", -1);
        assertEquals("perp-hlspot", lines.get(1).split(",", -1)[col(header, "pair")]);
        assertEquals("2", lines.get(1).split(",", -1)[col(header, "hits")]);
        assertEquals("0", lines.get(2).split(",", -1)[col(header, "opportunities")]);
        InProcessCli.Run bad = InProcessCli.run("journal", "analytics", dir, "--pair", "perp-cex");
        assertEquals(2, bad.code(), bad.toString());
        assertEquals(List.of("perpspot: journal analytics: --pair must be all, perp-jupiter, perp-hlspot or "
                + "hlspot-jupiter, got 'perp-cex'"), bad.errLines());
    }

    @Test
    void badArgumentsAndBadJournalsExitTwoWithOneLine() throws Exception {
        InProcessCli.Run missing = InProcessCli.run("journal", "analytics", tmp.resolve("nope"));
        assertEquals(2, missing.code(), missing.toString());
        assertEquals(1, missing.errLines().size(), missing.err());
        InProcessCli.Run plain = InProcessCli.run("journal", "analytics",
                Files.createDirectories(tmp.resolve("plain")));
        assertEquals(2, plain.code(), plain.toString());
        assertTrue(plain.err().contains("not a perpspot journal"), plain.err());
        Path dir = build();
        InProcessCli.Run horizon = InProcessCli.run("journal", "analytics", dir, "--horizon", "soon");
        assertEquals(2, horizon.code(), horizon.toString());
        assertTrue(horizon.err().contains("--horizon"), horizon.err());
        InProcessCli.Run csvDir = InProcessCli.run("journal", "analytics", dir, "--csv", tmp);
        assertEquals(2, csvDir.code(), csvDir.toString());
        assertTrue(csvDir.err().contains("is a directory"), csvDir.err());
    }

    private static int col(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
