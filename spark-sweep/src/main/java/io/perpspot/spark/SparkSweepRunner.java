package io.perpspot.spark;

import io.perpspot.tools.backtest.BacktestResult;
import io.perpspot.tools.backtest.BacktestRun;
import io.perpspot.tools.backtest.SweepRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * {@code replay --sweep ... --spark MASTER}: one Spark task per combination. The driver sends each combination as a
 * {@link PortableSpec}; the task rebuilds the spec, folds the journal through {@link BacktestRun} (the same
 * {@code Backtester} as {@code --threads}) and sends back a {@link PortableResult}; {@code collect()} keeps the
 * combinations' order, so the caller writes {@code sweep.csv} and the report through the same code, byte for byte.
 *
 * <p>Embedded ({@code local[N]}): the driver binds to 127.0.0.1 only and the web UI is off. On a cluster the driver
 * must be reachable from the executors: Spark's own {@code spark.*} system properties (e.g.
 * {@code -Dspark.driver.host=...}) are read and win; the executors get the JVM flags of {@code config/jvm.args}
 * (Chronicle needs them) and the jars of {@code perpspot.spark.jars} (the launcher sets it).
 */
public final class SparkSweepRunner implements SweepRunner {
    /** System property the launcher sets: the class path an executor needs, ':'-separated. */
    static final String JARS = "perpspot.spark.jars";

    @Override
    public List<BacktestResult> run(String masterUrl, Path journal, List<Task> tasks, PrintWriter progress) {
        SparkMaster master = new SparkMaster(masterUrl);
        master.probe();
        SparkLogging.quiet(master.local());
        List<PortableSpec> specs = new ArrayList<>();
        for (Task t : tasks) {
            specs.add(PortableSpec.of(t));
        }
        String dir = journal.toAbsolutePath().toString();
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf(master));
        } catch (RuntimeException e) {
            throw new SweepRunner.MasterUnavailable("cannot start Spark on " + master.url() + ": "
                    + firstLine(e));
        }
        try {
            if (progress != null) {
                sc.sc().addSparkListener(new Progress(progress, tasks.size()));
            }
            List<PortableResult> back = sc.parallelize(specs, specs.size())
                    .map(p -> PortableResult.of(BacktestRun.run(Path.of(dir), p.spec(), 0, null)))
                    .collect();
            List<BacktestResult> out = new ArrayList<>();
            for (int i = 0; i < back.size(); i++) {
                out.add(back.get(i).with(tasks.get(i).spec()));
            }
            return out;
        } finally {
            sc.stop();
        }
    }

    private static SparkConf conf(SparkMaster master) {
        SparkConf c = new SparkConf(); // reads spark.* system properties: a user's -Dspark.x=y wins over what follows
        c.setMaster(master.url());
        c.setIfMissing("spark.app.name", "perpspot sweep");
        c.setIfMissing("spark.ui.enabled", "false");
        if (master.local()) {
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else {
            String jars = System.getProperty(JARS);
            if (jars != null && !jars.isBlank()) {
                c.setIfMissing("spark.jars", jars.replace(':', ','));
            }
            String flags = jvmArgs();
            if (flags != null) {
                c.setIfMissing("spark.executor.extraJavaOptions", flags);
            }
        }
        return c;
    }

    /** The flags of {@code $perpspot.home/config/jvm.args} on one line (comments dropped), or null. */
    static String jvmArgs() {
        String home = System.getProperty("perpspot.home");
        if (home == null) {
            return null;
        }
        Path f = Path.of(home, "config", "jvm.args");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Files.readAllLines(f).stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.joining(" "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** A line per finished combination, as {@code --threads} prints them. */
    private static final class Progress extends SparkListener {
        private final PrintWriter out;
        private final int total;
        private final AtomicInteger done = new AtomicInteger();

        Progress(PrintWriter out, int total) {
            this.out = out;
            this.total = total;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo().successful()) {
                out.printf(Locale.ROOT, "sweep %d/%d%n", done.incrementAndGet(), total);
                out.flush();
            }
        }
    }
}
