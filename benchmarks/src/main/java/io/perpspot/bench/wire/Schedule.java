package io.perpspot.bench.wire;

/**
 * The fixed-rate schedule both processes share: frame {@code seq} of a run is due at
 * {@code startNanos + (seq - firstSeq) * 1e9 / rate} by {@link System#nanoTime()}, which on Linux is
 * CLOCK_MONOTONIC, one clock for every process of the machine. The generator sends by it; the
 * harness measures every stage from it (the intended send time: the coordinated-omission correction),
 * so no frame carries more than its sequence number, which rides in the frame's exchange {@code time}
 * as {@code timeBase + seq}.
 *
 * @param firstSeq   sequence number of the run's first frame
 * @param rate       frames per second
 * @param startNanos System.nanoTime() at which the first frame is due
 * @param count      frames in the run
 */
public record Schedule(long firstSeq, long rate, long startNanos, long count) {
    /** When frame {@code seq} is due (System.nanoTime()). */
    public long due(long seq) {
        return startNanos + (seq - firstSeq) * 1_000_000_000L / rate;
    }

    /** Whether {@code seq} belongs to this run. */
    public boolean contains(long seq) {
        return seq >= firstSeq && seq < firstSeq + count;
    }

    /** The line the harness sends the generator. */
    String command() {
        return "RUN " + firstSeq + " " + rate + " " + startNanos + " " + count;
    }

    /** Parses {@link #command()}. */
    static Schedule parse(String line) {
        String[] p = line.trim().split(" ");
        return new Schedule(Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]));
    }
}
