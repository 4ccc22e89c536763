package io.perpspot.bench;

import io.perpspot.engine.metrics.ThreadCpu;
import java.time.Duration;

/**
 * CPU per thread role of a running JVM over a window, from outside it ({@link ThreadCpu} on
 * {@code /proc/PID}): {@code java -cp ... io.perpspot.bench.ThreadCpuWatch PID [WINDOW] [COUNT]}, e.g.
 * {@code 12345 PT10S 3} prints three 10 s windows. For harnesses that run the engine in their own process
 * (the wire harness): call {@link #window(Duration)} around a measured run instead.
 */
public final class ThreadCpuWatch {
    private ThreadCpuWatch() {
    }

    /** Samples this process's threads, waits {@code window}, and returns the per-role report over it. */
    public static ThreadCpu.Window window(Duration window) throws InterruptedException {
        ThreadCpu.Sample before = ThreadCpu.sample();
        Thread.sleep(window.toMillis());
        return ThreadCpu.sample().since(before);
    }

    /** Entry point: PID, window (ISO-8601 duration, default PT10S), number of windows (default 1). */
    public static void main(String[] args) throws InterruptedException {
        long pid = Long.parseLong(args[0]);
        Duration window = args.length > 1 ? Duration.parse(args[1]) : Duration.ofSeconds(10);
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        for (int i = 0; i < count; i++) {
            ThreadCpu.Sample before = ThreadCpu.sample(pid);
            Thread.sleep(window.toMillis());
            System.out.print(ThreadCpu.sample(pid).since(before).lines("", 0.05));
            System.out.flush();
        }
    }
}
