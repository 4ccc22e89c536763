package io.perpspot.engine.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rooms of a module as layers, checked on its compiled main classes with ArchUnit: no
 * package cycle, and no room importing one of its own layer or above (the order written in
 * docs/architecture.md). Each module's architecture test names its layers, bottom first; a
 * package missing from the list fails too, so a new room has to be placed.
 */
public final class Layers {
    private final String root;
    private final Map<String, Integer> rank = new HashMap<>();
    private final JavaClasses classes;

    /**
     * @param root   the module's root package ({@code io.perpspot.engine})
     * @param layers rooms by layer, bottom first, relative to {@code root} ("" is the root package
     *               itself); rooms of one layer must not import each other
     */
    public Layers(String root, List<List<String>> layers) {
        this.root = root;
        for (int i = 0; i < layers.size(); i++) {
            for (String room : layers.get(i)) {
                rank.put(room.isEmpty() ? root : root + "." + room, i);
            }
        }
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(root);
    }

    /** The module's main classes, as imported. */
    public JavaClasses classes() {
        return classes;
    }

    /** Fails on any cycle between the module's packages (each package is one slice). */
    public void assertNoCycles() {
        SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return inModule(c) ? SliceIdentifier.of(c.getPackageName()) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + root;
            }
        }).should().beFreeOfCycles().check(classes);
    }

    /** Fails on a dependency from a room to one of its own layer or above, and on an unplaced package. */
    public void assertLayered() {
        ArchRule rule = ArchRuleDefinition.classes().that(new DescribedPredicate<JavaClass>("are in " + root) {
            @Override
            public boolean test(JavaClass c) {
                return inModule(c);
            }
        }).should(new ArchCondition<JavaClass>("depend only on rooms of lower layers") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Integer from = rank.get(c.getPackageName());
                if (from == null) {
                    events.add(SimpleConditionEvent.violated(c, "package " + c.getPackageName()
                            + " is not in the layer order (docs/architecture.md): place it"));
                    return;
                }
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (!inModule(target) || target.getPackageName().equals(c.getPackageName())) {
                        continue;
                    }
                    Integer to = rank.get(target.getPackageName());
                    if (to == null || to >= from) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": "
                                + shortName(c.getPackageName()) + " (layer " + from + ") may not use "
                                + shortName(target.getPackageName()) + " (layer " + (to == null ? "?" : to) + ")"));
                    }
                }
            }
        });
        rule.check(classes);
    }

    private boolean inModule(JavaClass c) {
        String p = c.getPackageName();
        return p.equals(root) || p.startsWith(root + ".");
    }

    private String shortName(String pkg) {
        return pkg.equals(root) ? "(root)" : pkg.substring(root.length() + 1);
    }
}
