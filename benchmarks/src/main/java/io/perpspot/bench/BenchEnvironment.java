package io.perpspot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What a benchmark's JVM and disk need: Chronicle's flags checked, temp journals removed after. */
public final class BenchEnvironment {
    private BenchEnvironment() {
    }

    /**
     * Chronicle needs the flags of config/jvm.args in the JVM that runs the benchmark (the JMH
     * fork). Failing here names the fix; Chronicle's own failure would not.
     */
    public static void requireJvmArgs() {
        if (!Boolean.getBoolean("chronicle.analytics.disable")) {
            throw new IllegalStateException("this JVM lacks config/jvm.args: run JMH with"
                    + " -jvmArgsPrepend @<repo>/config/jvm.args (see docs/benchmarks.md)");
        }
    }

    /** Deletes a directory and everything under it (a benchmark's temp journal); nothing if it is missing. */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
