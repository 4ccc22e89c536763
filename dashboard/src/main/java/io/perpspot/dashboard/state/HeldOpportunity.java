package io.perpspot.dashboard.state;

import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.MarketSnapshot;

/**
 * An opportunity the dashboard holds, with the market state at its record when it holds that too.
 *
 * @param opportunity the listed opportunity (null when evicted beyond {@code dashboard.opportunities})
 * @param state       the exact state at its input record, or null (then the journal must be replayed to it)
 */
public record HeldOpportunity(Opportunity opportunity, State state) {
    /**
     * The market state at an opportunity.
     *
     * @param inputIndex the input record the state is at
     * @param direction  the opportunity's direction
     * @param snapshot   the execution model's copy of the token's state there
     */
    public record State(long inputIndex, Direction direction, MarketSnapshot snapshot) {
    }
}
