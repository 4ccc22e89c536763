package io.perpspot.spark.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.perpspot.engine.testing.LayeredRoomsTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Spark sweep is one room, and a backtest runner only: it reaches journal-tools through the backtest seam
 * ({@code SweepRunner}, {@code BacktestRun}) and the engine through its configuration and templates, never the
 * engine's ring, pipeline, feeds or wiring, nor journal-tools' commands.
 */
class SparkArchitectureTest extends LayeredRoomsTest {
    SparkArchitectureTest() {
        super("io.perpspot.spark", List.of(List.of("")));
    }

    @Test
    void theSparkRunnerFoldsThroughTheBacktestSeamOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.perpspot.engine.ring..",
                "io.perpspot.engine.pipeline..", "io.perpspot.engine.feed..", "io.perpspot.engine.app..",
                "io.perpspot.engine.cli..", "io.perpspot.tools.replay..", "io.perpspot.tools.command..")
                .because("a sweep runner is found through SweepRunner and folds with BacktestRun "
                        + "(docs/architecture.md)")
                .check(layers().classes());
    }
}
