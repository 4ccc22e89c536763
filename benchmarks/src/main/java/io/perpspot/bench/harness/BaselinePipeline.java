package io.perpspot.bench.harness;

import io.perpspot.bench.JsonLinesJournal;
import io.perpspot.bench.QueueHandoff;
import io.perpspot.bench.TreeDecoder;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.file.Path;

/**
 * The baseline: the same load and the same strategy through the straightforward parts.
 *
 * <pre>
 *   producer thread: TreeDecoder (jackson-databind readTree, BigDecimal) ─▶ pooled copy
 *                    ─▶ ArrayBlockingQueue.offer (a full queue drops and counts)
 *   consumer thread: take() ─▶ JsonLinesJournal (input.jsonl, buffered) ─▶ Strategy
 *                    ─▶ JsonLinesJournal (output.jsonl) ─▶ latency recorded
 * </pre>
 */
public final class BaselinePipeline extends Pipeline {
    private final JsonLinesJournal input;
    private final JsonLinesJournal output;
    private final Strategy strategy;
    private final QueueHandoff handoff;
    private final TreeDecoder decoder;
    private boolean closed;

    public BaselinePipeline(Path dir, TokenRegistry registry, String strategySettings, int capacity, long epochOffset) {
        super(epochOffset);
        input = new JsonLinesJournal(dir.resolve("input.jsonl"));
        output = new JsonLinesJournal(dir.resolve("output.jsonl"));
        strategy = new Strategy(output);
        handoff = new QueueHandoff(capacity, e -> {
            long before = strategy.opportunities();
            input.append(e);
            strategy.onEvent(e);
            processed(e, strategy.opportunities() != before);
        }, r -> {
            Thread t = new Thread(r, "bench-baseline-consumer");
            t.setDaemon(true);
            return t;
        });
        decoder = new TreeDecoder(registry, handoff::offer);
        MarketEvent e = new MarketEvent();
        long now = System.nanoTime() + epochOffset;
        setupEvents = 1 + registry.size();
        put(EngineEvents.engineStart(e, strategySettings, now));
        for (Token t : registry.all()) {
            put(EngineEvents.tokenDef(e, t, now));
        }
    }

    /** Engine events are never dropped: wait for room. */
    private void put(MarketEvent e) {
        while (!handoff.offer(e)) {
            Thread.onSpinWait();
        }
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public void offer(byte[] frame, boolean isJupiter, long intendedNanoTime) {
        long recv = intendedNanoTime + epochOffset;
        if (isJupiter) {
            decoder.onJupiter(frame, 0, frame.length, recv);
        } else {
            decoder.onHyperliquid(frame, 0, frame.length, recv);
        }
    }

    @Override
    public long dropped() {
        return handoff.dropped();
    }

    @Override
    public long rejected() {
        return decoder.rejected();
    }

    @Override
    public long backlog() {
        return handoff.backlog();
    }

    @Override
    public Throwable failure() {
        return handoff.failure();
    }

    @Override
    public Thread consumerThread() {
        return handoff.thread();
    }

    @Override
    public long journaled() {
        return input.appended();
    }

    @Override
    public long outputs() {
        return output.outputs();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        handoff.close();
        input.close();
        output.close();
    }
}
