package io.perpspot.engine.spread;

import net.openhft.chronicle.bytes.Bytes;

/**
 * Realised volatility of one price from its recent log returns, sampled at most once per
 * {@code minSpacingNanos} of event time. The estimate is {@code sqrt(Σ r² / Σ Δt)} per
 * square-root second over the last {@code capacity} returns: irregular spacing between
 * samples is weighted by its length, and the mean return is taken as zero (over seconds the
 * drift is negligible next to the noise). A pure function of the prices fed in; no garbage.
 */
public final class VolatilityWindow {
    private final double[] r2;
    private final double[] dt;
    private final long minSpacingNanos;
    private int count;
    private int head;
    private double lastLog = Double.NaN;
    private long lastTime;

    public VolatilityWindow(int capacity, long minSpacingNanos) {
        if (capacity < 2) {
            throw new IllegalArgumentException("volatility window capacity must be at least 2: " + capacity);
        }
        if (minSpacingNanos <= 0) {
            throw new IllegalArgumentException("volatility sample spacing must be positive: " + minSpacingNanos);
        }
        r2 = new double[capacity];
        dt = new double[capacity];
        this.minSpacingNanos = minSpacingNanos;
    }

    /** Offers a price (any positive scale, the same every time) at event time {@code t}. */
    public void offer(long price, long t) {
        if (price <= 0) {
            return;
        }
        if (Double.isNaN(lastLog)) {
            lastLog = Math.log(price);
            lastTime = t;
            return;
        }
        long gap = t - lastTime;
        if (gap < minSpacingNanos) {
            return;
        }
        double log = Math.log(price);
        double r = log - lastLog;
        r2[head] = r * r;
        dt[head] = gap * 1e-9;
        head = head + 1 == r2.length ? 0 : head + 1;
        if (count < r2.length) {
            count++;
        }
        lastLog = log;
        lastTime = t;
    }

    /** Returns in the window. */
    public int count() {
        return count;
    }

    /** Volatility per square-root second; NaN below two returns. */
    public double perSqrtSecond() {
        if (count < 2) {
            return Double.NaN;
        }
        double s = 0;
        double t = 0;
        for (int i = 0; i < count; i++) {
            s += r2[i];
            t += dt[i];
        }
        return Math.sqrt(s / t);
    }

    /** Appends the exact state (returns in buffer order), for state snapshots. */
    public void writeState(Bytes<?> b) {
        b.writeInt(count);
        b.writeInt(head);
        b.writeDouble(lastLog);
        b.writeLong(lastTime);
        for (int i = 0; i < count; i++) {
            b.writeDouble(r2[i]);
            b.writeDouble(dt[i]);
        }
    }

    /** Reads what {@link #writeState} wrote. */
    public void readState(Bytes<?> b) {
        int n = b.readInt();
        if (n < 0 || n > r2.length) {
            throw new IllegalStateException("state: volatility window of " + n + " returns does not fit " + r2.length);
        }
        count = n;
        head = b.readInt();
        lastLog = b.readDouble();
        lastTime = b.readLong();
        for (int i = 0; i < n; i++) {
            r2[i] = b.readDouble();
            dt[i] = b.readDouble();
        }
    }

    /** Forgets the returns and the last price: the next offer starts the window again. */
    public void clear() {
        count = 0;
        head = 0;
        lastLog = Double.NaN;
        lastTime = 0;
    }
}
