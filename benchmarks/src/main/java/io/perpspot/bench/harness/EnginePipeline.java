package io.perpspot.bench.harness;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.codec.JupiterPriceDecoder;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.JournalHandler;
import io.perpspot.engine.journal.OutputJournalSink;
import io.perpspot.engine.ring.RingPublisher;
import io.perpspot.engine.ring.WaitStrategies;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The engine's full path, built from its own components exactly as the engine's {@code pipeline.Pipeline} wires them:
 *
 * <pre>
 *   producer thread: HyperliquidDecoder / JupiterPriceDecoder ─▶ RingPublisher ─▶ Disruptor ring
 *                    (shipped size and wait strategy, multi-producer; a full ring drops and counts)
 *   consumer thread: JournalHandler (Chronicle input queue, real files) ─▶ Strategy
 *                    ─▶ OutputJournalSink (output queue) ─▶ latency recorded
 * </pre>
 *
 * It is wired here rather than through {@code pipeline.Pipeline} only because the latency must be taken
 * after the strategy, inside the same consumer handler; the engine's pipeline has no hook there.
 */
public final class EnginePipeline extends Pipeline {
    private final Journal journal;
    private final JournalHandler journalHandler;
    private final OutputJournalSink output;
    private final Strategy strategy;
    private final Disruptor<MarketEvent> disruptor;
    private final RingPublisher publisher;
    private final FeedStats stats = new FeedStats();
    private final HyperliquidDecoder hl;
    private final JupiterPriceDecoder jupiter;
    private volatile Thread consumer;
    private volatile Throwable failure;
    private boolean closed;

    /** @param pretouchAhead journal bytes touched ahead of the appenders (journal.pretouch-ahead); 0 = off */
    public EnginePipeline(Path dir, TokenRegistry registry, String strategySettings, int ringSize, String wait,
            long pretouchAhead, long epochOffset) {
        super(epochOffset);
        journal = Journal.openForWrite(dir, "daily", Journal.DEFAULT_BLOCK_SIZE, pretouchAhead);
        journalHandler = new JournalHandler(journal.input(), journal.inputPages());
        output = new OutputJournalSink(journal.output(), journal.outputPages());
        strategy = new Strategy(output);
        disruptor = new Disruptor<>(MarketEvent::new, ringSize, r -> {
            Thread t = new Thread(r, "bench-fullpath-consumer");
            t.setDaemon(true);
            return t;
        }, ProducerType.MULTI, WaitStrategies.forName(wait));
        EventHandler<MarketEvent> handler = new EventHandler<>() {
            @Override
            public void onEvent(MarketEvent e, long sequence, boolean endOfBatch) {
                try {
                    long before = strategy.opportunities();
                    journalHandler.onEvent(e);
                    strategy.onEvent(e);
                    processed(e, strategy.opportunities() != before);
                } catch (RuntimeException | Error ex) {
                    failure = ex;
                    throw ex;
                }
            }

            @Override
            public void onStart() {
                consumer = Thread.currentThread();
            }
        };
        disruptor.handleEventsWith(handler);
        disruptor.start();
        publisher = new RingPublisher(disruptor.getRingBuffer(), stats);
        hl = new HyperliquidDecoder(registry, Source.HL_WS_MAINNET, publisher, stats);
        jupiter = new JupiterPriceDecoder(registry, publisher, stats);
        MarketEvent e = new MarketEvent();
        long now = System.nanoTime() + epochOffset;
        setupEvents = 1 + registry.size();
        publisher.publish(EngineEvents.engineStart(e, strategySettings, now));
        for (Token t : registry.all()) {
            publisher.publish(EngineEvents.tokenDef(e, t, now));
        }
    }

    @Override
    public String name() {
        return "fullPath";
    }

    @Override
    public void offer(byte[] frame, boolean isJupiter, long intendedNanoTime) {
        long recv = intendedNanoTime + epochOffset;
        if (isJupiter) {
            jupiter.decode(frame, 0, frame.length, recv);
        } else {
            hl.onFrame(frame, 0, frame.length, recv);
        }
    }

    @Override
    public long dropped() {
        return stats.ringFullCount(Source.HL_WS_MAINNET) + stats.ringFullCount(Source.JUPITER_PRICE);
    }

    @Override
    public long rejected() {
        return stats.rejects(Source.HL_WS_MAINNET) + stats.rejects(Source.JUPITER_PRICE);
    }

    @Override
    public long backlog() {
        var ring = disruptor.getRingBuffer();
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public Thread consumerThread() {
        return consumer;
    }

    @Override
    public long journaled() {
        return journalHandler.appended();
    }

    @Override
    public long outputs() {
        return output.written();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            disruptor.shutdown(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            disruptor.halt();
        }
        journalHandler.close();
        output.close();
        journal.close();
    }
}
