package io.perpspot.engine.metrics;

import io.perpspot.engine.cache.CacheBackend;
import io.perpspot.engine.cache.CacheCounts;
import io.perpspot.engine.cache.CacheStats;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.feed.fallback.PerpFeedChain;
import io.perpspot.engine.feed.fallback.PerpTier;
import io.perpspot.engine.feed.jupiter.RequestOutcomes.Outcome;
import io.perpspot.engine.journal.JournalHandler;
import io.perpspot.engine.latency.SourceHistograms;
import io.perpspot.engine.strategy.Strategy;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The engine's figures as Prometheus collectors that read the existing counters when scraped
 * (callback collectors): nothing is added on the path of an event. Names follow the Prometheus
 * conventions: {@code perpspot_..._total} for counters, base units (bytes, seconds).
 */
final class EngineCollectors {
    private EngineCollectors() {
    }

    /** A registry holding the engine's collectors and the JVM's. */
    static PrometheusRegistry register(EngineReadings r, Freshness fresh) {
        PrometheusRegistry reg = new PrometheusRegistry();
        events(reg, r);
        sources(reg, r, fresh);
        strategy(reg, r.pipeline().strategy());
        jupiter(reg, r);
        cache(reg, r);
        journal(reg, r);
        GaugeWithCallback.builder().name("perpspot_tokens_tracked").help("Tokens (pairs) tracked now")
                .callback(cb -> cb.call(r.tokens().getAsInt())).register(reg);
        Info build = Info.builder().name("perpspot_build_info").help("The engine's version")
                .labelNames("version").register(reg);
        build.setLabelValues(r.version());
        reg.register(new LatencySummaries(r.pipeline().latencyFigures()));
        JvmMetrics.builder().register(reg);
        return reg;
    }

    private static void events(PrometheusRegistry reg, EngineReadings r) {
        JournalHandler journaled = r.pipeline().journalHandler();
        CounterWithCallback.builder().name("perpspot_events_journaled_total")
                .help("Input events appended to the journal, by type and source (pairs that journaled one)")
                .labelNames("type", "source").callback(cb -> {
                    for (int t = 1; t <= EventType.MAX; t++) {
                        String name = EventType.name(t);
                        if (name.startsWith("unknown(")) { // a retired type number
                            continue;
                        }
                        for (int s = 0; s < SourceHistograms.SOURCES; s++) {
                            long n = journaled.appended(t, s);
                            if (n > 0) {
                                cb.call(n, name, Source.name(s));
                            }
                        }
                    }
                }).register(reg);
        FeedStats stats = r.stats();
        CounterWithCallback.builder().name("perpspot_frames_received_total")
                .help("Frames received from a source (valid or not)").labelNames("source")
                .callback(cb -> eachSource(s -> cb.call(stats.frames(s), Source.name(s)))).register(reg);
        CounterWithCallback.builder().name("perpspot_frames_rejected_total")
                .help("Frames or entries rejected, by source and reason").labelNames("source", "reason")
                .callback(cb -> eachSource(s -> {
                    for (Reject reason : Reject.values()) {
                        long n = stats.rejects(s, reason);
                        if (n > 0) {
                            cb.call(n, Source.name(s), reason.name().toLowerCase(Locale.ROOT));
                        }
                    }
                })).register(reg);
        CounterWithCallback.builder().name("perpspot_ring_full_dropped_total")
                .help("Events dropped or superseded because the ring was full, by source").labelNames("source")
                .callback(cb -> eachSource(s -> cb.call(stats.ringFullCount(s), Source.name(s)))).register(reg);
        GaugeWithCallback.builder().name("perpspot_ring_remaining_capacity")
                .help("Free slots of the ring now").callback(cb -> cb.call(r.pipeline().remainingCapacity()))
                .register(reg);
        GaugeWithCallback.builder().name("perpspot_ring_backlog")
                .help("Events published and not yet consumed").callback(cb -> cb.call(r.pipeline().backlog()))
                .register(reg);
        CounterWithCallback.builder().name("perpspot_ring_coalesced_total")
                .help("Book and price events superseded by a newer one of the same token while the ring was full")
                .callback(cb -> cb.call(r.pipeline().publisher().coalesced())).register(reg);
        CounterWithCallback.builder().name("perpspot_journal_failures_total")
                .help("Journal append failures").callback(cb -> cb.call(r.pipeline().journalFailures()))
                .register(reg);
    }

    private static void sources(PrometheusRegistry reg, EngineReadings r, Freshness fresh) {
        GaugeWithCallback.builder().name("perpspot_source_up")
                .help("1 if the source's last journaled state is up, else 0 (sources that reported a state)")
                .labelNames("source").callback(cb -> eachSource(s -> {
                    int state = r.status().state(s);
                    if (state != 0) {
                        cb.call(state == SourceState.UP ? 1 : 0, Source.name(s));
                    }
                })).register(reg);
        GaugeWithCallback.builder().name("perpspot_source_last_data_age_seconds").unit(Unit.SECONDS)
                .help("Seconds since the source's last frame (sources that sent one)").labelNames("source")
                .callback(cb -> eachSource(s -> {
                    double age = fresh.ageSeconds(s);
                    if (!Double.isNaN(age)) {
                        cb.call(age, Source.name(s));
                    }
                })).register(reg);
        PerpFeedChain chain = r.perp().chain();
        CounterWithCallback.builder().name("perpspot_source_failovers_total")
                .help("Switches of the perp side's serving source onto this source from another that served before")
                .labelNames("source").callback(cb -> {
                    for (PerpTier tier : chain.tiers()) {
                        cb.call(chain.failoversOnto(tier.source()), Source.name(tier.source()));
                    }
                }).register(reg);
        GaugeWithCallback.builder().name("perpspot_perp_serving")
                .help("1 for the source serving the perp side now").labelNames("source")
                .callback(cb -> {
                    int active = r.perp().activeSource();
                    if (active >= 0) {
                        cb.call(1, Source.name(active));
                    }
                }).register(reg);
    }

    private static void strategy(PrometheusRegistry reg, Strategy s) {
        CounterWithCallback.builder().name("perpspot_opportunities_total")
                .help("Tradable opportunities written since this process started, by direction")
                .labelNames("direction").callback(cb -> {
                    for (int d = 0; d <= OutputRecord.LONG_PERP_SHORT_SPOT; d++) {
                        long n = s.opportunities(d);
                        if (d > 0 || n > 0) { // "none" only if an unknown direction code was ever counted
                            cb.call(n, OutputRecord.directionName(d));
                        }
                    }
                }).register(reg);
        CounterWithCallback.builder().name("perpspot_opportunities_refused_total")
                .help("Would-be opportunities the detector refused, by reason").labelNames("reason")
                .callback(cb -> {
                    for (int g = 1; g < OutputRecord.GATE_REASONS; g++) {
                        cb.call(s.refusals(g), OutputRecord.rejectReasonName(g));
                    }
                }).register(reg);
        CounterWithCallback.builder().name("perpspot_spread_snapshots_total")
                .help("Spread records written").callback(cb -> cb.call(s.spreads())).register(reg);
    }

    private static void jupiter(PrometheusRegistry reg, EngineReadings r) {
        CounterWithCallback.builder().name("perpspot_jupiter_requests_total")
                .help("Jupiter requests sent, by endpoint (prices, quotes) and how they ended")
                .labelNames("endpoint", "outcome").callback(cb -> {
                    for (Outcome o : Outcome.values()) {
                        cb.call(r.prices().count(o), "prices", o.label());
                        cb.call(r.quotes().count(o), "quotes", o.label());
                    }
                }).register(reg);
        CounterWithCallback.builder().name("perpspot_jupiter_limiter_granted_total")
                .help("Permits the shared Jupiter limiter granted (prices and quotes)")
                .callback(cb -> cb.call(r.limiter().granted())).register(reg);
        GaugeWithCallback.builder().name("perpspot_jupiter_limiter_rate")
                .help("The Jupiter limiter's current rate, requests per second")
                .callback(cb -> cb.call(r.limiter().currentRate())).register(reg);
    }

    private static void cache(PrometheusRegistry reg, EngineReadings r) {
        CounterWithCallback.builder().name("perpspot_cache_operations_total")
                .help("Cache operations by the backend that handled them (redis, local) and result")
                .labelNames("backend", "result").callback(cb -> {
                    CacheCounts counts = r.cache().counts();
                    for (CacheBackend b : CacheBackend.values()) {
                        for (CacheCounts.Result res : CacheCounts.Result.values()) {
                            cb.call(counts.count(b, res), b.label(), res.label());
                        }
                    }
                    // Evictions and expiries happen in the local store only.
                    CacheStats c = r.cache().stats();
                    String local = CacheBackend.LOCAL.label();
                    cb.call(c.evictions(), local, "eviction");
                    cb.call(c.expired(), local, "expired");
                }).register(reg);
        CounterWithCallback.builder().name("perpspot_cache_switches_total")
                .help("Cache backend switches (the first choice included)")
                .callback(cb -> cb.call(r.cache().stats().switches())).register(reg);
        GaugeWithCallback.builder().name("perpspot_cache_backend")
                .help("1 for the cache backend serving now").labelNames("backend").callback(cb -> {
                    CacheBackend now = r.cache().backend();
                    for (CacheBackend b : CacheBackend.values()) {
                        cb.call(b == now ? 1 : 0, b.label());
                    }
                }).register(reg);
    }

    private static void journal(PrometheusRegistry reg, EngineReadings r) {
        Path dir = r.journalDir();
        GaugeWithCallback.builder().name("perpspot_journal_size_bytes").unit(Unit.BYTES)
                .help("Bytes of the journal directory's files").callback(cb -> cb.call(bytesUnder(dir)))
                .register(reg);
        GaugeWithCallback.builder().name("perpspot_journal_disk_free_bytes").unit(Unit.BYTES)
                .help("Bytes free for the journal on its file system").callback(cb -> {
                    try {
                        cb.call(Files.getFileStore(dir).getUsableSpace());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).register(reg);
    }

    private static long bytesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a cycle file rolled away during the walk
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void eachSource(IntConsumer each) {
        for (int s = 0; s < Source.COUNT; s++) {
            each.accept(s);
        }
    }
}
