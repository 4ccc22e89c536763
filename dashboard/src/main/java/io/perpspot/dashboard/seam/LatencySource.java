package io.perpspot.dashboard.seam;

import java.util.Map;

/** Feed and engine latency percentiles of a journal ({@link EngineLatency}: the engine's LatencyReport). */
public interface LatencySource {
    /**
     * Latest-interval and whole-journal percentiles per kind (feed, journal, opportunity) and
     * source as a JSON-ready map, read from the journal in {@code journal}.
     */
    Map<String, Object> latency(java.nio.file.Path journal);
}
