package io.perpspot.dashboard.state;

import java.util.List;

/**
 * Source health, the failover history, the cache and the journal's figures.
 *
 * @param current   the source serving each side now
 * @param sources   every source the journal has heard of
 * @param failovers source changes, oldest first (the most recent ones)
 */
public record Health(Sides current, List<SourceInfo> sources, List<SourceChange> failovers, CacheInfo cache,
                     JournalSummary journal) {
    /** The source serving the perp side and the spot side (null before either has delivered data). */
    public record Sides(SourceInfo perp, SourceInfo spot) {
    }

    /** What the WebSocket messages carry of the health: the serving sources and every source. */
    public record Sources(Sides current, List<SourceInfo> sources) {
    }
}
