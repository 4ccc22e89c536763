package io.perpspot.engine.arch;

import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.perpspot.engine.testing.LayeredRoomsTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's rooms form the layers of docs/architecture.md, bottom first: the shared vocabulary,
 * configuration, HTTP, tokens, then the rooms of the data path, the fold, the cache, the feeds,
 * the pipeline, the wiring and the command line; on top, the test-kit other modules' tests and the
 * benchmarks use.
 */
class EngineArchitectureTest extends LayeredRoomsTest {
    static final List<List<String>> LAYERS = List.of(
            List.of("core"),
            List.of("config"),
            List.of("http"),
            List.of("tokens"),
            List.of("codec", "journal", "ring", "spread"),
            List.of("latency", "detect", "exec"),
            List.of("strategy"),
            List.of("cache"),
            List.of("feed"),
            List.of("feed.hyperliquid", "feed.jupiter"),
            List.of("feed.fallback"),
            List.of("feed.sim"),
            List.of("pipeline"),
            List.of("metrics"),
            List.of("app"),
            List.of("cli"),
            List.of("testkit"));

    EngineArchitectureTest() {
        super("io.perpspot.engine", LAYERS);
    }

    @Test
    void noEngineRoomUsesTheTestKit() {
        ArchRuleDefinition.noClasses().that().resideOutsideOfPackage("io.perpspot.engine.testkit")
                .should().dependOnClassesThat().resideInAPackage("io.perpspot.engine.testkit")
                .because("the test-kit (synthetic journals, recorded fixtures, waiting) serves tests and"
                        + " benchmarks; the engine never runs it")
                .check(layers().classes());
    }

    @Test
    void onlyTheProviderRegistrationKnowsTheSimVenues() {
        ArchRuleDefinition.noClasses().that().resideOutsideOfPackage("io.perpspot.engine.feed.sim")
                .should().dependOnClassesThat().resideInAPackage("io.perpspot.engine.feed.sim")
                .because("the sim is a Venues.Provider found by ServiceLoader (META-INF/services)")
                .check(layers().classes());
    }
}
