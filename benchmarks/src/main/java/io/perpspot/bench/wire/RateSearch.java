package io.perpspot.bench.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The search for the highest offered rate the engine carries with p99 send → journaled under a bound and
 * nothing dropped: doubling from a start rate until a probe fails, then bisecting between the last rate
 * that passed and the first that failed. Pure: the harness runs each {@link #next()} rate and reports it
 * with {@link #record}.
 */
final class RateSearch {
    /** One probe: its rate, its p99 send → journaled, drops and the generator's own send lag p99 (ns). */
    record Probe(long rate, long p99Nanos, long dropped, long generatorLagP99Nanos, boolean passed) {
    }

    private final long boundNanos;
    private final long ceiling;
    private final int bisections;
    private final List<Probe> probes = new ArrayList<>();
    private long passed;
    private long failed = Long.MAX_VALUE;
    private long next;
    private int bisected;

    /**
     * @param start      the first rate probed
     * @param boundNanos the p99 a probe must stay under
     * @param ceiling    the highest rate probed while doubling
     * @param bisections how many bisection steps after the first failure
     */
    RateSearch(long start, long boundNanos, long ceiling, int bisections) {
        this.next = start;
        this.boundNanos = boundNanos;
        this.ceiling = ceiling;
        this.bisections = bisections;
    }

    /** The next rate to probe, or -1 when the search is over. */
    long next() {
        return next;
    }

    /** Records the probe at {@link #next()} and chooses the one after. */
    void record(long p99Nanos, long dropped, long generatorLagP99Nanos) {
        long rate = next;
        boolean ok = dropped == 0 && p99Nanos < boundNanos;
        probes.add(new Probe(rate, p99Nanos, dropped, generatorLagP99Nanos, ok));
        if (ok) {
            passed = Math.max(passed, rate);
        } else {
            failed = Math.min(failed, rate);
        }
        if (failed == Long.MAX_VALUE) {
            next = rate >= ceiling ? -1 : Math.min(ceiling, rate * 2);
        } else if (bisected++ < bisections && failed - passed > Math.max(1, passed / 20)) {
            next = passed == 0 ? failed / 2 : (passed + failed) / 2;
        } else {
            next = -1;
        }
    }

    /** The highest rate that passed (0 when none did). */
    long highestPassed() {
        return passed;
    }

    /** Whether the doubling reached the ceiling without a failure (the answer is at least the ceiling). */
    boolean reachedCeiling() {
        return failed == Long.MAX_VALUE;
    }

    List<Probe> probes() {
        return probes;
    }

    long boundNanos() {
        return boundNanos;
    }
}
