package io.perpspot.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.spread.QuoteLadder;
import org.junit.jupiter.api.Test;

class LadderPricingTest {
    @Test
    void theRecordedQuoteIsExactAtItsOwnNotional() {
        QuoteLadder l = Markets.solSellLadder();
        LegFill f = new LegFill();
        assertEquals(LadderPricing.OK, LadderPricing.price(l, false, 120.704786, 120.80, 4, f));
        assertEquals(120.704786, f.avgPrice, 1e-9);
        assertEquals((120.80 - 120.704786) / 120.80 * 10_000, f.slippageBps(false), 1e-9);
        assertEquals(PriceSource.LADDER, f.source);
    }

    @Test
    void belowTheFirstRungThePriceIsLinearFromTheReference() {
        QuoteLadder l = Markets.solSellLadder();
        LegFill f = new LegFill();
        LadderPricing.price(l, false, 120.704786 / 2, 120.80, 4, f);
        assertEquals(120.80 + (120.704786 - 120.80) / 2, f.avgPrice, 1e-9);
    }

    @Test
    void betweenRungsThePriceIsLinearInNotional() {
        QuoteLadder l = Markets.solSellLadder();
        l.put(QuoteSide.SELL, Markets.usd("12070.4786"), Markets.px("120.10"), 5000, Markets.T0);
        LegFill f = new LegFill();
        double lo = 120.704786;
        double hi = 12070.4786;
        double n = lo + 0.25 * (hi - lo);
        LadderPricing.price(l, false, n, 120.80, 4, f);
        assertEquals(120.704786 + 0.25 * (120.10 - 120.704786), f.avgPrice, 1e-9);
    }

    @Test
    void beyondTheLastRungSlippageGrowsAsSqrtThenIsRefused() {
        QuoteLadder l = Markets.solSellLadder();
        LegFill f = new LegFill();
        double last = 120.704786;
        assertEquals(LadderPricing.OK, LadderPricing.price(l, false, 4 * last, 120.80, 4, f));
        double rel = (120.704786 - 120.80) / 120.80;
        assertEquals(120.80 * (1 + rel * 2), f.avgPrice, 1e-9);
        assertEquals(PriceSource.LADDER_EXTRAPOLATED, f.source);
        assertEquals(LadderPricing.BEYOND_DEPTH, LadderPricing.price(l, false, 4 * last + 1, 120.80, 4, f));
        assertEquals(LadderPricing.EMPTY, LadderPricing.price(l, true, 100, 120.80, 4, f));
    }
}
