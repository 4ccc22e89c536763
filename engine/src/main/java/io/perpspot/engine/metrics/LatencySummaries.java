package io.perpspot.engine.metrics;

import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.latency.LatencyFigures;
import io.perpspot.engine.latency.SourceHistograms;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code perpspot_latency_seconds{kind,source}}: a summary per latency kind (feed, journal,
 * opportunity) and source, from the HdrHistogram intervals the engine journals (feed: the
 * strategy's Latency records; journal, opportunity: the consumer's LatencySnapshot records): the
 * quantiles of the last interval, the count and sum over the run.
 */
final class LatencySummaries implements MultiCollector {
    private static final String NAME = "perpspot_latency_seconds";
    private static final int[] KINDS = {LatencyKind.FEED, LatencyKind.JOURNAL, LatencyKind.OPPORTUNITY};

    private final LatencyFigures figures;

    LatencySummaries(LatencyFigures figures) {
        this.figures = figures;
    }

    @Override
    public MetricSnapshots collect() {
        SummarySnapshot.Builder summary = SummarySnapshot.builder().name(NAME).unit(Unit.SECONDS)
                .help("Latency by kind (feed: the venue's stamp to receive; journal: receive to journaled;"
                        + " opportunity: receive to the opportunity written) and source; quantiles of the last"
                        + " interval");
        long[] f = new long[2 + LatencyFigures.quantiles()];
        for (int kind : KINDS) {
            for (int source = 0; source < SourceHistograms.SOURCES; source++) {
                if (!figures.read(kind, source, f)) {
                    continue;
                }
                List<Quantile> qs = new ArrayList<>();
                for (int i = 0; i < LatencyFigures.quantiles(); i++) {
                    qs.add(new Quantile(LatencyFigures.quantile(i), f[2 + i] / 1e9));
                }
                summary.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                        .labels(Labels.of("kind", LatencyKind.name(kind), "source", Source.name(source)))
                        .quantiles(Quantiles.of(qs)).count(f[0]).sum(f[1] / 1e9).build());
            }
        }
        return MetricSnapshots.of(summary.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(NAME);
    }
}
