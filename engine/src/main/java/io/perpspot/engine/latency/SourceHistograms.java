package io.perpspot.engine.latency;

import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.LatencySnapshot;
import net.openhft.chronicle.bytes.Bytes;
import org.HdrHistogram.Histogram;

/**
 * One interval's latency histograms of one {@link LatencyKind}, one per source (the
 * {@code source} byte of input records), created on the first value of a source and then reused:
 * recording is allocation-free. Values are nanoseconds; a value below 0 (clock skew between the
 * venue and us) or above {@link #HIGHEST_NANOS} is not recorded but counted.
 *
 * <p>Not thread-safe: one owner thread records and snapshots.
 */
public final class SourceHistograms {
    /** Smallest value told apart from 0: about a microsecond (HdrHistogram rounds to 512 ns units). */
    public static final long LOWEST_NANOS = 1_000L;
    /** Largest value recorded: one hour. */
    public static final long HIGHEST_NANOS = 3_600_000_000_000L;
    /** Value precision: 3 significant digits (0.1 %). */
    public static final int DIGITS = 3;
    /** Source bytes are u8. */
    public static final int SOURCES = 256;

    private final int kind;
    private final Histogram[] bySource = new Histogram[SOURCES];
    private final long[] negative = new long[SOURCES];
    private final long[] overflow = new long[SOURCES];
    private long intervalStartNanos;

    public SourceHistograms(int kind) {
        this.kind = kind;
    }

    /** A histogram with the layout every perpspot latency histogram uses. */
    public static Histogram newHistogram() {
        return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, DIGITS);
    }

    /** The {@link LatencyKind} these histograms measure. */
    public int kind() {
        return kind;
    }

    /** Records one latency of {@code source} (0..255). */
    public void record(int source, long nanos) {
        int s = source & (SOURCES - 1);
        if (nanos < 0) {
            negative[s]++;
            return;
        }
        if (nanos > HIGHEST_NANOS) {
            overflow[s]++;
            return;
        }
        Histogram h = bySource[s];
        if (h == null) {
            h = newHistogram();
            bySource[s] = h;
        }
        h.recordValue(nanos);
    }

    /** True if {@code source} has something to report for the current interval. */
    public boolean hasData(int source) {
        Histogram h = bySource[source];
        return (h != null && h.getTotalCount() > 0) || negative[source] > 0 || overflow[source] > 0;
    }

    /** The start of the current interval, epoch nanoseconds. */
    public long intervalStartNanos() {
        return intervalStartNanos;
    }

    /** Forgets every value and starts an interval at {@code startNanos}. */
    public void reset(long startNanos) {
        for (int s = 0; s < SOURCES; s++) {
            if (bySource[s] != null && bySource[s].getTotalCount() > 0) {
                bySource[s].reset();
            }
            negative[s] = 0;
            overflow[s] = 0;
        }
        intervalStartNanos = startNanos;
    }

    /**
     * Appends the current interval (start, then per source with data: negative, overflow and the
     * histogram as a latency payload), for state snapshots. {@code scratch} is reused.
     */
    public void writeState(Bytes<?> b, LatencySnapshot scratch) {
        b.writeLong(intervalStartNanos);
        int n = 0;
        for (int s = 0; s < SOURCES; s++) {
            if (hasData(s)) {
                n++;
            }
        }
        b.writeInt(n);
        for (int s = 0; s < SOURCES; s++) {
            if (hasData(s)) {
                snapshot(s, intervalStartNanos, scratch);
                scratch.write(b);
            }
        }
    }

    /** Reads what {@link #writeState} wrote (allocates: recovery only). */
    public void readState(Bytes<?> b, LatencySnapshot scratch) {
        reset(b.readLong());
        int n = b.readInt();
        for (int i = 0; i < n; i++) {
            scratch.read(b, "output", -1);
            int s = scratch.source & (SOURCES - 1);
            negative[s] = scratch.negative;
            overflow[s] = scratch.overflow;
            Histogram h = bySource[s];
            if (h == null) {
                h = newHistogram();
                bySource[s] = h;
            }
            h.add(scratch.decode());
        }
    }

    /**
     * Fills {@code snap} with the interval of {@code source} ending at {@code endNanos}
     * (allocation-free once the snapshot's buffer is sized: at most once).
     */
    public void snapshot(int source, long endNanos, LatencySnapshot snap) {
        Histogram h = bySource[source];
        if (h == null) {
            h = newHistogram();
            bySource[source] = h;
        }
        snap.fill(kind, source, intervalStartNanos, endNanos, h, negative[source], overflow[source]);
    }

    /** Adds the current interval of {@code source} to {@code figures} (if it recorded values). */
    void addTo(int source, LatencyFigures figures) {
        Histogram h = bySource[source];
        if (h != null && h.getTotalCount() > 0) {
            figures.add(kind, source, h);
        }
    }
}
