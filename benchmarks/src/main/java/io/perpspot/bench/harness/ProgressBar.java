package io.perpspot.bench.harness;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr while a pipeline runs: the schedule's position, frames
 * offered and the phase (warm-up, measuring, draining). On a terminal it redraws in place;
 * otherwise (a log, a test) it prints a line a second.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final String label;
    private final LoadRun.Progress progress;
    private final boolean terminal = System.console() != null;
    private Thread thread;
    private volatile boolean done;

    ProgressBar(PrintWriter out, String label, LoadRun.Progress progress, long rate) {
        this.out = out;
        this.label = label;
        this.progress = progress;
    }

    void start() {
        thread = new Thread(() -> {
            int ticks = 0;
            while (!done) {
                try {
                    Thread.sleep(terminal ? 200 : 1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!done) {
                    draw(false);
                }
                ticks++;
            }
        }, "bench-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void draw(boolean last) {
        long start = progress.startNanos;
        long end = progress.endNanos;
        double f = start == 0 ? 0 : Math.min(1, Math.max(0, (double) (System.nanoTime() - start) / (end - start)));
        if (last) {
            f = 1;
        }
        int fill = (int) Math.round(f * WIDTH);
        String phase = progress.draining ? "draining" : "running";
        String line = String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %,d frames offered %s", label, "#".repeat(fill),
                ".".repeat(WIDTH - fill), f * 100, progress.offered, last ? "done" : phase);
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    void finish() {
        done = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        draw(true);
    }
}
