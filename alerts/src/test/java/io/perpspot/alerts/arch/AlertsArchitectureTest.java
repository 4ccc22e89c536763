package io.perpspot.alerts.arch;

import io.perpspot.engine.testing.LayeredRoomsTest;
import java.util.List;

/**
 * The alerts module's rooms, bottom first: the rules and the alerts file ({@code rule}), delivery ({@code sink}),
 * and the root package wiring them to a journal (sidecar, command, replay).
 */
class AlertsArchitectureTest extends LayeredRoomsTest {
    static final List<List<String>> LAYERS = List.of(
            List.of("rule"),
            List.of("sink"),
            List.of(""));

    AlertsArchitectureTest() {
        super("io.perpspot.alerts", LAYERS);
    }
}
