package io.perpspot.engine.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;

/**
 * Each transition is journaled once and logged once; a fault warns, a planned stop (a DOWN whose
 * reason starts with {@link SourceState#STOPPED_REASON}) is journaled the same but does not warn.
 */
class StatusPublisherTest {
    @Test
    void aFaultWarnsAPlannedStopDoesNotAndBothAreJournaledOnce() {
        List<String> journaled = new ArrayList<>();
        StatusPublisher status = new StatusPublisher(e -> record(journaled, e), new SystemEpochNanoClock());
        try (LogCapture logs = LogCapture.of("perpspot.sources")) {
            status.publish(Source.HL_WS_MAINNET, SourceState.DOWN, "connection reset");
            status.publish(Source.HL_WS_MAINNET, SourceState.DOWN, "connection reset");
            status.publish(Source.CACHE_LOCAL, SourceState.DOWN, SourceState.STOPPED_REASON + "hits=3");
            assertEquals(List.of("hl-ws-mainnet is down: connection reset"), logs.messages(Level.WARN));
        }
        assertEquals(List.of("hl-ws-mainnet down connection reset", "cache-local down stopped: hits=3"), journaled);
    }

    private static boolean record(List<String> journaled, MarketEvent e) {
        journaled.add(Source.name(e.source) + " " + SourceState.name(e.status) + " " + e.textString());
        return true;
    }
}
