package io.perpspot.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.app.EngineAssembly;
import io.perpspot.engine.cache.CacheBackend;
import io.perpspot.engine.cache.CacheCounts;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.jupiter.RequestOutcomes;
import io.perpspot.engine.latency.LatencyFigures;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.testing.Exposition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's own counters behind the metrics this branch exports, read at one moment, by the
 * series each is exported as.
 */
final class EngineCounts {
    private final Map<String, Long> bySeries;

    private EngineCounts(Map<String, Long> bySeries) {
        this.bySeries = bySeries;
    }

    static EngineCounts of(EngineAssembly a) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int t = 1; t <= EventType.MAX; t++) {
            for (int s = 0; s < Source.COUNT; s++) {
                m.put(Exposition.series("perpspot_events_journaled_total", "type", EventType.name(t),
                        "source", Source.name(s)), a.pipeline().journalHandler().appended(t, s));
            }
        }
        for (RequestOutcomes.Outcome o : RequestOutcomes.Outcome.values()) {
            m.put(Exposition.series("perpspot_jupiter_requests_total", "endpoint", "prices", "outcome", o.label()),
                    a.jupiter().prices().outcomes().count(o));
            m.put(Exposition.series("perpspot_jupiter_requests_total", "endpoint", "quotes", "outcome", o.label()),
                    a.jupiter().quotes().outcomes().count(o));
        }
        for (CacheBackend b : CacheBackend.values()) {
            for (CacheCounts.Result r : CacheCounts.Result.values()) {
                m.put(Exposition.series("perpspot_cache_operations_total", "backend", b.label(), "result", r.label()),
                        a.cache().counts().count(b, r));
            }
        }
        Strategy s = a.pipeline().strategy();
        for (int d = 1; d <= OutputRecord.LONG_PERP_SHORT_SPOT; d++) {
            m.put(Exposition.series("perpspot_opportunities_total", "direction", OutputRecord.directionName(d)),
                    s.opportunities(d));
        }
        LatencyFigures figures = a.pipeline().latencyFigures();
        long[] f = new long[2 + LatencyFigures.quantiles()];
        for (int kind = LatencyKind.FEED; kind <= LatencyKind.OPPORTUNITY; kind++) {
            for (int src = 0; src < Source.COUNT; src++) {
                m.put(Exposition.series("perpspot_latency_seconds_count", "kind", LatencyKind.name(kind),
                        "source", Source.name(src)), figures.read(kind, src, f) ? f[0] : 0);
            }
        }
        return new EngineCounts(m);
    }

    /**
     * Every series lies between this reading (before the scrape) and {@code after}'s; a series the
     * exposition lacks must have counted nothing.
     */
    void assertScrapedUpTo(Exposition scraped, EngineCounts after) {
        long nonZero = 0;
        for (Map.Entry<String, Long> e : bySeries.entrySet()) {
            long lo = e.getValue();
            long hi = after.bySeries.get(e.getKey());
            double v = scraped.value(e.getKey());
            if (Double.isNaN(v)) {
                assertTrue(hi == 0, e.getKey() + " absent from the scrape, the engine counts " + hi);
                continue;
            }
            assertTrue(lo <= v && v <= hi, e.getKey() + " scraped " + v + ", the engine's count " + lo + ".." + hi);
            nonZero += v > 0 ? 1 : 0;
        }
        assertTrue(nonZero > 5, "only " + nonZero + " series counted anything");
    }
}
