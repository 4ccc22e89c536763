package io.perpspot.dashboard.seam;

import java.util.List;
import java.util.Map;

/**
 * Seam to the execution model's Monte Carlo and templates (issue 4, package
 * {@code io.perpspot.engine.exec}). The dashboard validates requests and renders results; the
 * numbers come only from an implementation of this interface. Until one is registered in
 * {@code META-INF/services/io.perpspot.dashboard.seam.SimulationService}, {@code /api/templates}
 * and {@code POST /api/simulate} answer 503 "not available".
 */
public interface SimulationService {
    /** Execution templates, each a JSON-ready map with at least a {@code name}. */
    List<Map<String, Object>> templates();

    /**
     * Runs the Monte Carlo for one validated request over the journal's time range.
     *
     * @return a JSON-ready result (histogram bins, percentiles, VaR/CVaR, Sharpe, probability of
     *         profit, equity curve, fill statistics), or null when the template is unknown
     */
    Map<String, Object> simulate(SimulationRequest request);

    /** A validated simulation request (the dashboard checked every limit before calling). */
    record SimulationRequest(String template, String symbol, double sizeUsd, int paths, long seed,
                             long fromMs, long toMs, java.nio.file.Path journal) {
    }
}
