package io.perpspot.engine.testing;

import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.pipeline.Pipeline;
import io.perpspot.engine.pipeline.PipelineSettings;
import io.perpspot.engine.strategy.StrategySettings;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import java.nio.file.Path;
import java.util.List;

/**
 * Test fixture: a real journal (real Pipeline, real Chronicle) whose feed latencies are known
 * exactly, with {@code strategy.latency.snapshot-interval=1s}, event time from {@link #T0}:
 *
 * <pre>
 * interval 1 [T0, T0+1s)   hl-ws-mainnet PerpBbo with latencies 1, 2, ..., 100 ms
 *                          jupiter-price SpotPrice: 10 × 500 ms and 1 negative (exchange ts in the future)
 * T0+1.5s                  a PerpBbo without exchange time: ends interval 1 (2 Latency records)
 * interval 2               hl-ws-mainnet 3 × 7 ms
 * T0+2.5s                  a PerpBbo without exchange time: ends interval 2 (1 Latency record)
 * T0+2.6s                  hl-ws-mainnet 1 × 900 ms: the last, incomplete interval (never journaled)
 * </pre>
 */
public final class LatencyJournal {
    /** 2025-01-15T12:00:00Z, a whole second. */
    public static final long T0 = 1_736_942_400_000_000_000L;
    public static final long MS = 1_000_000L;

    private LatencyJournal() {
    }

    /** Writes the journal into {@code dir}. */
    public static void write(Path dir) {
        Token token = Fixtures.shippedTokens().get(0);
        String settings = StrategySettings.from(ConfigLoader.load(null,
                List.of("strategy.latency.snapshot-interval=1s"))).text();
        published = 0;
        try (Journal journal = Journal.openForWrite(dir, "daily")) {
            Pipeline topology = new Pipeline(journal, PipelineSettings.plain(1024, "blocking"), new FeedStats());
            topology.start();
            MarketEvent e = new MarketEvent();
            publish(topology, EngineEvents.engineStart(e, settings, T0));
            publish(topology, EngineEvents.tokenDef(e, token, T0));
            for (int i = 1; i <= 100; i++) {
                long recv = T0 + 200 * MS + i * MS;
                publish(topology, bbo(e, Source.HL_WS_MAINNET, recv, recv / MS - i));
            }
            for (int i = 0; i < 10; i++) {
                long recv = T0 + 400 * MS + i * MS;
                publish(topology, spot(e, recv, recv / MS - 500));
            }
            publish(topology, spot(e, T0 + 450 * MS, (T0 + 450 * MS) / MS + 3));
            publish(topology, bbo(e, Source.HL_WS_MAINNET, T0 + 1500 * MS, 0));
            for (int i = 0; i < 3; i++) {
                long recv = T0 + 1600 * MS + i * MS;
                publish(topology, bbo(e, Source.HL_WS_MAINNET, recv, recv / MS - 7));
            }
            publish(topology, bbo(e, Source.HL_WS_MAINNET, T0 + 2500 * MS, 0));
            long recv = T0 + 2600 * MS;
            publish(topology, bbo(e, Source.HL_WS_MAINNET, recv, recv / MS - 900));
            // Disruptor's shutdown does not wait for a consumer thread that has not started yet.
            while (topology.journalHandler().appended() < published || topology.backlog() > 0) {
                Thread.onSpinWait();
            }
            topology.close();
            if (topology.strategy().latencySnapshots() != 3) {
                throw new IllegalStateException("expected 3 latency snapshots, got "
                        + topology.strategy().latencySnapshots()
                        + " (handler errors " + topology.handlerErrors() + ", market events "
                        + topology.strategy().marketEvents()
                        + ", journaled " + topology.journalHandler().appended() + ")");
            }
        }
    }

    private static long published;

    private static void publish(Pipeline t, MarketEvent e) {
        published++;
        while (!t.publisher().publish(e)) {
            Thread.onSpinWait();
        }
    }

    private static MarketEvent bbo(MarketEvent e, int source, long recv, long exchMs) {
        e.reset();
        e.type = EventType.PERP_BBO;
        e.source = source;
        e.tokenId = 0;
        e.recvNanos = recv;
        e.exchTimeMs = exchMs;
        e.bidPx = 100_000_000_000_000L;
        e.bidSz = 1_000_000L;
        e.askPx = 100_010_000_000_000L;
        e.askSz = 1_000_000L;
        return e;
    }

    private static MarketEvent spot(MarketEvent e, long recv, long exchMs) {
        e.reset();
        e.type = EventType.SPOT_PRICE;
        e.source = Source.JUPITER_PRICE;
        e.tokenId = 0;
        e.recvNanos = recv;
        e.exchTimeMs = exchMs;
        e.spotPx = 100_000_000_000_000L;
        return e;
    }
}
