package io.perpspot.dashboard.seam;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.Simulator;
import io.perpspot.engine.exec.Templates;

/**
 * What the dashboard computes with besides the journal: the execution model's parameters (for
 * slippage by size), the Monte Carlo with its templates (which the API can change), the latency
 * histograms and the cache's figures. {@link
 * #engine(Config)} wires the engine's own implementations; tests may pass their own.
 */
public record DashboardServices(SimulationService simulation, LatencySource latency, ExecutionParams execution,
                                EngineTemplates templates, EngineCache cache) {
    /**
     * The engine's execution model, templates ({@code config/templates.yaml} and, once the dashboard
     * attaches its journal, the user's {@code templates.user-file}) and latency reader.
     */
    public static DashboardServices engine(Config config) {
        return engine(config, Templates.loadDefault());
    }

    /** The engine's execution model and latency reader with these shipped templates (tests, or another file). */
    public static DashboardServices engine(Config config, Templates shipped) {
        Simulator sim = Simulator.fromConfig(config);
        EngineTemplates templates = new EngineTemplates(config, shipped);
        return new DashboardServices(new EngineSimulation(sim, templates), new EngineLatency(), sim.params(),
                templates, new EngineCache(config));
    }
}
