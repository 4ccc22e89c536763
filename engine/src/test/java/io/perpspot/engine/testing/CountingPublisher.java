package io.perpspot.engine.testing;

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

/** Thread-safe publisher for feed tests: counts by type, tokens seen per type, status history. */
public final class CountingPublisher implements EventPublisher {
    private final AtomicLongArray byType = new AtomicLongArray(EventType.MAX + 1);
    private final Set<Integer>[] tokens;
    private final List<String> statuses = new ArrayList<>();

    @SuppressWarnings("unchecked")
    public CountingPublisher() {
        tokens = new Set[EventType.MAX + 1];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = ConcurrentHashMap.newKeySet();
        }
    }

    @Override
    public boolean publish(MarketEvent e) {
        byType.incrementAndGet(e.type);
        if (e.tokenId >= 0) {
            tokens[e.type].add(e.tokenId);
        }
        if (e.type == EventType.SOURCE_STATUS) {
            synchronized (statuses) {
                statuses.add(Source.name(e.source) + " "
                        + SourceState.name(e.status) + ": " + e.textString());
            }
        }
        return true;
    }

    public long count(int type) {
        return byType.get(type);
    }

    public int tokens(int type) {
        return tokens[type].size();
    }

    /** Status lines "source state: reason" in order. */
    public List<String> statuses() {
        synchronized (statuses) {
            return new ArrayList<>(statuses);
        }
    }
}
