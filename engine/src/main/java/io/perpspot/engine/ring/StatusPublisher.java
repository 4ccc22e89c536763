package io.perpspot.engine.ring;

import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.LogKeys;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Journals source transitions (connecting, up, down, stale) as SOURCE_STATUS events and logs
 * each one once. Repeating the same state is not journaled again. Thread-safe.
 */
public final class StatusPublisher {
    private static final Logger LOG = LoggerFactory.getLogger("perpspot.sources");

    private final EventPublisher out;
    private final EpochNanoClock clock;
    private final int[] lastState = new int[Source.COUNT];

    public StatusPublisher(EventPublisher out, EpochNanoClock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Records a state change of a source with its reason; repeats of the same state are ignored. */
    public synchronized void publish(int source, int state, String reason) {
        if (lastState[source] == state) {
            return;
        }
        lastState[source] = state;
        // A planned stop is logged by its owner with its figures; only a fault deserves a warning.
        boolean planned = SourceState.plannedStop(state, reason);
        LoggingEventBuilder line = state == SourceState.UP ? LOG.atInfo() : planned ? LOG.atDebug() : LOG.atWarn();
        line.addKeyValue(LogKeys.SOURCE, Source.name(source))
                .log("{} is {}: {}", Source.name(source), SourceState.name(state), reason);
        MarketEvent e = new MarketEvent();
        e.type = EventType.SOURCE_STATUS;
        e.source = source;
        e.recvNanos = clock.nanoTime();
        e.status = state;
        e.setText(reason);
        out.publish(e);
    }

    /** Last journaled state of a source (0 if none). */
    public synchronized int state(int source) {
        return lastState[source];
    }
}
