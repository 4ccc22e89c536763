package io.perpspot.bench;

import io.perpspot.engine.cli.PerpspotCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import picocli.CommandLine;

/**
 * {@code journal export --format parquet} beside the plain read of the same journal, in one
 * process on one thread:
 *
 * <pre>
 *  Chronicle input + output queues (real files, SyntheticJournal through the live Pipeline)
 *     ─▶ JournalReader decode ─▶ ExportRecord ─▶ parquet-java column writers ─▶ Snappy pages ─▶ part files
 *  baseline: the same records ─▶ JournalReader decode (forEachInput + forEachOutput), nothing else
 * </pre>
 *
 * The score to read is the {@code records} counter (records/s: input and output records of the
 * whole journal per pass); the primary score counts passes. On a shared machine the wall-clock
 * rate follows the load, so the trial also prints records per CPU second of the benchmark thread.
 * Export runs the real command ({@code --partition none --no-progress}) into a fresh directory
 * under java.io.tmpdir each pass.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ExportBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** Input records the journal holds at least (with its output records on top). */
    public static final int EVENTS = 1 << 19;

    /** The journal (ReplayState's, smaller), its record count and the export directory. */
    @State(Scope.Thread)
    public static class ExportState extends ReplayState {
        long records;
        Path out;
        CommandLine cli;
        /** CPU time of the benchmark thread in the passes, and the records they handled: records per CPU second. */
        long cpuNanos;
        long cpuRecords;
        private String label = "";

        /** Runs as ReplayState's trial setup (annotated there; JMH would call an annotated override twice). */
        @Override
        public void setUp() throws IOException {
            setUp(EVENTS);
        }

        /** A journal of at least {@code events} input records (and the outputs derived), the CLI and OUT. */
        @Override
        public void setUp(int events) throws IOException {
            super.setUp(events);
            records = reader.forEachInput(e -> true) + reader.forEachOutput((r, i) -> true);
            out = Files.createTempDirectory("perpspot-bench-export");
            cli = PerpspotCli.commandLine();
            cli.setOut(new PrintWriter(Writer.nullWriter()));
            System.out.printf(Locale.ROOT, "%nexport: journal of %,d records (%,d input)%n", records, inputRecords);
        }

        /** A missing export directory for the next pass. */
        @Setup(Level.Invocation)
        public void clean() {
            BenchEnvironment.deleteTree(out);
        }

        /** Runs as ReplayState's trial teardown. */
        @Override
        public void tearDown() {
            if (cpuNanos > 0) {
                System.out.printf(Locale.ROOT, "%n%s: %,d records in %.2f s of the thread's CPU time: %,.0f records per"
                        + " CPU second%n", label, cpuRecords, cpuNanos / 1e9, cpuRecords / (cpuNanos / 1e9));
            }
            BenchEnvironment.deleteTree(out);
            super.tearDown();
        }

        void counted(String what, long startCpu, long n) {
            label = what;
            cpuNanos += CPU.getCurrentThreadCpuTime() - startCpu;
            cpuRecords += n;
        }
    }

    /** Records per second, the score to read. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Records {
        public long records;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
        }
    }

    /** One whole export to Parquet; records += the journal's records. */
    @Benchmark
    public int exportParquet(ExportState s, Records r) {
        long cpu = CPU.getCurrentThreadCpuTime();
        int code = s.cli.execute("journal", "export", s.dir.resolve("journal").toString(), "--out", s.out.toString(),
                "--partition", "none", "--no-progress");
        if (code != 0) {
            throw new IllegalStateException("journal export exited " + code);
        }
        r.records += s.records;
        s.counted("exportParquet", cpu, s.records);
        return code;
    }

    /** The plain read of the same records: decode every input and output record, nothing else. */
    @Benchmark
    public long read(ExportState s, Records r) {
        long cpu = CPU.getCurrentThreadCpuTime();
        long n = s.reader.forEachInput(e -> true) + s.reader.forEachOutput((o, i) -> true);
        r.records += n;
        s.counted("read", cpu, n);
        return n;
    }
}
