package io.perpspot.engine.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time and wake-ups per thread of a process, grouped by the thread's role (the netty event loop, the ring
 * consumer, the journal pretouch, the scheduler, GC, the JIT...), over a window between two {@link Sample}s.
 *
 * <p>Why the OS and not only the {@link ThreadMXBean}: the JVM's own threads (GC, compiler, VM thread) are not Java
 * threads, and on a two-core machine they count as much as ours. On Linux every thread of the process is read from
 * {@code /proc/PID/task/TID}: on-CPU nanoseconds from {@code schedstat} (from {@code stat}'s clock ticks where that
 * is missing), wake-ups from {@code status} ({@code voluntary_ctxt_switches}: each one is the thread going to sleep,
 * so the count is its wake-ups), the name from {@code comm} (the kernel keeps its first 15 bytes, so roles match by
 * prefix). Elsewhere: Java threads only, from the {@link ThreadMXBean}, without wake-ups.
 */
public final class ThreadCpu {
    /** The kernel's clock ticks per second in {@code /proc/.../stat} (USER_HZ, 100 on every Linux we run). */
    private static final long TICK_NANOS = 10_000_000L;
    /** Role by name prefix, first match wins; a name that matches none is its own role (digits stripped). */
    private static final String[][] ROLES = {
        {"perpspot-io", "netty event loop (perp feed)"},
        {"perpspot-consum", "ring consumer"},
        {"perpspot-journa", "journal pretouch"},
        {"perpspot-schedu", "scheduler (jupiter, progress)"},
        {"perpspot-perp-p", "perp fallback polls"},
        {"perpspot-perp-c", "perp failover chain"},
        {"perpspot-sim", "sim venues"},
        {"perpspot-cache", "cache mirror"},
        {"perpspot-metric", "metrics server"},
        {"dashboard-", "dashboard sidecar"},
        {"lettuce-", "redis client"},
        {"HttpClient-", "http client"},
        {"GC Thread", "GC"},
        {"G1 ", "GC"},
        {"C1 CompilerThre", "JIT compiler"},
        {"C2 CompilerThre", "JIT compiler"},
        {"VM Thread", "JVM (VM thread, periodic)"},
        {"VM Periodic", "JVM (VM thread, periodic)"},
    };

    private ThreadCpu() {
    }

    /** This process's threads now. */
    public static Sample sample() {
        return sample(ProcessHandle.current().pid());
    }

    /**
     * The threads of process {@code pid} now (Linux: any process this user may read; elsewhere only this process,
     * through the {@link ThreadMXBean}).
     */
    public static Sample sample(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (Files.isDirectory(tasks)) {
            Sample s = fromProc(tasks);
            if (s != null) {
                return s;
            }
        }
        if (pid != ProcessHandle.current().pid()) {
            throw new IllegalArgumentException("per-thread CPU of process " + pid + ": no /proc to read it from");
        }
        return fromMxBean();
    }

    private static Sample fromProc(Path tasks) {
        long at = System.nanoTime();
        Map<Long, Reading> threads = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                Reading r = readTask(task);
                if (r != null) {
                    threads.put(Long.parseLong(task.getFileName().toString()), r);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return new Sample(at, threads, true);
    }

    /** One task's reading, or null when it ended while being read. */
    private static Reading readTask(Path task) {
        try {
            String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
            long cpu = -1;
            Path sched = task.resolve("schedstat");
            if (Files.isReadable(sched)) {
                String s = Files.readString(sched).strip();
                int sp = s.indexOf(' ');
                cpu = Long.parseLong(sp < 0 ? s : s.substring(0, sp));
            }
            if (cpu < 0) {
                cpu = statTicks(Files.readString(task.resolve("stat"))) * TICK_NANOS;
            }
            long wakeups = -1;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    wakeups = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            return new Reading(name, cpu, wakeups);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of a {@code stat} line (fields 14 and 15, counted after the name's closing parenthesis). */
    static long statTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static Sample fromMxBean() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long at = System.nanoTime();
        Map<Long, Reading> threads = new HashMap<>();
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(ids[i]) : -1;
            if (infos[i] != null && cpu >= 0) {
                threads.put(ids[i], new Reading(infos[i].getThreadName(), cpu, -1));
            }
        }
        return new Sample(at, threads, false);
    }

    /** The role a thread's name (whole or as the kernel truncates it) belongs to. */
    public static String role(String threadName) {
        for (String[] r : ROLES) {
            if (threadName.startsWith(r[0])) {
                return r[1];
            }
        }
        // pool-3-thread-1, ForkJoinPool-1-worker-2, Foo#4: one role per pool, whatever its size.
        String stripped = threadName.replaceAll("[-#]?\\d+", "").replaceAll("-+$", "");
        return stripped.isEmpty() ? threadName : stripped;
    }

    /** One thread at one instant. */
    private record Reading(String name, long cpuNanos, long wakeups) {
    }

    /** Every thread of a process at one instant ({@link #sample()}). */
    public static final class Sample {
        private final long atNanos;
        private final Map<Long, Reading> threads;
        private final boolean fromOs;

        private Sample(long atNanos, Map<Long, Reading> threads, boolean fromOs) {
            this.atNanos = atNanos;
            this.threads = threads;
            this.fromOs = fromOs;
        }

        /**
         * What each role used from {@code earlier} to this sample: threads that started in between count from zero,
         * threads that ended in between are not seen.
         */
        public Window since(Sample earlier) {
            long span = Math.max(1, atNanos - earlier.atNanos);
            Map<String, Role> roles = new LinkedHashMap<>();
            for (Map.Entry<Long, Reading> e : threads.entrySet()) {
                Reading now = e.getValue();
                Reading then = earlier.threads.get(e.getKey());
                long cpu = now.cpuNanos - (then == null ? 0 : then.cpuNanos);
                long wakeups = now.wakeups < 0 ? -1 : now.wakeups - (then == null ? 0 : Math.max(0, then.wakeups));
                roles.computeIfAbsent(role(now.name), Role::new).add(Math.max(0, cpu), wakeups);
            }
            List<Role> sorted = new ArrayList<>(roles.values());
            sorted.sort(Comparator.comparingLong(Role::cpuNanos).reversed().thenComparing(Role::name));
            return new Window(span, sorted, fromOs && earlier.fromOs);
        }
    }

    /** What one role's threads used over a window. */
    public static final class Role {
        private final String name;
        private int threads;
        private long cpuNanos;
        private long wakeups;

        private Role(String name) {
            this.name = name;
        }

        private void add(long cpu, long wake) {
            threads++;
            cpuNanos += cpu;
            wakeups = wake < 0 || wakeups < 0 ? -1 : wakeups + wake;
        }

        /** The role's name. */
        public String name() {
            return name;
        }

        /** Threads of this role seen at the window's end. */
        public int threads() {
            return threads;
        }

        /** CPU time over the window. */
        public long cpuNanos() {
            return cpuNanos;
        }

        /** Wake-ups over the window (voluntary context switches); -1 when not known (no /proc). */
        public long wakeups() {
            return wakeups;
        }
    }

    /**
     * CPU per role over a window.
     *
     * @param spanNanos the window's length
     * @param roles     busiest first
     * @param fromOs    every thread (the OS's view); false: Java threads only
     */
    public record Window(long spanNanos, List<Role> roles, boolean fromOs) {
        /** Wake-ups a second that get a role its own line whatever its CPU (a thread woken by a timer). */
        public static final int SHOWN_WAKEUPS = 50;

        /** Percent of one core the role used over the window. */
        public double percentOfCore(Role r) {
            return 100.0 * r.cpuNanos() / spanNanos;
        }

        /** Percent of one core the whole process used over the window. */
        public double totalPercentOfCore() {
            long n = 0;
            for (Role r : roles) {
                n += r.cpuNanos();
            }
            return 100.0 * n / spanNanos;
        }

        /** The role named so, or null. */
        public Role role(String name) {
            for (Role r : roles) {
                if (r.name().equals(name)) {
                    return r;
                }
            }
            return null;
        }

        /**
         * One line per role using at least {@code minPercent} of a core or waking at least
         * {@link #SHOWN_WAKEUPS} times a second (the rest summed on one line), each prefixed with {@code indent}:
         * percent of a core, wake-ups per second, threads.
         */
        public String lines(String indent, double minPercent) {
            StringBuilder sb = new StringBuilder();
            double secs = spanNanos / 1e9;
            sb.append(String.format(Locale.ROOT, "%scpu per thread over %.1f s: %.2f %% of one core%s%n", indent, secs,
                    totalPercentOfCore(), fromOs ? "" : " (Java threads only)"));
            double rest = 0;
            int restRoles = 0;
            for (Role r : roles) {
                double pct = percentOfCore(r);
                if (pct < minPercent && r.wakeups() < SHOWN_WAKEUPS * secs) {
                    rest += pct;
                    restRoles++;
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "%s  %-30s %6.2f %%  %s  (%d thread%s)%n", indent, r.name(), pct,
                        r.wakeups() < 0 ? "" : String.format(Locale.ROOT, "%8.0f wake-ups/s", r.wakeups() / secs),
                        r.threads(), r.threads() == 1 ? "" : "s"));
            }
            if (restRoles > 0) {
                sb.append(String.format(Locale.ROOT, "%s  %-30s %6.2f %%%n", indent, restRoles + " other roles", rest));
            }
            return sb.toString();
        }
    }
}
