package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.dashboard.state.HistorySeries;
import io.perpspot.dashboard.state.JournalSummary;
import io.perpspot.dashboard.state.JournalTailer;
import io.perpspot.dashboard.state.MarketView;
import io.perpspot.dashboard.state.Opportunity;
import io.perpspot.dashboard.state.PairRow;
import io.perpspot.dashboard.state.TokenRow;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.testkit.Await;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board's fold of the three venue pairs, through the real codecs and the tailer: SOL with a perp, Jupiter and
 * Hyperliquid spot, ABC with the perp and Jupiter only. Each pair's Spread and Opportunity records land in that
 * pair's figures; the token's own prices and basis stay perp-jupiter's; Hyperliquid spot's price comes from the
 * newer of the two pairs it is a leg of; the best pair is the highest net edge among recent opportunities.
 */
class ThreeVenueBoardTest {
    /** The board's best-pair window as the row's javadoc states it (5 minutes). */
    static final long WINDOW_MS = 300_000;

    @TempDir
    Path dir;

    private static MarketView view() {
        return new MarketView(100, 100, Fixture.services().execution());
    }

    @Test
    void eachPairKeepsItsOwnFiguresAndTheBestPairIsTheRecentHighestNetEdge() throws Exception {
        Path journal = dir.resolve("j");
        MarketView view = view();
        try (TestJournal j = new TestJournal(journal)) {
            j.engineStart();
            int sol = j.token("SOL", "SOL");
            int abc = j.token("ABC", "ABC");
            j.spot(sol, "100");
            j.bbo(sol, "100.4", "100.6");
            j.spot(abc, "2");
            j.bbo(abc, "2.01", "2.03");
            j.pairSpread(sol, VenuePair.PERP_JUPITER, "100.4", "100.6", "100.5", "100", 50.0, 1.5);
            j.pairSpread(abc, VenuePair.PERP_JUPITER, "2.01", "2.03", "2.02", "2", 100.0, 2.5);
            j.tick(1000);
            j.pairSpread(sol, VenuePair.HLSPOT_JUPITER, "100.1", "100.3", "100.2", "100", 20.0, 0.8);
            j.tick(1000);
            j.pairSpread(sol, VenuePair.PERP_HLSPOT, "100.4", "100.6", "100.5", "100.25", 24.9, -0.4);
            j.pairOpportunity(sol, VenuePair.PERP_JUPITER, OutputRecord.SHORT_PERP_LONG_SPOT, 12.0, 2.1);
            j.pairOpportunity(sol, VenuePair.PERP_HLSPOT, OutputRecord.SHORT_PERP_LONG_SPOT, 18.5, 2.2);
            j.pairOpportunity(sol, VenuePair.HLSPOT_JUPITER, OutputRecord.LONG_PERP_SHORT_SPOT, 7.0, -2.3);

            try (JournalTailer tailer = new JournalTailer(journal, view)) {
                tailer.start();
                assertTrue(tailer.awaitCaughtUp(30, TimeUnit.SECONDS));
                TokenRow r = view.row("SOL");
                // the token's own figures: perp-jupiter's, not overwritten by the other pairs' records
                assertEquals("100", r.spot());
                assertEquals("100.5", r.perp());
                assertEquals(50.0, r.basisBps());
                assertEquals(1.5, r.z());
                // Hyperliquid spot: the mid of perp-hlspot's record (the newer), bid and ask of hlspot-jupiter's
                assertEquals("100.25", r.hlSpot());
                assertEquals("100.1", r.hlSpotBid());
                assertEquals("100.3", r.hlSpotAsk());
                assertEquals(TestJournal.T0_NANOS / 1_000_000 + 2000, r.hlSpotTimeMs());
                long t2 = TestJournal.T0_NANOS / 1_000_000 + 2000;
                assertEquals(List.of(
                        new PairRow("perp-jupiter", 50.0, 1.5, t2 - 2000, 12.0, "short-perp/long-spot", t2),
                        new PairRow("perp-hlspot", 24.9, -0.4, t2, 18.5, "short-perp/long-hlspot", t2),
                        new PairRow("hlspot-jupiter", 20.0, 0.8, t2 - 1000, 7.0, "long-hlspot/short-jupiter", t2)),
                        r.pairs());
                assertEquals("perp-hlspot", r.bestPair());
                assertEquals(18.5, r.bestNetBps());
                assertEquals(3, r.opportunities());
                // the journal's figures count each pair's records
                JournalSummary js = view.health().journal();
                assertEquals(Map.of("perp-jupiter", 2L, "perp-hlspot", 1L, "hlspot-jupiter", 1L), js.spreadsByPair());
                assertEquals(Map.of("perp-jupiter", 1L, "perp-hlspot", 1L, "hlspot-jupiter", 1L),
                        js.opportunitiesByPair());

                TokenRow a = view.row("ABC");
                assertNull(a.hlSpot());
                assertNull(a.hlSpotBid());
                assertEquals(new PairRow("perp-hlspot", null, null, null, null, null, null), a.pairs().get(1));
                assertEquals(100.0, a.pairs().get(0).basisBps());
                assertNull(a.bestPair(), "ABC has no opportunity");

                List<Opportunity> opps = view.opportunities(-1, "SOL", 10);
                assertEquals(List.of("perp-jupiter", "perp-hlspot", "hlspot-jupiter"),
                        opps.stream().map(Opportunity::pair).toList());
                assertEquals(List.of("short-perp/long-spot", "short-perp/long-hlspot", "long-hlspot/short-jupiter"),
                        opps.stream().map(Opportunity::direction).toList());
                // the execution model prices perp-jupiter only: the other pairs carry the record's figures alone
                assertEquals(4, opps.get(0).slippage().size());
                assertEquals(List.of(), opps.get(1).slippage());
                assertEquals(List.of(), opps.get(2).edge());
                assertNull(opps.get(2).liquidity());
                assertEquals(18.5, opps.get(1).netBps());
                assertEquals("100", opps.get(1).spot());
                assertEquals("100.5", opps.get(1).perp());

                HistorySeries h = view.history("SOL", 0, Long.MAX_VALUE, 100);
                assertEquals(List.of(50.0), h.basisBps());
                assertEquals(List.of(100.0), h.spot());
                assertEquals(List.of(100.5), h.perpMid());
                assertEquals(2, h.pairs().size());
                HistorySeries.PairSeries p1 = h.pairs().get(0);
                assertEquals("perp-hlspot", p1.pair());
                assertEquals(List.of(t2), p1.timeMs());
                assertEquals(List.of(100.5), p1.legA());
                assertEquals(List.of(100.25), p1.legB());
                assertEquals(List.of(24.9), p1.basisBps());
                HistorySeries.PairSeries p2 = h.pairs().get(1);
                assertEquals("hlspot-jupiter", p2.pair());
                assertEquals(List.of(100.2), p2.legA());
                assertEquals(List.of(100.0), p2.legB());
                assertEquals(List.of(20.0), p2.basisBps());
                assertEquals(List.of(t2 - 1000, t2), h.hlSpot().timeMs());
                assertEquals(List.of(100.2, 100.25), h.hlSpot().mid());
                HistorySeries ha = view.history("ABC", 0, Long.MAX_VALUE, 100);
                assertEquals(List.of(), ha.pairs());
                assertNull(ha.hlSpot());

                // a newer hlspot-jupiter record takes the mid back; 5 minutes on, no pair is recent: no best pair
                j.tick(1000);
                j.pairSpread(sol, VenuePair.HLSPOT_JUPITER, "100.15", "100.35", "100.25", "100", 25.0, 0.9);
                Await.await("the newer hlspot-jupiter record", 10, () -> "100.35".equals(view.row("SOL").hlSpotAsk()));
                assertEquals(t2 + 1000, view.row("SOL").hlSpotTimeMs());
                assertEquals("100.25", view.row("SOL").hlSpot());
                assertEquals("perp-hlspot", view.row("SOL").bestPair(), "the journal clock has not moved");
                j.tick(WINDOW_MS - 1000);
                j.spot(abc, "2");
                Await.await("the journal clock at the window's end", 10,
                        () -> view.clocks().lastEventMs() == t2 + WINDOW_MS);
                assertEquals("perp-hlspot", view.row("SOL").bestPair(), "exactly the window: still recent");
                j.tick(1);
                j.spot(abc, "2");
                Await.await("no best pair past the window", 10, () -> view.row("SOL").bestPair() == null);
                assertNull(view.row("SOL").bestNetBps());
                assertEquals(18.5, view.row("SOL").pairs().get(1).netBps(), "the pair's latest stays shown");
            }
        }
    }

}
