package io.perpspot.alerts;

import io.perpspot.alerts.rule.Evaluator;
import io.perpspot.alerts.sink.AlertCollectors;
import io.perpspot.alerts.sink.AlertStats;
import io.perpspot.alerts.sink.Dispatcher;
import io.perpspot.engine.journal.JournalIdle;
import io.perpspot.engine.journal.JournalReader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts sidecar: tails a journal on one thread ({@code alerts-tailer}), decides alerts with the rules and hands
 * them to each sink's sender. Reads only; never blocks on a sink. The resume point is saved after each batch (at
 * most every 250 ms) and on close, so a restart sends nothing already handled and skips nothing new.
 */
public final class AlertsService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsService.class);
    private static final long SAVE_EVERY_NANOS = 250_000_000L;
    private static final long DISK_EVERY_NANOS = 10_000_000_000L;

    private final Path journal;
    private final Path stateFile;
    private final boolean fromStart;
    private final AlertsSetup setup;
    private final Dispatcher dispatcher;
    private final Thread thread;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong alerts = new AtomicLong();
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /**
     * Opens nothing yet; {@link #start()} begins. Without a saved resume point it starts at the journal's start
     * ({@code fromStart}) or at its end (only what is written from now on).
     */
    public AlertsService(Path journal, AlertsSetup setup, Path stateFile, boolean fromStart) {
        this.journal = journal;
        this.setup = setup;
        this.stateFile = stateFile;
        this.fromStart = fromStart;
        this.dispatcher = new Dispatcher(setup.file().sinks());
        this.thread = new Thread(this::run, "alerts-tailer");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the sinks and the tailer; returns once the journal is open and positioned.
     *
     * @throws RuntimeException (one line) when the journal or the state file cannot be read
     */
    public AlertsService start() {
        dispatcher.start();
        thread.start();
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            dispatcher.close();
            throw failure;
        }
        return this;
    }

    private void run() {
        JournalWalk walk;
        Evaluator ev;
        try {
            ev = new Evaluator(setup.file().rules(), setup.link(), a -> {
                alerts.incrementAndGet();
                dispatcher.accept(a);
            });
            walk = new JournalWalk(JournalReader.open(journal), ev, ResumePoint.load(stateFile), fromStart);
        } catch (RuntimeException e) {
            failure = e;
            started.countDown();
            return;
        }
        started.countDown();
        IdleStrategy idle = JournalIdle.strategy();
        long lastSave = System.nanoTime();
        long lastDisk = lastSave - DISK_EVERY_NANOS;
        boolean dirty = false;
        try (walk) {
            while (running) {
                if (System.nanoTime() - lastDisk >= DISK_EVERY_NANOS) {
                    lastDisk = System.nanoTime();
                    lookAtDisk(ev);
                }
                int n = walk.step();
                dirty |= n > 0;
                if (dirty && (n == 0 || System.nanoTime() - lastSave > SAVE_EVERY_NANOS)) {
                    walk.point().save(stateFile);
                    lastSave = System.nanoTime();
                    dirty = false;
                }
                if (n == 0) {
                    caughtUp.countDown();
                }
                idle.idle(n);
            }
            walk.point().save(stateFile);
        } catch (RuntimeException e) {
            LOG.error("alerts tailer stopped: {}", e.toString(), e);
        } finally {
            caughtUp.countDown();
        }
    }

    private void lookAtDisk(Evaluator ev) {
        try {
            long free = Files.getFileStore(journal).getUsableSpace();
            ev.onDisk(journal.toString(), free, System.currentTimeMillis() * 1_000_000L);
        } catch (IOException e) {
            LOG.debug("alerts: cannot read the journal disk's free space: {}", e.toString());
        }
    }

    /** Waits until everything written when it started has been evaluated. */
    public boolean awaitCaughtUp(long timeout, TimeUnit unit) throws InterruptedException {
        return caughtUp.await(timeout, unit);
    }

    /** True while the tailer thread evaluates the journal (false once stopped or failed). */
    public boolean running() {
        return thread.isAlive() && failure == null;
    }

    /** True once everything written when it started has been evaluated. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Alerts decided (after deduplication), before the sinks' rate limits. */
    public long alerts() {
        return alerts.get();
    }

    /** The sinks' counters (sent, failed, dropped). */
    public AlertStats stats() {
        return dispatcher.stats();
    }

    /** Adds the alerts' collectors (sent, failed, dropped... read at scrape time) to {@code registry}. */
    public void registerMetrics(PrometheusRegistry registry) {
        AlertCollectors.register(registry, dispatcher, alerts::get);
    }

    /** Stops the tailer (saving the resume point) and the sinks. */
    @Override
    public void close() {
        // No interrupt: Chronicle treats an interrupted reader thread as an error; the loop parks 50 ms at most.
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
    }
}
