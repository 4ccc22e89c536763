package io.perpspot.dashboard.state;

/**
 * One source as the health page shows it.
 *
 * @param state      its last journaled state, or {@code unknown}
 * @param reason     the reason of that state
 * @param sinceMs    when it entered that state
 * @param lastDataMs when it last delivered market data
 * @param events     input records from it
 * @param fallback   whether it is a fallback source (not the venue's primary feed)
 */
public record SourceInfo(String source, String side, String state, String reason, Long sinceMs, Long lastDataMs,
                         long events, boolean fallback) {
}
