package io.perpspot.dashboard.seam;

import io.perpspot.engine.exec.Template;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Monte Carlo and templates behind {@code GET /api/templates} and {@code POST /api/simulate}
 * ({@link EngineSimulation}: the engine's {@code io.perpspot.engine.exec}). The dashboard
 * validates requests and renders results; the numbers come only from the implementation.
 */
public interface SimulationService {
    /** Execution templates, each a JSON-ready map with at least a {@code name} and {@code token}. */
    List<Map<String, Object>> templates();

    /** The template with this name as {@link #templates()} lists it, or null when unknown (none by default). */
    default Template template(String name) {
        return null;
    }

    /**
     * Replays the journal up to the end of the request's range and simulates there.
     *
     * @return a JSON-ready result, or null when the template is unknown
     * @throws io.perpspot.engine.exec.ExecutionException naming the parameter at fault ({@code size},
     *         {@code paths}; {@code token} when the journal holds no market state for it in the range)
     */
    Map<String, Object> simulate(SimulationRequest request);

    /** A validated simulation request (the dashboard checked every limit before calling). */
    record SimulationRequest(String template, String symbol, double sizeUsd, int paths, long seed,
                             long fromMs, long toMs, Path journal) {
    }
}
