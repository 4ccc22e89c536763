package io.perpspot.alerts.sink;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongSupplier;

/**
 * The alerts' counters as Prometheus collectors that read {@link AlertStats} when scraped (callback collectors):
 * {@code perpspot_alerts_fired_total}, and per sink {@code perpspot_alerts_sent_total}, {@code _failed_total},
 * {@code _dropped_total} (by reason: {@code rate-limit} or {@code queue-full}), {@code _retries_total} and
 * {@code perpspot_alerts_queued}. The same collectors join the engine's /metrics (the sidecar) or the standalone
 * command's own endpoint.
 */
public final class AlertCollectors {
    private AlertCollectors() {
    }

    /** Registers the collectors; {@code fired} counts the alerts decided (after deduplication, before the sinks). */
    public static void register(PrometheusRegistry reg, Dispatcher dispatcher, LongSupplier fired) {
        AlertStats stats = dispatcher.stats();
        CounterWithCallback.builder().name("perpspot_alerts_fired_total")
                .help("Alerts the rules decided (after the cooldowns), handed to every sink")
                .callback(cb -> cb.call(fired.getAsLong())).register(reg);
        CounterWithCallback.builder().name("perpspot_alerts_sent_total")
                .help("Alerts a sink accepted (2xx), by sink").labelNames("sink", "format")
                .callback(cb -> stats.sinks().forEach(s -> cb.call(s.sent(), s.name(), s.format()))).register(reg);
        CounterWithCallback.builder().name("perpspot_alerts_failed_total")
                .help("Alerts given up on (a 4xx, or a 5xx or I/O error on every attempt), by sink").labelNames("sink")
                .callback(cb -> stats.sinks().forEach(s -> cb.call(s.failed(), s.name()))).register(reg);
        CounterWithCallback.builder().name("perpspot_alerts_dropped_total")
                .help("Alerts not sent: over the sink's rate limit, or the oldest of a full queue; by sink and reason")
                .labelNames("sink", "reason").callback(cb -> stats.sinks().forEach(s -> {
                    cb.call(s.rateLimited(), s.name(), "rate-limit");
                    cb.call(s.queueFull(), s.name(), "queue-full");
                })).register(reg);
        CounterWithCallback.builder().name("perpspot_alerts_retries_total")
                .help("Requests repeated after a 5xx answer or an I/O error, by sink").labelNames("sink")
                .callback(cb -> stats.sinks().forEach(s -> cb.call(s.retries(), s.name()))).register(reg);
        GaugeWithCallback.builder().name("perpspot_alerts_queued")
                .help("Alerts waiting to be sent now, by sink").labelNames("sink")
                .callback(cb -> dispatcher.queuedBySink().forEach((sink, n) -> cb.call(n, sink))).register(reg);
    }
}
