package io.perpspot.tools;

import static io.perpspot.engine.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.perpspot.engine.app.Engine;
import io.perpspot.engine.app.ExitCodes;
import io.perpspot.engine.testing.InProcessCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 9 item 4: journal appends start failing (the {@code AppendProbe} seam throws what a full
 * disk does) while a sim engine ingests. Exit mode stops with one ERROR line and exit code 3;
 * pause mode stops ingesting, resumes when appends succeed again. Either way what is written reads
 * cleanly and verifies.
 */
class StorageFaultTest {
    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Logger root;

    @BeforeEach
    void capture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME); // qualified: logback's Logger
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void release() {
        root.detachAppender(logged);
    }

    private List<String> errors() {
        synchronized (logged) {
            return logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    private static RuntimeException diskFull() {
        return new UncheckedIOException(new IOException("No space left on device"));
    }

    @Test
    void exitModeStopsIngestingWithOneErrorAndExitCode3AndTheJournalVerifies() throws Exception {
        Path journal = dir.resolve("j");
        Engine engine = SimEngines.sim(journal, "journal.on-error=exit", "sim.bbo-interval=2ms");
        long atFailure;
        try {
            engine.start();
            await("the engine journals", 60, () -> engine.assembly().journaled() > 500);
            engine.assembly().pipeline().injectStorageFault(queue -> {
                throw diskFull();
            });
            await("the failure is detected", 30, () -> engine.assembly().pipeline().journalFailed());
            engine.awaitStop(Duration.ofSeconds(30));
            assertEquals(ExitCodes.JOURNAL, engine.exitCode(), "journal.on-error: exit stops the engine with code 3");
            atFailure = engine.assembly().journaled();
            await("events keep arriving and are not journaled", 30, () ->
                    engine.assembly().pipeline().notJournaled() > 100);
            assertEquals(atFailure, engine.assembly().journaled(), "ingestion stopped at the failure");
        } finally {
            engine.close();
        }
        List<String> errors = errors();
        assertEquals(1, errors.size(), "one ERROR line: " + errors);
        assertTrue(errors.get(0).contains("No space left on device") && errors.get(0).contains("ingestion stopped")
                && errors.get(0).contains(journal.getFileName().toString()), errors.get(0));
        assertEquals(1, engine.assembly().pipeline().journalFailures());

        long[] counts = SimEngines.readAll(journal);
        assertEquals(atFailure, counts[0], "exactly the appended records, nothing partial");
        InProcessCli.Run prefix = InProcessCli.run("replay", journal, "--verify", "--prefix");
        assertEquals(0, prefix.code(), prefix.toString());
    }

    @Test
    void pauseModeStopsIngestingResumesWhenAppendsSucceedAndTheWholeJournalVerifies() throws Exception {
        Path journal = dir.resolve("j");
        Engine engine = SimEngines.sim(journal, "journal.on-error=pause", "journal.retry-interval=200ms",
                "sim.bbo-interval=2ms");
        AtomicBoolean failing = new AtomicBoolean();
        try {
            engine.start();
            await("the engine journals", 60, () -> engine.assembly().journaled() > 500);
            engine.assembly().pipeline().injectStorageFault(queue -> {
                if (failing.get()) {
                    throw diskFull();
                }
            });
            failing.set(true);
            await("ingestion pauses", 30, () -> engine.assembly().pipeline().journalFailed()
                    && engine.assembly().pipeline().notJournaled() > 100);
            long paused = engine.assembly().journaled();
            long skipped = engine.assembly().pipeline().notJournaled();
            await("retries keep failing while the fault lasts", 30,
                    () -> engine.assembly().pipeline().notJournaled() > skipped + 200);
            assertEquals(paused, engine.assembly().journaled(), "nothing journaled while the fault lasts");
            assertTrue(engine.assembly().pipeline().journalFailed());
            assertEquals(0, engine.assembly().pipeline().journalResumes());

            failing.set(false);
            await("ingestion resumes", 30, () -> engine.assembly().pipeline().journalResumes() >= 1
                    && !engine.assembly().pipeline().journalFailed() && engine.assembly().journaled() > paused + 300);
            assertEquals(ExitCodes.OK, engine.exitCode(), "pause mode does not stop the engine");
        } finally {
            engine.close();
        }
        List<String> errors = errors();
        assertEquals(1, errors.size(), "one ERROR line for the failure, retries are quiet: " + errors);
        assertEquals(1, engine.assembly().pipeline().journalFailures());
        assertTrue(logged.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("ingestion resumed")), "one WARN line says it resumed");

        SimEngines.readAll(journal);
        InProcessCli.Run verify = InProcessCli.run("replay", journal, "--verify");
        assertEquals(0, verify.code(), "the journal stays consistent across the pause\n" + verify);
        assertTrue(verify.out().contains("identical"), verify.out());
    }
}
