package io.perpspot.engine.testing;

import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The class path for a child {@code PerpspotCli} JVM that must behave like the launcher's. */
public final class MainClassPath {
    private MainClassPath() {
    }

    /**
     * This test JVM's class path without test outputs (a module's {@code test-classes}, a
     * {@code -tests.jar}): in a reactor build the engine's test classes come as a directory holding
     * logback-test.xml, which would win over the shipped logback.xml in the child.
     */
    public static String withoutTests() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
