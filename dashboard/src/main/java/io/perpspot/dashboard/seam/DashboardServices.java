package io.perpspot.dashboard.seam;

import java.util.ServiceLoader;

/**
 * The implementations behind the seams, each null when not available. {@link #discover()} finds
 * them with {@link ServiceLoader}, so wiring one is adding a provider file; tests pass their own.
 */
public record DashboardServices(SimulationService simulation, LatencySource latency,
                                ExecutionSlippageSource slippage) {
    /** No seam wired: the dependent routes answer 503. */
    public static DashboardServices none() {
        return new DashboardServices(null, null, null);
    }

    /** What the class path provides. */
    public static DashboardServices discover() {
        return new DashboardServices(first(SimulationService.class), first(LatencySource.class),
                first(ExecutionSlippageSource.class));
    }

    private static <T> T first(Class<T> type) {
        return ServiceLoader.load(type).findFirst().orElse(null);
    }
}
