package io.perpspot.engine.journal;

import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * How a journal reader beside the engine (the dashboard's tailer, the alerts) waits when it has read to the end:
 * Agrona's back-off, parking from 1 ms up to 50 ms while nothing new arrives and back to the start on the first new
 * record. No spinning: readers share the cores with the engine. It parks rather than sleeps, so no interrupt is
 * needed to stop a reader (Chronicle treats an interrupted reader thread as an error).
 */
public final class JournalIdle {
    private static final long MIN_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private JournalIdle() {
    }

    /** A new idle strategy for one reader thread: call {@code idle(records read)} after each pass. */
    public static IdleStrategy strategy() {
        return new BackoffIdleStrategy(0, 0, MIN_PARK_NANOS, MAX_PARK_NANOS);
    }
}
