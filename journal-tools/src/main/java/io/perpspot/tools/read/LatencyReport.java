package io.perpspot.tools.read;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.exec.HistogramLatencySampler;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.latency.SourceHistograms;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The latency histograms of a journal, per {@link LatencyKind} and source, for tools and the
 * dashboard: feed latency from the Latency output records, the engine's own latency from the
 * LatencySnapshot input records. Each snapshot covers one interval; {@link Mode#MERGED} adds
 * every interval of the journal, {@link Mode#LATEST} keeps the most recent interval of each
 * source and kind.
 *
 * <pre>{@code
 * try (JournalReader r = JournalReader.open(dir)) {
 *     LatencyReport report = LatencyReport.read(r, LatencyReport.Mode.LATEST);
 *     for (LatencyReport.Entry e : report.entries()) {
 *         LatencyReport.Percentiles p = e.percentiles();   // nanoseconds
 *         show(e.kindName(), e.sourceName(), p.p50(), p.p99(), p.max());
 *     }
 * }
 * }</pre>
 */
public final class LatencyReport {
    /** Which snapshots make an entry's histogram. */
    public enum Mode {
        /** Every interval in the journal, added. */
        MERGED,
        /** Only the latest interval of each source and kind. */
        LATEST
    }

    /** Summary statistics of a histogram, in nanoseconds ({@code 0} when it holds no value). */
    public record Percentiles(long count, long p50, long p90, long p99, long p999, long max, double mean) {
        static Percentiles of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Percentiles(0, 0, 0, 0, 0, 0, 0);
            }
            return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean());
        }
    }

    /** One source and kind: its histogram and where it came from. */
    public static final class Entry {
        private final int kind;
        private final int source;
        private Histogram histogram;
        private int snapshots;
        private long firstStartNanos = Long.MAX_VALUE;
        private long lastEndNanos = Long.MIN_VALUE;
        private long negative;
        private long overflow;

        Entry(int kind, int source) {
            this.kind = kind;
            this.source = source;
        }

        void add(LatencySnapshot s, Mode mode) {
            Histogram h = s.decode();
            if (mode == Mode.LATEST) {
                if (s.intervalEndNanos < lastEndNanos) {
                    return;
                }
                histogram = h;
                snapshots = 1;
                firstStartNanos = s.intervalStartNanos;
                negative = s.negative;
                overflow = s.overflow;
            } else {
                if (histogram == null) {
                    histogram = SourceHistograms.newHistogram();
                }
                histogram.add(h);
                snapshots++;
                firstStartNanos = Math.min(firstStartNanos, s.intervalStartNanos);
                negative += s.negative;
                overflow += s.overflow;
            }
            lastEndNanos = Math.max(lastEndNanos, s.intervalEndNanos);
        }

        /** The {@link LatencyKind} code of the entry ({@code FEED}, {@code JOURNAL}, {@code OPPORTUNITY}). */
        public int kind() {
            return kind;
        }

        /** The kind's journal name ({@code feed}, {@code journal}, {@code opportunity}). */
        public String kindName() {
            return LatencyKind.name(kind);
        }

        /** The {@link Source} code the latencies were measured for. */
        public int source() {
            return source;
        }

        /** The source's journal name ({@code hl-ws-mainnet}, ...). */
        public String sourceName() {
            return Source.name(source);
        }

        /** The histogram (values in nanoseconds). Do not modify. */
        public Histogram histogram() {
            return histogram;
        }

        /** The histogram's count, percentiles, maximum and mean in nanoseconds, computed anew on each call. */
        public Percentiles percentiles() {
            return Percentiles.of(histogram);
        }

        /** Snapshots (intervals) added into this entry. */
        public int snapshots() {
            return snapshots;
        }

        /** Start of the earliest interval, epoch nanoseconds. */
        public long firstStartNanos() {
            return firstStartNanos;
        }

        /** End of the latest interval, epoch nanoseconds. */
        public long lastEndNanos() {
            return lastEndNanos;
        }

        /** Values below zero (clock skew) that were counted but not recorded. */
        public long negative() {
            return negative;
        }

        /** Values above one hour that were counted but not recorded. */
        public long overflow() {
            return overflow;
        }

        /** An execution-latency sampler fitted to this histogram (see {@link HistogramLatencySampler}). */
        public HistogramLatencySampler sampler() {
            return new HistogramLatencySampler(histogram);
        }
    }

    private final Map<Long, Entry> entries = new TreeMap<>();
    private final Mode mode;

    private LatencyReport(Mode mode) {
        this.mode = mode;
    }

    /**
     * Reads every latency snapshot of the journal (one pass over each queue).
     *
     * @throws io.perpspot.engine.core.JournalFormatException for an undecodable record
     */
    public static LatencyReport read(JournalReader reader, Mode mode) {
        LatencyReport report = new LatencyReport(mode);
        reader.forEachOutput((r, index) -> {
            if (r.type == OutputType.LATENCY) {
                report.add(r.latency);
            }
            return true;
        });
        reader.forEachInput(e -> {
            if (e.type == EventType.LATENCY_SNAPSHOT) {
                report.add(e.latency);
            }
            return true;
        });
        return report;
    }

    void add(LatencySnapshot s) {
        entries.computeIfAbsent(((long) s.kind << 8) | s.source, k -> new Entry(s.kind, s.source)).add(s, mode);
    }

    /** {@link Mode#MERGED}: entries add every interval; {@link Mode#LATEST}: each keeps its latest interval. */
    public Mode mode() {
        return mode;
    }

    /** Every entry, by kind then source. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    /** The entry of one kind and source, or null. */
    public Entry get(int kind, int source) {
        return entries.get(((long) kind << 8) | source);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
