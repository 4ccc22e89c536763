package io.perpspot.dashboard.state;

/**
 * The journal's clocks for the live/stale indicator; 0 (or -1 for an index) until known.
 *
 * @param lastEventMs   receive time of the newest journaled event
 * @param lastAdvanceMs wall-clock time of the tailer's last read
 */
public record Clocks(long lastEventMs, long lastAdvanceMs, long lastInputIndex, long lastOutputIndex) {
}
