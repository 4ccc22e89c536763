package io.perpspot.alerts.sink;

import io.perpspot.alerts.rule.Alert;
import io.perpspot.alerts.rule.SinkSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Hands every alert to each sink's sender; each sink has its own thread, queue and rate limit. */
public final class Dispatcher implements Consumer<Alert>, AutoCloseable {
    private final List<SinkSender> senders = new ArrayList<>();
    private final AlertStats stats;

    /** One sender per sink; call {@link #start()} to start their threads. */
    public Dispatcher(List<SinkSpec> sinks) {
        List<SinkStats> all = new ArrayList<>();
        for (SinkSpec s : sinks) {
            SinkSender sender = new SinkSender(s);
            senders.add(sender);
            all.add(sender.stats());
        }
        this.stats = new AlertStats(all);
    }

    /** Starts each sink's thread. */
    public void start() {
        senders.forEach(SinkSender::start);
    }

    /** Queues the alert on every sink; never blocks. */
    @Override
    public void accept(Alert a) {
        for (SinkSender s : senders) {
            s.offer(a);
        }
    }

    /**
     * Sends {@code a} once to every sink, one after the other on the caller's thread (for {@code alerts test}):
     * one line per sink with its name, format and answer. The URL is not shown (webhook URLs hold secrets).
     */
    public List<String> sendOnceToEach(Alert a) {
        List<String> out = new ArrayList<>();
        for (SinkSender s : senders) {
            out.add(s.stats().name() + " (" + s.stats().format() + "): " + s.sendOnce(a));
        }
        return out;
    }

    /** The counters. */
    public AlertStats stats() {
        return stats;
    }

    /** Alerts waiting over every sink. */
    public int queued() {
        return senders.stream().mapToInt(SinkSender::queued).sum();
    }

    /** Alerts waiting, per sink name in the order of the alerts file. */
    public Map<String, Integer> queuedBySink() {
        Map<String, Integer> out = new LinkedHashMap<>();
        senders.forEach(s -> out.put(s.stats().name(), s.queued()));
        return out;
    }

    /** Stops every sender, each after up to 2 s for its queue to empty (what is still queued then is not sent). */
    @Override
    public void close() {
        senders.forEach(SinkSender::close);
    }
}
