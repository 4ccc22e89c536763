package io.perpspot.bench.wire;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The wait after a run: until {@code done} holds, or the counter has not moved for {@code quietNanos}
 * (what never arrived is counted as dropped by the caller, not waited for without end).
 */
final class Drain {
    private Drain() {
    }

    static void await(BooleanSupplier done, LongSupplier progress, long quietNanos) throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        while (!done.getAsBoolean()) {
            long n = progress.getAsLong();
            if (n != last) {
                last = n;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > quietNanos) {
                return;
            }
            Thread.sleep(5);
        }
    }
}
