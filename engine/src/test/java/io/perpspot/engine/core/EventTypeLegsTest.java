package io.perpspot.engine.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A Hyperliquid spot book reuses the perp's event types but is neither leg the strategy trades today. */
class EventTypeLegsTest {
    @Test
    void aHyperliquidSpotBookIsNotTheTradedPerpLegWhileTheSameTypeFromThePerpFeedIs() {
        for (int type : new int[] {EventType.PERP_BBO, EventType.PERP_BOOK}) {
            assertTrue(EventType.isTradedLeg(type, Source.HL_WS_MAINNET));
            assertTrue(EventType.isPerpLeg(type, Source.HL_REST));
            assertFalse(EventType.isTradedLeg(type, Source.HL_SPOT));
            assertFalse(EventType.isPerpLeg(type, Source.HL_SPOT));
        }
        assertTrue(EventType.isTradedLeg(EventType.SPOT_PRICE, Source.JUPITER_PRICE));
        assertFalse(EventType.isPerpLeg(EventType.SPOT_PRICE, Source.JUPITER_PRICE));
        assertFalse(EventType.isTradedLeg(EventType.TOKEN_DEF, Source.ENGINE));
    }
}
