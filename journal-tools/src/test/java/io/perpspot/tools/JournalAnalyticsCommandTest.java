package io.perpspot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
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
            assertEquals(7, t.events());
            assertEquals(4, t.events(EventType.PERP_BBO));
            assertEquals(2, t.events(EventType.SPOT_PRICE));
            assertEquals(1, t.events(EventType.PERP_CTX));
            assertEquals(1_234_567.5, t.dayNotionalUsd(), 1e-9);
            assertEquals(3, t.opportunities());
            assertEquals(1, t.hits());
            assertEquals(1, t.misses());
            assertEquals(1, t.unresolved());
            assertEquals(0.5, t.hitRate(), 1e-12);
            assertEquals(28.0 / 3, t.meanNetBps(), 1e-9);
            assertEquals(14.0 / 3, t.expectedBps(), 1e-9);
            assertEquals(11, t.spreads());
            assertEquals(-5, t.basisPercentile(5), 0);
            assertEquals(12, t.basisPercentile(50), 0);
            assertEquals(30, t.basisPercentile(95), 0);
            assertEquals(156.0 / 11, t.basisMean(), 1e-9);
            assertEquals(9.785889656, t.basisStd(), 1e-6);
            assertEquals(4, t.feedLatencyCount());
            assertEquals(20.0, t.feedLatencyNanos(50) / 1e6, 0.05);
            assertEquals(40.0, t.feedLatencyNanos(99) / 1e6, 0.05);
            TokenAnalytics.Stats empty = a.tokens().get(1);
            assertEquals(0, empty.events());
            assertTrue(Double.isNaN(empty.hitRate()) && Double.isNaN(empty.basisMean()));
        }
    }

    @Test
    void tableAndCsvCarryTheSameNumbers() throws Exception {
        Path dir = build();
        Path csv = tmp.resolve("tokens.csv");
        InProcessCli.Run run = InProcessCli.run("journal", "analytics", dir, "--csv", csv, "--horizon", "5s");
        assertEquals(0, run.code(), run.toString());
        String sym = Fixtures.shippedTokens().get(0).symbol();
        assertTrue(run.out().matches("(?s).*\\n" + sym
                + "\\s+7\\s+2\\s+1,234,568\\s+3\\s+1\\s+1\\s+1\\s+50\\.0\\s+9\\.33\\s+4\\.67"
                + "\\s+-5\\.00\\s+12\\.00\\s+30\\.00\\s+14\\.18\\s+9\\.79\\s+20\\.\\dms\\s+40\\.\\dms\\n.*"),
                run.out());

        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), String.join("\n", lines));
        String[] header = lines.get(0).split(",", -1);
        String[] row = lines.get(1).split(",", -1);
        assertEquals(header.length, row.length);
        assertEquals(sym, row[col(header, "symbol")]);
        assertEquals("7", row[col(header, "events")]);
        assertEquals("4", row[col(header, "perp_bbo")]);
        assertEquals("3", row[col(header, "opportunities")]);
        assertEquals("1", row[col(header, "hits")]);
        assertEquals("1", row[col(header, "misses")]);
        assertEquals("1", row[col(header, "unresolved")]);
        assertEquals(0.5, Double.parseDouble(row[col(header, "hit_rate")]), 1e-9);
        assertEquals(-5, Double.parseDouble(row[col(header, "basis_p5_bps")]), 1e-9);
        assertEquals(12, Double.parseDouble(row[col(header, "basis_p50_bps")]), 1e-9);
        assertEquals(30, Double.parseDouble(row[col(header, "basis_p95_bps")]), 1e-9);
        assertEquals(1_234_567.5, Double.parseDouble(row[col(header, "day_notional_usd")]), 1e-6);
        String[] empty = lines.get(2).split(",", -1);
        assertEquals("", empty[col(header, "hit_rate")], "undefined is empty, never NaN");
        assertTrue(!lines.get(2).contains("NaN"), lines.get(2));
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
