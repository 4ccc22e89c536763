package io.perpspot.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.app.EngineOptions;
import io.perpspot.engine.config.ConfigLoader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --no-dashboard} and {@code --no-alerts} each turn off their own sidecar; the other still starts. */
class RunSidecarSwitchesTest {
    private static EngineOptions parsed(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.options(ConfigLoader.load(null, List.of()), null);
    }

    @Test
    void noDashboardStopsTheDashboardOnlyAndNoAlertsTheAlertsOnly() {
        EngineOptions plain = parsed();
        assertTrue(plain.starts("dashboard") && plain.starts("alerts"), "both start by default");
        EngineOptions noDashboard = parsed("--no-dashboard");
        assertFalse(noDashboard.starts("dashboard"));
        assertTrue(noDashboard.starts("alerts"), "--no-dashboard leaves the alerts running");
        EngineOptions noAlerts = parsed("--no-alerts");
        assertTrue(noAlerts.starts("dashboard"), "--no-alerts leaves the dashboard running");
        assertFalse(noAlerts.starts("alerts"));
        assertEquals(Set.of("alerts", "dashboard"), parsed("--no-dashboard", "--no-alerts").without());
    }

    @Test
    void withoutKeepsEveryOtherChoiceAndOptionsOfStartNoSidecar() {
        EngineOptions o = EngineOptions.of(ConfigLoader.load(null, List.of()), null).feed("sim")
                .dashboard(true).without("dashboard").metrics(true);
        assertEquals("sim", o.feed());
        assertTrue(o.dashboard() && o.metrics());
        assertFalse(EngineOptions.of(o.config(), null).starts("alerts"), "EngineOptions.of starts no sidecar");
    }
}
