package io.perpspot.tools.backtest;

import io.perpspot.engine.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs a sweep's combinations somewhere other than this process's threads: {@code replay --sweep ... --spark
 * MASTER}. Found through {@link ServiceLoader}, so journal-tools does not depend on the runner (module
 * {@code spark-sweep}, whose jars the launcher puts on the class path only when {@code --spark} is given).
 *
 * <p>Each task folds the journal through the same {@link Backtester} as {@code --threads}; the results come back in
 * combination order, so {@code sweep.csv} and the report are the same bytes.
 */
public interface SweepRunner {
    /**
     * One combination: its spec and the configuration it was built from (a runner rebuilds the spec elsewhere from
     * the configuration's text, {@link Config#section(String)}).
     */
    record Task(Config config, BacktestSpec spec) {
    }

    /** A master that cannot be reached or used: the message is the one line the user sees. */
    final class MasterUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The one-line message naming the master. */
        public MasterUnavailable(String message) {
            super(message);
        }
    }

    /**
     * Runs every task on {@code master} and returns the results in task order; blocks until all are done.
     *
     * @param master   a Spark master URL ({@code local[N]}, {@code spark://host:port}, ...)
     * @param journal  the journal directory, on a path every executor can read
     * @param progress where a line per finished combination goes, or null
     * @throws MasterUnavailable when the master cannot be reached (within a bounded wait) or is not supported
     */
    List<BacktestResult> run(String master, Path journal, List<Task> tasks, PrintWriter progress);

    /** The runner on the class path, if any. */
    static Optional<SweepRunner> find() {
        return ServiceLoader.load(SweepRunner.class).findFirst();
    }
}
