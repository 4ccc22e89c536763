package io.perpspot.engine.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition with a deadline instead of sleeping a fixed time: the condition is
 * polled every {@value #POLL_MILLIS} ms until it holds or the deadline passes, so a test is as
 * fast as what it waits for and fails with what it waited for.
 */
public final class Await {
    /** Time between two looks at the condition. */
    static final long POLL_MILLIS = 10;

    private Await() {
    }

    /**
     * Waits up to {@code seconds} for the condition; throws {@link AssertionError}
     * ("timed out after N s waiting for: what") if it still does not hold.
     */
    public static void await(String what, double seconds, BooleanSupplier condition) {
        if (!within(Duration.ofNanos((long) (seconds * 1e9)), condition)) {
            throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
        }
    }

    /**
     * True as soon as the condition holds, false if it still does not once {@code bound} has
     * passed (for a test that asserts with its own message). An interrupt ends the wait with an
     * {@link AssertionError}, the thread's interrupt flag set again.
     */
    public static boolean within(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return condition.getAsBoolean();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
        return true;
    }
}
