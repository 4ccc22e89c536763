package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.spread.PerpDepth;
import io.perpspot.engine.spread.SpreadBook;
import org.junit.jupiter.api.Test;

/**
 * The perp leg's book walk against fills computed by hand on the real recorded DYDX L2 book
 * (hyperliquid-python-sdk cassette, 20 levels a side): asks 352.3 @ 2.1124, 364.9 @ 2.1125,
 * 3798.0 @ 2.1128 ...; bids 134.4 @ 2.111, 141.1 @ 2.1105, 125.8 @ 2.1104, 1379.2 @ 2.1081 ...
 */
class BookWalkTest {
    private final SpreadBook book = Markets.dydx("2.1117", "0");

    @Test
    void theFoldKeepsTheLatestL2Book() {
        PerpDepth d = book.depth;
        assertEquals(20, d.levels(PerpDepth.BID));
        assertEquals(20, d.levels(PerpDepth.ASK));
        assertEquals(Markets.px("2.1124"), d.price(PerpDepth.ASK, 0));
        assertEquals(Markets.px("1.81"), d.price(PerpDepth.BID, 19));
        assertEquals(Markets.T0, d.timeNanos());
    }

    @Test
    void buyingThousandTokensLiftsThreeAskLevels() {
        LegFill f = new LegFill();
        assertTrue(BookWalk.walk(book.depth, true, 1000, f));
        // 352.3 × 2.1124 + 364.9 × 2.1125 + 282.8 × 2.1128 = 744.19852 + 770.85125 + 597.49984
        double cost = 744.19852 + 770.85125 + 597.49984;
        assertEquals(cost / 1000, f.avgPrice, 1e-12);
        assertEquals(3, f.levels);
        assertEquals(2.1128, f.worstPrice, 1e-12);
        assertEquals(1000, f.quantity, 1e-9);
        double mid = (2.111 + 2.1124) / 2;
        assertEquals(mid, f.refPrice, 1e-12);
        assertEquals((cost / 1000 - mid) / mid * 10_000, f.slippageBps(true), 1e-9);
    }

    @Test
    void sellingFiveHundredTokensHitsFourBidLevels() {
        LegFill f = new LegFill();
        assertTrue(BookWalk.walk(book.depth, false, 500, f));
        // 134.4 × 2.111 + 141.1 × 2.1105 + 125.8 × 2.1104 + 98.7 × 2.1081
        double cost = 283.7184 + 297.79155 + 265.48832 + 208.06947;
        assertEquals(cost / 500, f.avgPrice, 1e-12);
        assertEquals(4, f.levels);
        double mid = (2.111 + 2.1124) / 2;
        assertEquals((mid - cost / 500) / mid * 10_000, f.slippageBps(false), 1e-9);
    }

    @Test
    void aSizeWithinTheBestLevelPaysOnlyTheHalfSpread() {
        LegFill f = new LegFill();
        assertTrue(BookWalk.walk(book.depth, true, 100, f));
        assertEquals(2.1124, f.avgPrice, 1e-12);
        assertEquals(1, f.levels);
    }

    @Test
    void moreThanTheBookHoldsIsRefusedNamingTheSize() {
        double asks = BookWalk.depthTokens(book.depth, true);
        // Sum of the 20 ask sizes of the recording.
        assertEquals(352.3 + 364.9 + 3798.0 + 3528.0 + 3635.0 + 1981.3 + 1957.3 + 1914.5 + 3245.0 + 1656.3 + 1839.9
                + 3806.1 + 3578.7 + 11.0 + 15.0 + 1983.8 + 24.0 + 1610.9 + 39.0 + 62.0, asks, 1e-6);
        LegFill f = new LegFill();
        assertFalse(BookWalk.walk(book.depth, true, asks + 1, f));
        assertEquals(asks, f.quantity, 1e-6);

        ExecutionModel model = new ExecutionModel(TestParams.defaults());
        MarketSnapshot m = Markets.dydxSnapshot("2.1117", "0");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> model.estimate(m, Direction.LONG_PERP_SHORT_SPOT, (asks + 1) * 2.1117, 1));
        assertEquals("size", e.parameter());
        assertTrue(e.getMessage().startsWith("size: ") && e.getMessage().contains("beyond depth"), e.getMessage());
    }

    @Test
    void slippageBandsAreInclusiveAsWritten() {
        assertEquals(SlippageBand.GREEN, SlippageBand.of(-3));
        assertEquals(SlippageBand.GREEN, SlippageBand.of(0));
        assertEquals(SlippageBand.GREEN, SlippageBand.of(50));
        assertEquals(SlippageBand.ORANGE, SlippageBand.of(Math.nextUp(50.0)));
        assertEquals(SlippageBand.ORANGE, SlippageBand.of(200));
        assertEquals(SlippageBand.RED, SlippageBand.of(Math.nextUp(200.0)));
        assertThrows(IllegalArgumentException.class, () -> SlippageBand.of(Double.NaN));
    }
}
