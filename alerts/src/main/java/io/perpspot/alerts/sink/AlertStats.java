package io.perpspot.alerts.sink;

import java.util.List;

/**
 * The alerts' counters, per sink and in total: the public accessor for metrics exporters. Reads are lock-free and
 * may be called from any thread.
 */
public final class AlertStats {
    private final List<SinkStats> sinks;

    AlertStats(List<SinkStats> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /** Each sink's counters, in the order of the alerts file. */
    public List<SinkStats> sinks() {
        return sinks;
    }

    /** Alerts sent, over every sink. */
    public long sent() {
        return sinks.stream().mapToLong(SinkStats::sent).sum();
    }

    /** Alerts failed, over every sink. */
    public long failed() {
        return sinks.stream().mapToLong(SinkStats::failed).sum();
    }

    /** Alerts dropped (queue full or rate limit), over every sink. */
    public long dropped() {
        return sinks.stream().mapToLong(SinkStats::dropped).sum();
    }
}
