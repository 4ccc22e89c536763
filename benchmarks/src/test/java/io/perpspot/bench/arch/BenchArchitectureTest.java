package io.perpspot.bench.arch;

import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.perpspot.engine.testing.LayeredRoomsTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' rooms as layers, bottom first: the JMH benchmarks with their workloads and
 * baselines ({@code io.perpspot.bench}), then the end-to-end latency harness that drives them
 * and the classes JMH generates for them ({@code jmh_generated}), which nothing else may use, then the
 * wire-level harness ({@code wire}), which drives the real engine and the harness's baseline.
 */
class BenchArchitectureTest extends LayeredRoomsTest {
    static final List<List<String>> LAYERS = List.of(
            List.of(""),
            List.of("harness", "jmh_generated"),
            List.of("wire"));

    BenchArchitectureTest() {
        super("io.perpspot.bench", LAYERS);
    }

    @Test
    void mainCodeTakesNothingFromTheEngineTestJar() {
        ArchRuleDefinition.noClasses().should().dependOnClassesThat().resideInAPackage("io.perpspot.engine.testing")
                .because("the benchmarks run from the shipped jars: their fixtures come from the engine's testkit")
                .check(layers().classes());
    }
}
