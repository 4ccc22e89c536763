package io.perpspot.dashboard.state;

import java.util.Map;

/**
 * The journal's figures as read so far.
 *
 * @param inputByType          input records by event type name
 * @param outputByType         output records by type name
 * @param lastAdvanceMs        wall-clock time of the tailer's last read
 * @param engineRuns           EngineStart records
 * @param opportunities        opportunities listed (refused ones are counted apart)
 * @param refusedOpportunities would-be opportunities the detector refused, by reason
 * @param caughtUp             whether the journal as it was at start has been read
 * @param strategy             the strategy text of the last EngineStart
 * @param spreadsByPair        Spread records by venue pair name (perp-jupiter, perp-hlspot, hlspot-jupiter)
 * @param opportunitiesByPair  tradable Opportunity records by venue pair name
 */
public record JournalSummary(long inputRecords, Map<String, Long> inputByType, long outputRecords,
                             Map<String, Long> outputByType, long lastInputIndex, long lastOutputIndex,
                             Long firstEventMs, Long lastEventMs, Long lastAdvanceMs, long engineRuns, int tokens,
                             long opportunities, Map<String, Long> refusedOpportunities, boolean caughtUp,
                             String strategy, Map<String, Long> spreadsByPair,
                             Map<String, Long> opportunitiesByPair) {
}
