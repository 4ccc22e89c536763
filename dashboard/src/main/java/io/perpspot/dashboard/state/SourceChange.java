package io.perpspot.dashboard.state;

/**
 * One journaled source status (a feed connecting, failing over, the cache switching backend).
 *
 * @param seq  the input record's journal index
 * @param side perp, spot, fallback, cache or engine
 */
public record SourceChange(long seq, long timeMs, String source, String side, String state, String reason) {
}
