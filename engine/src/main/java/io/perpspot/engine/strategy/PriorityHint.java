package io.perpspot.engine.strategy;

/**
 * What the strategy tells the feeds, cheaply and without waiting: how close each token's basis is
 * to a signal ({@code |z| / min-abs-z}; 1 = at the threshold). The Jupiter quote scheduler spends
 * its scarce requests on the closest tokens first. A hint is advice only: nothing the strategy
 * derives depends on it, so replay passes {@link #NONE}.
 */
public interface PriorityHint {
    /** Called on the strategy thread after each basis update; must not block or allocate. */
    void nearness(int tokenId, double absZOverThreshold);

    PriorityHint NONE = (tokenId, nearness) -> {
    };
}
