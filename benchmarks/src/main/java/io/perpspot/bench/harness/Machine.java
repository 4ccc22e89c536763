package io.perpspot.bench.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine a report was measured on: CPU model, cores, memory, JDK, JVM flags, date. */
public final class Machine {
    private Machine() {
    }

    /** The machine a report was measured on (CPU, cores, OS, JDK, heap, GC, flags, load, date), in display order. */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("maxHeapMB", Runtime.getRuntime().maxMemory() >> 20);
        m.put("gc", String.join(", ",
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        m.put("jvmFlags", flags);
        // Other processes on the machine skew every figure: the 1-minute load average at the start
        // says how busy it was.
        m.put("loadAverageAtStart",
                Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return m;
    }

    static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }
}
