package io.perpspot.dashboard.seam;

import java.nio.file.Path;
import java.util.Map;

/** Feed and engine latency percentiles of a journal ({@link EngineLatency}: the engine's LatencyReport). */
public interface LatencySource {
    /**
     * Latest-interval and whole-journal percentiles per kind (feed, journal, opportunity) and
     * source as a JSON-ready map, read from the journal in {@code journal}.
     */
    Map<String, Object> latency(Path journal);
}
