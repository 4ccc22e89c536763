package io.perpspot.dashboard.seam;

import java.util.Map;

/**
 * Seam to the latency histograms (issue 7: OutputType 3 snapshots and their reader). Until an
 * implementation is registered in {@code META-INF/services/io.perpspot.dashboard.seam.LatencySource},
 * {@code /api/latency} answers 503 "not available" and the Health page says so.
 */
public interface LatencySource {
    /**
     * Latest feed and internal latency percentiles as a JSON-ready map (p50, p90, p99, p99.9,
     * p99.99, max per stage), read from the journal in {@code journal}.
     */
    Map<String, Object> latency(java.nio.file.Path journal);
}
