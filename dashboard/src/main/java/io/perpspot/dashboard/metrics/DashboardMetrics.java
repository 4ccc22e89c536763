package io.perpspot.dashboard.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpspot.dashboard.push.PushHub;
import io.perpspot.dashboard.state.Clocks;
import io.perpspot.dashboard.state.JournalTailer;
import io.perpspot.dashboard.state.MarketView;
import io.perpspot.engine.metrics.Verdict;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.function.ToLongFunction;

/**
 * The dashboard's own figures as Prometheus metrics ({@code perpspot_dashboard_*}), read at scrape
 * time from the push hub, the tailer and the folded view: browsers connected, messages pushed,
 * updates coalesced and dropped, refusals and slow disconnects, the tailer's lag behind the
 * journal. Inside {@code perpspot run} they join the engine's endpoint; {@code perpspot dashboard}
 * alone serves them on {@code dashboard.metrics-port}, with the health checks of {@link #healthz}
 * and {@link #readyz}.
 */
public final class DashboardMetrics {
    /** /readyz: the tailer may be at most this many input records behind the journal's end. */
    public static final long READY_LAG_RECORDS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] QUEUES = {"input", "output"};

    private final PushHub hub;
    private final JournalTailer tailer;
    private final MarketView view;

    public DashboardMetrics(PushHub hub, JournalTailer tailer, MarketView view) {
        this.hub = hub;
        this.tailer = tailer;
        this.view = view;
    }

    /** Registers the dashboard's collectors on {@code registry}. */
    public void register(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("perpspot_dashboard_clients").help("Browsers connected on /ws now")
                .callback(cb -> cb.call(hub.clientCount())).register(registry);
        counter(registry, "perpspot_dashboard_push_messages_total", "WebSocket messages written to browsers",
                PushHub.Totals::messages);
        counter(registry, "perpspot_dashboard_push_coalesced_updates_total",
                "Token updates folded into a later message (the latest row of a token wins)",
                PushHub.Totals::coalesced);
        counter(registry, "perpspot_dashboard_push_dropped_total",
                "Opportunities and source changes dropped for a browser beyond dashboard.client-queue",
                PushHub.Totals::dropped);
        counter(registry, "perpspot_dashboard_clients_refused_total", "Connections refused over dashboard.max-clients",
                PushHub.Totals::refused);
        counter(registry, "perpspot_dashboard_clients_disconnected_slow_total", "Browsers disconnected as stuck",
                PushHub.Totals::disconnectedSlow);
        GaugeWithCallback.builder().name("perpspot_dashboard_tailer_lag_records")
                .help("Journal records appended and not read by the dashboard's tailer yet, by queue")
                .labelNames("queue").callback(cb -> {
                    for (String queue : QUEUES) {
                        long lag = tailer.lag(queue);
                        if (lag >= 0) {
                            cb.call(lag, queue);
                        }
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("perpspot_dashboard_tailer_last_event_age_seconds").unit(Unit.SECONDS)
                .help("Wall time since the receive time of the newest event the tailer read (a quiet market"
                        + " counts too)")
                .callback(cb -> {
                    Clocks c = view.clocks();
                    if (c.lastEventMs() > 0) {
                        cb.call(Math.max(0, System.currentTimeMillis() - c.lastEventMs()) / 1000.0);
                    }
                }).register(registry);
        CounterWithCallback.builder().name("perpspot_dashboard_undecodable_records_total")
                .help("Journal records this build could not decode (skipped)")
                .callback(cb -> cb.call(tailer.undecodable())).register(registry);
    }

    private void counter(PrometheusRegistry registry, String name, String help, ToLongFunction<PushHub.Totals> f) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(f.applyAsLong(hub.totals())))
                .register(registry);
    }

    /** Alive while the tailer thread reads the journal (it stops only when closed or on an error it logged). */
    public Verdict healthz() {
        ObjectNode body = JSON.createObjectNode();
        boolean ok = tailer.running();
        body.put("status", ok ? "ok" : "stuck");
        if (!ok) {
            body.put("reason", "the journal tailer stopped (see the log)");
        }
        return new Verdict(ok, body.toString());
    }

    /**
     * Ready once the tailer runs, has read what the journal held at start, and is at most
     * {@link #READY_LAG_RECORDS} input records behind its end: the pages show the journal, not a
     * partial load.
     */
    public Verdict readyz() {
        ObjectNode body = JSON.createObjectNode();
        long lag = tailer.lag("input");
        body.put("inputLagRecords", lag);
        String why = !tailer.running() ? "the journal tailer stopped"
                : !tailer.caughtUp() ? "loading the journal: " + lag + " input records to read"
                : lag > READY_LAG_RECORDS ? lag + " input records behind the journal (more than " + READY_LAG_RECORDS
                        + ")"
                : null;
        body.put("status", why == null ? "ready" : "unready");
        if (why != null) {
            body.put("reason", why);
        }
        return new Verdict(why == null, body.toString());
    }
}
