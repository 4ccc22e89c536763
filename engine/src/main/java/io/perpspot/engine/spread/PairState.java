package io.perpspot.engine.spread;

import net.openhft.chronicle.bytes.Bytes;

/**
 * What the strategy keeps per token and {@link io.perpspot.engine.core.VenuePair}: the basis window its rolling z is
 * taken over, when the next sample and snapshot are due, and the detector's memory of the signal (its direction and
 * when it was last published or refused). Written only by the strategy thread.
 */
public final class PairState {
    /** Basis samples (bps), one per {@code strategy.zscore.sample-interval} at most. */
    public final RollingWindow basis;
    public long nextSampleNanos;
    public long lastSnapshotNanos = SpreadBook.NEVER;
    public long lastOpportunityNanos = SpreadBook.NEVER;
    /** Event time of the last refused would-be opportunity (throttled like opportunities). */
    public long lastRefusalNanos = SpreadBook.NEVER;
    /** The direction of the signal in force, 0 for none. */
    public int activeDirection;

    public PairState(int window) {
        basis = new RollingWindow(window);
    }

    /** Appends the fields after the window, then the window (StateSnapshot, version 2). */
    void writeState(Bytes<?> b) {
        b.writeInt(activeDirection);
        b.writeLong(lastRefusalNanos);
        b.writeLong(nextSampleNanos);
        b.writeLong(lastSnapshotNanos);
        b.writeLong(lastOpportunityNanos);
        basis.writeState(b);
    }

    /** Reads what {@link #writeState} wrote. */
    void readState(Bytes<?> b) {
        activeDirection = b.readInt();
        lastRefusalNanos = b.readLong();
        nextSampleNanos = b.readLong();
        lastSnapshotNanos = b.readLong();
        lastOpportunityNanos = b.readLong();
        basis.readState(b);
    }

    /** True when the pair has learnt nothing (a state snapshot of version 1 can represent it). */
    boolean empty() {
        return basis.count() == 0 && activeDirection == 0 && nextSampleNanos == 0
                && lastSnapshotNanos == SpreadBook.NEVER && lastOpportunityNanos == SpreadBook.NEVER
                && lastRefusalNanos == SpreadBook.NEVER;
    }

    /** Forgets everything. */
    void clear() {
        basis.clear();
        nextSampleNanos = 0;
        lastSnapshotNanos = SpreadBook.NEVER;
        lastOpportunityNanos = SpreadBook.NEVER;
        lastRefusalNanos = SpreadBook.NEVER;
        activeDirection = 0;
    }
}
