package io.perpspot.engine.strategy;

/**
 * What the strategy tells the feeds, cheaply and without waiting: how close each token's basis is
 * to a signal ({@code |z| / min-abs-z}; 1 = at the threshold). The Jupiter quote scheduler spends
 * its scarce requests on the closest tokens first. A hint is advice only: nothing the strategy
 * derives depends on it, so replay passes {@link #NONE}.
 */
public interface PriorityHint {
    /**
     * The nearness of one token, {@code |z| / strategy.entry.min-abs-z}: called on the strategy thread whenever a
     * token's z-score is known on legs the gate passes. Must not block, allocate or throw; it may keep only the
     * latest value per token.
     */
    void nearness(int tokenId, double absZOverThreshold);

    PriorityHint NONE = (tokenId, nearness) -> {
    };
}
