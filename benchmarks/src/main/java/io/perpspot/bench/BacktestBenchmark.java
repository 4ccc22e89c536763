package io.perpspot.bench;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.exec.DirectionPolicy;
import io.perpspot.engine.exec.Template;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.tools.backtest.BacktestResult;
import io.perpspot.tools.backtest.BacktestSpec;
import io.perpspot.tools.backtest.Backtester;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay with the backtest on, beside plain replay, in one process on one thread:
 *
 * <pre>
 *  Chronicle input queue (real files, SyntheticJournal through the live Pipeline)
 *     ─▶ JournalReader decode ─▶ Backtester { Strategy fold ─▶ opportunities ─▶ ExecutionModel
 *                                             entries, hourly funding, exit checks, equity }
 *  baseline: the same records ─▶ Strategy only   (CorePathBenchmark.replay)
 * </pre>
 *
 * ops = input events. The template trades every token and takes every signal (min spread
 * −100 bps) so positions open and close throughout the pass.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BacktestBenchmark {
    /** The journal and reader of CorePathBenchmark's replay, plus a backtest spec. */
    @State(Scope.Thread)
    public static class BacktestState extends ReplayState {
        BacktestSpec spec;
        Backtester backtester;
        BacktestResult last;
        private long seen;
        private final JournalReader.InputVisitor backtest = e -> {
            backtester.onEvent(e);
            return ++seen < events;
        };

        /**
         * The replay journal of at least {@code events} records and the spec; the trial's setup
         * (ReplayState's) calls it with REPLAY_EVENTS.
         */
        @Override
        public void setUp(int events) throws IOException {
            super.setUp(events);
            // As "SOL Scalping" but taking every signal (the benchmark jar does not bundle templates.yaml).
            Template any = new Template("bench", "SOL", 1000, Duration.ofSeconds(5), -100, 0.5, DirectionPolicy.AUTO, 1,
                    Duration.ofMinutes(5));
            spec = BacktestSpec.of(ConfigLoader.defaults(), any, Set.of(Backtester.ALL), any.strategyOverrides(), 7);
        }

        /** One pass of the first {@code events} records through a fresh Backtester; returns trades. */
        public long backtestOnce() {
            backtester = new Backtester(spec, reader::token);
            seen = 0;
            long n = reader.forEachInput(backtest);
            if (n != events) {
                throw new IllegalStateException("backtested " + n + " events, expected " + events);
            }
            last = backtester.finish();
            return last.trades().size();
        }

        @Override
        @TearDown(Level.Trial)
        public void tearDown() {
            if (last != null) {
                System.out.printf(Locale.ROOT, "%nbacktest: a pass of %d events made %d trades (%d signals)%n", events,
                        last.trades().size(), last.signals());
            }
            super.tearDown();
        }
    }

    /** Replay with the backtest on; ops = input events. */
    @Benchmark
    @OperationsPerInvocation(CorePathBenchmark.REPLAY_EVENTS)
    public long backtest(BacktestState s) {
        return s.backtestOnce();
    }

    /** The same events through the Strategy alone (the plain replay); ops = input events. */
    @Benchmark
    @OperationsPerInvocation(CorePathBenchmark.REPLAY_EVENTS)
    public long replay(BacktestState s) {
        return s.replayOnce();
    }
}
