package io.perpspot.dashboard.state;

import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.MarketSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The market state at each of the most recent opportunities, kept only when it is exactly the state at the
 * opportunity's input record (the tailer had folded no later input when it read the opportunity), so a
 * playbook or an analysis on it equals one on the journal replayed to that record. Bounded: the oldest go.
 */
final class OpportunityStates {
    /** States kept at most (a snapshot holds a book and a ladder: about 2 KB). */
    static final int MAX = 512;

    private final int capacity;
    private final Map<Long, HeldOpportunity.State> states = new LinkedHashMap<>();

    OpportunityStates(int maxOpportunities) {
        this.capacity = Math.min(MAX, maxOpportunities);
    }

    void put(long seq, long inputIndex, Direction d, MarketSnapshot m) {
        states.put(seq, new HeldOpportunity.State(inputIndex, d, m));
        while (states.size() > capacity) {
            states.remove(states.keySet().iterator().next());
        }
    }

    /** The state at opportunity {@code seq}, or null when it is not held. */
    HeldOpportunity.State get(long seq) {
        return states.get(seq);
    }
}
