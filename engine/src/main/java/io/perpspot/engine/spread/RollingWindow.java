package io.perpspot.engine.spread;

import net.openhft.chronicle.bytes.Bytes;

/**
 * Fixed-size window of doubles with O(1) mean and standard deviation. Sums are recomputed
 * from the buffer once per window length so rounding drift cannot accumulate; the result is a
 * pure function of the samples added, so replay reproduces it bit for bit.
 */
public final class RollingWindow {
    private final double[] values;
    private int count;
    private int head;
    private double sum;
    private double sumSq;
    private int sinceRecompute;

    public RollingWindow(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("window capacity must be at least 2: " + capacity);
        }
        values = new double[capacity];
    }

    /** Adds a sample, evicting the oldest once the window is full. Allocation-free. */
    public void add(double x) {
        if (count == values.length) {
            double old = values[head];
            sum -= old;
            sumSq -= old * old;
        } else {
            count++;
        }
        values[head] = x;
        head = head + 1 == values.length ? 0 : head + 1;
        sum += x;
        sumSq += x * x;
        if (++sinceRecompute >= values.length) {
            recompute();
        }
    }

    private void recompute() {
        double s = 0;
        double sq = 0;
        for (int i = 0; i < count; i++) {
            double v = values[i];
            s += v;
            sq += v * v;
        }
        sum = s;
        sumSq = sq;
        sinceRecompute = 0;
    }

    /** The {@code i}-th sample in the window, oldest first ({@code 0 <= i < count()}). */
    public double get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + count);
        }
        int start = count == values.length ? head : 0;
        int j = start + i;
        return values[j >= values.length ? j - values.length : j];
    }

    /** Samples in the window, at most its capacity. */
    public int count() {
        return count;
    }

    /** Mean of the samples in the window; NaN when it is empty. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Sample standard deviation (n−1); NaN below two samples. */
    public double std() {
        if (count < 2) {
            return Double.NaN;
        }
        double mean = sum / count;
        double var = (sumSq - count * mean * mean) / (count - 1);
        return var <= 0 ? 0 : Math.sqrt(var);
    }

    /** Appends the exact window state (samples in buffer order, running sums), for state snapshots. */
    public void writeState(Bytes<?> b) {
        b.writeInt(count);
        b.writeInt(head);
        b.writeInt(sinceRecompute);
        b.writeDouble(sum);
        b.writeDouble(sumSq);
        for (int i = 0; i < count; i++) {
            b.writeDouble(values[i]);
        }
    }

    /** Reads what {@link #writeState} wrote; the capacity must be the same. */
    public void readState(Bytes<?> b) {
        int n = b.readInt();
        if (n < 0 || n > values.length) {
            throw new IllegalStateException("state: window of " + n + " samples does not fit capacity "
                    + values.length);
        }
        count = n;
        head = b.readInt();
        sinceRecompute = b.readInt();
        sum = b.readDouble();
        sumSq = b.readDouble();
        for (int i = 0; i < n; i++) {
            values[i] = b.readDouble();
        }
    }

    /** Empties the window (the capacity stays). */
    public void clear() {
        count = 0;
        head = 0;
        sum = 0;
        sumSq = 0;
        sinceRecompute = 0;
    }
}
