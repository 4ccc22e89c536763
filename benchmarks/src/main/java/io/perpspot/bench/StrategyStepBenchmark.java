package io.perpspot.bench;

import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.journal.EngineEvents;
import io.perpspot.engine.strategy.Strategy;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One strategy step: {@code Strategy.onEvent} for one journaled bbo event (SpreadBook update,
 * basis, rolling z-score, snapshot throttle, ArbitrageDetector), output encoded into an
 * in-memory buffer as the output queue would hold it. One op = one event, nanoseconds.
 *
 * <p>The events are the 4096 {@link BboFrames} decoded once in setup, replayed in rotation with
 * event time advancing 1 ms per event; each token has a spot price, and the strategy settings
 * are fullPath's (busy: a snapshot per token every 100 ms, z over 20 samples). There is no
 * baseline: the strategy is the same code in every pipeline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class StrategyStepBenchmark {
    static final long STEP_NANOS = 1_000_000L;

    MarketEvent[] events;
    Strategy strategy;
    final InMemorySink sink = new InMemorySink();
    long clock = 1_790_000_000_000_000_000L;
    int i;

    @Setup(Level.Trial)
    public void setUp() {
        TokenRegistry registry = BboFrames.shippedRegistry();
        byte[][] frames = BboFrames.generate(registry);
        events = new MarketEvent[frames.length];
        int[] n = {0};
        EventPublisher keep = e -> {
            MarketEvent copy = new MarketEvent();
            copy.copyFrom(e);
            events[n[0]++] = copy;
            return true;
        };
        HyperliquidDecoder decoder = new HyperliquidDecoder(registry, Source.HL_WS_MAINNET, keep, new FeedStats());
        for (byte[] f : frames) {
            decoder.onFrame(f, 0, f.length, clock);
        }
        if (n[0] != frames.length) {
            throw new IllegalStateException("decoded " + n[0] + " of " + frames.length + " frames");
        }
        strategy = new Strategy(sink);
        MarketEvent e = new MarketEvent();
        strategy.onEvent(EngineEvents.engineStart(e, FullPathState.strategySettings(), clock));
        for (Token t : registry.all()) {
            strategy.onEvent(EngineEvents.tokenDef(e, t, clock));
        }
        for (Token t : registry.all()) {
            strategy.onEvent(BboFrames.spotPrice(e, t, clock));
        }
    }

    /** One event through the strategy; returns the records written so far. */
    @Benchmark
    public long step() {
        MarketEvent e = events[i];
        i = (i + 1) & (BboFrames.COUNT - 1);
        clock += STEP_NANOS;
        e.recvNanos = clock;
        e.journalIndex++;
        strategy.onEvent(e);
        return sink.written;
    }
}
