package io.perpspot.bench;

import io.perpspot.engine.codec.HyperliquidDecoder;
import io.perpspot.engine.config.ConfigLoader;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.exec.BookWalk;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.DirectionPolicy;
import io.perpspot.engine.exec.ExecutionEstimate;
import io.perpspot.engine.exec.ExecutionModel;
import io.perpspot.engine.exec.ExecutionParams;
import io.perpspot.engine.exec.LegFill;
import io.perpspot.engine.exec.MarketSnapshot;
import io.perpspot.engine.exec.MonteCarlo;
import io.perpspot.engine.exec.SimulationResult;
import io.perpspot.engine.exec.Simulator;
import io.perpspot.engine.exec.Template;
import io.perpspot.engine.spread.SpreadBook;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The execution model's costs on the real recorded DYDX L2 book (20 levels a side):
 * <ul>
 * <li>{@code bookWalk}: one perp-leg fill of 1,000 tokens (three ask levels), allocation-free;</li>
 * <li>{@code monteCarloPaths}: one chunk of {@link MonteCarlo#CHUNK} paths into preallocated
 *     arrays (the inner loop: latency draws, fills, GBM moves, unwinds), allocation-free;</li>
 * <li>{@code monteCarlo100k}: a whole 100,000-path run on one thread (allocates its result arrays);</li>
 * <li>{@code simulate100k}: the Simulator API end to end: estimate, 100,000 paths, sort, percentiles,
 *     VaR/CVaR three ways, Sharpe, Sortino, histogram.</li>
 * </ul>
 * Default latencies (lognormal: Hyperliquid 200/800 ms, Solana 800 ms/4 s p50/p99), failure
 * chances and a 2 s max latency, so every branch of the path loop runs.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExecutionBenchmark {
    static final long T0 = 1_689_630_203_930_000_000L;

    SpreadBook book;
    MarketSnapshot market;
    ExecutionParams params;
    ExecutionEstimate estimate;
    MonteCarlo mc;
    Simulator simulator;
    Template template;
    final LegFill fill = new LegFill();
    final double[] pnl = new double[MonteCarlo.CHUNK];
    final double[] time = new double[MonteCarlo.CHUNK];
    final long[] counts = new long[4];
    SplittableRandom rng;
    long seed;

    @Setup
    public void setUp() {
        book = dydxBook();
        market = MarketSnapshot.of("DYDX", book, null, 150);
        params = ExecutionParams.from(ConfigLoader.defaults());
        estimate = new ExecutionModel(params).estimate(market, Direction.SHORT_PERP_LONG_SPOT, 2100, 1);
        mc = new MonteCarlo(estimate, params, 2e-4, 2_000_000_000L);
        simulator = new Simulator(params);
        template = new Template("bench", "DYDX", 2100, Duration.ofSeconds(2), 10, 1, DirectionPolicy.AUTO, 1,
                Duration.ofHours(1));
        rng = new SplittableRandom(1);
    }

    /** The fold's book after the real DYDX l2Book, a spot price and a funding rate. */
    static SpreadBook dydxBook() {
        Fixtures.Collector out = new Fixtures.Collector();
        HyperliquidDecoder d = new HyperliquidDecoder(
                Fixtures.registryWith(new Token(0, "DYDX", "DYDX", 0, "DYDXtestMint111111111111111111111111111111", 8)),
                Source.HL_REST, out, new FeedStats());
        byte[] b = ("{\"channel\":\"l2Book\",\"data\":"
                + Fixtures.cassetteBody("hyperliquid-python-sdk__test_get_l2_snapshot.yaml", 1) + "}")
                .getBytes(StandardCharsets.UTF_8);
        d.onFrame(b, 0, b.length, T0);
        SpreadBook book = new SpreadBook(60);
        book.apply(out.only());
        MarketEvent s = new MarketEvent();
        s.type = EventType.SPOT_PRICE;
        s.recvNanos = T0;
        s.spotPx = FixedPoint.parse("2.10", FixedPoint.PRICE_DECIMALS);
        s.liquidityUsd = 5_000_000;
        book.apply(s);
        MarketEvent c = new MarketEvent();
        c.type = EventType.PERP_CTX;
        c.recvNanos = T0;
        c.funding = FixedPoint.parse("0.0000125", FixedPoint.PRICE_DECIMALS);
        book.apply(c);
        return book;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double bookWalk() {
        BookWalk.walk(book.depth, true, 1000, fill);
        return fill.avgPrice;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double monteCarloPaths() {
        mc.chunk(rng, 0, MonteCarlo.CHUNK, pnl, time, counts);
        return pnl[MonteCarlo.CHUNK - 1];
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public MonteCarlo.Outcome monteCarlo100k() {
        return mc.run(100_000, ++seed, 1);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SimulationResult simulate100k() {
        return simulator.run(template, market, 2100, 100_000, ++seed);
    }
}
