package io.perpspot.engine.feed.fallback;

import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/** Thread-safe test ring: counts per (source, type), tokens per (source, type), status lines, copies of events. */
final class RecordingPublisher implements EventPublisher {
    private static final int TYPES = EventType.MAX + 1;
    private final AtomicLongArray counts = new AtomicLongArray(Source.COUNT * TYPES);
    private final Set<Long> tokens = ConcurrentHashMap.newKeySet();
    private final List<String> statuses = new ArrayList<>();
    private final List<MarketEvent> kept = new ArrayList<>();
    volatile boolean keep;

    @Override
    public boolean publish(MarketEvent e) {
        counts.incrementAndGet(e.source * TYPES + e.type);
        if (e.tokenId >= 0) {
            tokens.add(((long) e.source * TYPES + e.type) << 32 | e.tokenId);
        }
        if (e.type == EventType.SOURCE_STATUS) {
            synchronized (statuses) {
                statuses.add(Source.name(e.source) + " " + SourceState.name(e.status) + ": " + e.textString());
            }
        }
        if (keep) {
            MarketEvent c = new MarketEvent();
            c.copyFrom(e);
            synchronized (kept) {
                kept.add(c);
            }
        }
        return true;
    }

    long count(int source, int type) {
        return counts.get(source * TYPES + type);
    }

    long tokens(int source, int type) {
        long key = (long) source * TYPES + type;
        return tokens.stream().filter(k -> (k >>> 32) == key).count();
    }

    List<String> statuses() {
        synchronized (statuses) {
            return new ArrayList<>(statuses);
        }
    }

    boolean hasStatus(String prefix) {
        return statuses().stream().anyMatch(s -> s.startsWith(prefix));
    }

    List<MarketEvent> kept() {
        synchronized (kept) {
            return new ArrayList<>(kept);
        }
    }
}
