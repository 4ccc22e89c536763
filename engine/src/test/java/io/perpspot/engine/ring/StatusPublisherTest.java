package io.perpspot.engine.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Each transition is journaled once and logged once; a fault warns, a planned stop (a DOWN whose
 * reason starts with {@link SourceState#STOPPED_REASON}) is journaled the same but does not warn.
 */
class StatusPublisherTest {
    @Test
    void aFaultWarnsAPlannedStopDoesNotAndBothAreJournaledOnce() {
        Logger log = (Logger) LoggerFactory.getLogger("perpspot.sources");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        log.addAppender(logs);
        List<String> journaled = new ArrayList<>();
        StatusPublisher status = new StatusPublisher(e -> record(journaled, e), new SystemEpochNanoClock());
        try {
            status.publish(Source.HL_WS_MAINNET, SourceState.DOWN, "connection reset");
            status.publish(Source.HL_WS_MAINNET, SourceState.DOWN, "connection reset");
            status.publish(Source.CACHE_LOCAL, SourceState.DOWN, SourceState.STOPPED_REASON + "hits=3");
        } finally {
            log.detachAppender(logs);
        }
        assertEquals(List.of("hl-ws-mainnet down connection reset", "cache-local down stopped: hits=3"), journaled);
        List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of("hl-ws-mainnet is down: connection reset"), warnings);
    }

    private static boolean record(List<String> journaled, MarketEvent e) {
        journaled.add(Source.name(e.source) + " " + SourceState.name(e.status) + " " + e.textString());
        return true;
    }
}
