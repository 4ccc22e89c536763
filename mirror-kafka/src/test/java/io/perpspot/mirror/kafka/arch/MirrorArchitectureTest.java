package io.perpspot.mirror.kafka.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import io.perpspot.engine.testing.LayeredRoomsTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mirror is one room, and a reader of the journal only: it never reaches the ring or the engine's wiring. */
class MirrorArchitectureTest extends LayeredRoomsTest {
    MirrorArchitectureTest() {
        super("io.perpspot.mirror.kafka", List.of(List.of("")));
    }

    @Test
    void theMirrorReadsTheJournalNeverTheRing() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.perpspot.engine.ring..",
                "io.perpspot.engine.pipeline..", "io.perpspot.engine.feed..", "io.perpspot.engine.strategy..")
                .because("a sidecar reads the journal only (docs/architecture.md)")
                .check(layers().classes());
    }
}
