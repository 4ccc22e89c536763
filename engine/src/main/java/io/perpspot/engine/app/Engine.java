package io.perpspot.engine.app;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's lifecycle: {@link #start} has {@link EngineAssembly} build and start every part,
 * {@link #awaitStop} waits for the duration, a stop request or a journal failure, and
 * {@link #close} stops the parts (in the assembly's order) and prints the run's summary. The exit
 * code is {@link ExitCodes#OK}, or {@link ExitCodes#JOURNAL} when the journal failed in exit mode.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** The version journaled in EngineStart and printed at start. */
    public static final String VERSION = "0.1.0";

    private final EngineOptions options;
    private final EngineAssembly assembly;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile int exitCode = ExitCodes.OK;
    private boolean started;
    private boolean stopped;

    /** An engine reading its secrets from the process environment. */
    public Engine(EngineOptions options) {
        this(options, System.getenv());
    }

    /** An engine reading its secrets ({@code JUPITER_API_KEY}, Redis credentials) from {@code env}. */
    public Engine(EngineOptions options, Map<String, String> env) {
        this.options = options;
        EpochNanoClock clock = new OffsetEpochNanoClock();
        this.assembly = new EngineAssembly(options, env, clock, this::journalFailed);
    }

    /** Runs until the duration elapses or the process is asked to stop; returns the exit code. */
    public static int runToCompletion(EngineOptions options) throws InterruptedException {
        Engine engine = new Engine(options);
        Thread hook = new Thread(() -> {
            engine.requestStop();
            engine.close();
        }, "perpspot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            engine.start();
            engine.awaitStop(options.duration());
            return engine.exitCode;
        } finally {
            engine.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the engine
            }
        }
    }

    /** Starts everything; throws ConfigException/JournalFormatException for bad input. */
    public synchronized void start() {
        assembly.start();
        started = true;
        LOG.info("engine started: journal {}", options.journal().toAbsolutePath());
    }

    /**
     * The consumer could not append to the journal (consumer thread). Exit mode: the engine stops
     * with {@link ExitCodes#JOURNAL}; pause mode: the pipeline keeps retrying by itself.
     */
    private void journalFailed(boolean exit) {
        if (exit) {
            exitCode = ExitCodes.JOURNAL;
            requestStop();
        }
    }

    /** The exit code the run ends with (OK, or JOURNAL after a journal failure in exit mode). */
    public int exitCode() {
        return exitCode;
    }

    /** Asks {@link #awaitStop} to return. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Waits until {@link #requestStop} or the duration (null: forever) elapses. */
    public void awaitStop(Duration duration) throws InterruptedException {
        if (duration == null) {
            stopRequested.await();
        } else {
            stopRequested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The parts of the running engine (tests, the summary). */
    public EngineAssembly assembly() {
        return assembly;
    }

    /** Stops feeds, drains the ring, closes the journal, prints the summary. Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        assembly.close();
        if (started) {
            assembly.printSummary(System.out);
        }
    }
}
