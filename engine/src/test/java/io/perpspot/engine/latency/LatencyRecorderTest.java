package io.perpspot.engine.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.LatencyKind;
import io.perpspot.engine.core.LatencySnapshot;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalReader;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.pipeline.PipelineSettings;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.testkit.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own latency, by a clock the test drives: receive → journaled per source goes into
 * LatencySnapshot input records every period and at stop, which the strategy ignores.
 */
class LatencyRecorderTest {
    private static final long US = 1_000L;
    private static final long PERIOD = 1_000_000_000L;

    @TempDir
    Path dir;

    private volatile long now;

    @Test
    void receiveToJournaledIsJournaledPerPeriodAndAtStop() {
        long t0 = 1_736_942_400_000_000_000L;
        try (Journal journal = Journal.openForWrite(dir, "daily")) {
            Pipeline topology = new Pipeline(journal, PipelineSettings.plain(64, "blocking").withLatency(PERIOD),
                    new FeedStats(),
                    () -> now, null);
            topology.start();
            MarketEvent e = new MarketEvent();
            now = t0;
            String settings = StrategySettings.from(ConfigLoader.load(null, List.of())).text();
            publish(topology, EngineEvents.engineStart(e, settings, t0));
            publish(topology, EngineEvents.tokenDef(e, Fixtures.shippedTokens().get(0), t0));
            // first period: 1..50 × 10 µs; then, a period later, 10 × 300 µs
            for (int i = 1; i <= 50; i++) {
                long recv = t0 + i * 1_000_000L;
                publish(topology, bbo(e, recv), recv + i * 10 * US);
            }
            for (int i = 0; i < 10; i++) {
                long recv = t0 + PERIOD + 100_000_000L + i * 1_000_000L;
                publish(topology, bbo(e, recv), recv + 300 * US);
            }
            topology.close();
            assertEquals(2, topology.latencyRecorder().snapshots());
            assertEquals(0, topology.strategy().latencySnapshots(), "feed latency: no exchange times here");
        }
        List<LatencySnapshot> snaps = new ArrayList<>();
        try (JournalReader r = JournalReader.open(dir)) {
            r.forEachInput(ev -> {
                if (ev.type == EventType.LATENCY_SNAPSHOT) {
                    LatencySnapshot c = new LatencySnapshot();
                    c.copyFrom(ev.latency);
                    snaps.add(c);
                }
                return true;
            });
            assertEquals(2, snaps.size());
            LatencySnapshot first = snaps.get(0);
            assertEquals(LatencyKind.JOURNAL, first.kind);
            assertEquals(Source.HL_WS_OTHER, first.source);
            assertEquals(50, first.count);
            Histogram h = first.decode();
            assertTrue(h.valuesAreEquivalent(250 * US, h.getValueAtPercentile(50)), "p50 "
                    + h.getValueAtPercentile(50));
            assertTrue(h.valuesAreEquivalent(500 * US, h.getMaxValue()), "max " + h.getMaxValue());
            assertEquals(10, snaps.get(1).count, "the last period, written at stop");
            assertTrue(snaps.get(1).decode().valuesAreEquivalent(300 * US, snaps.get(1).decode().getMaxValue()));

        }
    }

    private void publish(Pipeline t, MarketEvent e, long clockAfter) {
        now = clockAfter;
        long before = t.journalHandler().appended();
        publish(t, e);
        // one event at a time, so the consumer reads the clock set for it
        while (t.journalHandler().appended() == before || t.backlog() > 0) {
            Thread.onSpinWait();
        }
    }

    private static void publish(Pipeline t, MarketEvent e) {
        while (!t.publisher().publish(e)) {
            Thread.onSpinWait();
        }
    }

    private static MarketEvent bbo(MarketEvent e, long recv) {
        e.reset();
        e.type = EventType.PERP_BBO;
        e.source = Source.HL_WS_OTHER;
        e.tokenId = 0;
        e.recvNanos = recv;
        e.bidPx = 100_000_000_000_000L;
        e.bidSz = 1_000_000L;
        e.askPx = 100_010_000_000_000L;
        e.askSz = 1_000_000L;
        return e;
    }
}
