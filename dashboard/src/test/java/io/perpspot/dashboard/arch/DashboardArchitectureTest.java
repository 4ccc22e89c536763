package io.perpspot.dashboard.arch;

import io.perpspot.engine.testing.LayeredRoomsTest;
import java.util.List;

/**
 * The dashboard's rooms as layers, bottom first: what everyone uses (settings, the JSON mapper,
 * the slippage band names), then the engine seams and the journal's folded picture (side by side,
 * neither knows the other), the WebSocket push over that picture, the JSON API over both and the
 * Prometheus figures over the push and the picture (side by side), and at the top the root
 * package: the wiring ({@code Dashboard}), the commands and the sidecar.
 */
class DashboardArchitectureTest extends LayeredRoomsTest {
    static final List<List<String>> LAYERS = List.of(
            List.of("core"),
            List.of("seam", "state"),
            List.of("push"),
            List.of("api", "metrics"),
            List.of(""));

    DashboardArchitectureTest() {
        super("io.perpspot.dashboard", LAYERS);
    }
}
