package io.perpspot.bench;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The benchmark workload: Hyperliquid {@code bbo} WebSocket frames. Frame 0 is the real
 * recorded frame (line 3 of {@code hyperliquid_ws_captured_frames.jsonl}); the others are
 * generated in exactly its shape for every token of the shipped token table in turn, each
 * token's mid wandering (a seeded, mean-reverting random walk with a rare 1 % jump) so the
 * decoder parses varied numbers and the strategy sees a moving basis.
 *
 * <p>Deterministic: the same registry gives the same frames. Also gives each token's
 * reference price level, used to seed spot prices near the perp mids.
 */
public final class BboFrames {
    /** Frames in rotation. */
    public static final int COUNT = 4096;
    /** The recorded bbo frame's line (1-based) in the captured-frames fixture. */
    public static final int RECORDED_LINE = 3;

    private BboFrames() {
    }

    /** The registry of the shipped token table ({@code config/tokens.csv}), ids 0..n-1. */
    public static TokenRegistry shippedRegistry() {
        // The table bundled in the engine jar, so the benchmarks need nothing outside the repository.
        return new TokenRegistry(Fixtures.shippedTokens());
    }

    /** The real recorded bbo frame, byte for byte. */
    public static byte[] recorded() {
        // The recorded fixture in the engine jar (perpspot-fixtures/SOURCES.md); it checks the line is a bbo frame.
        return RecordedFrames.capturedLine(RECORDED_LINE, "{\"channel\":\"bbo\"");
    }

    /** {@link #COUNT} frames: the recorded one, then generated ones across every token of {@code registry}. */
    public static byte[][] generate(TokenRegistry registry) {
        SplittableRandom rnd = new SplittableRandom(20_260_101L);
        int n = registry.size();
        double[] drift = new double[n];
        byte[][] out = new byte[COUNT][];
        out[0] = recorded();
        long time = 1_790_232_237_145L;
        for (int i = 1; i < COUNT; i++) {
            Token t = registry.get(i % n);
            int k = t.id();
            // Mean-reverting walk around the level, in relative terms: typical moves of a few
            // bps, one frame in a hundred a 1 % jump that later decays (a basis dislocation).
            drift[k] = drift[k] * 0.97 + 0.0003 * rnd.nextGaussian()
                    + (rnd.nextInt(100) == 0 ? 0.01 * rnd.nextGaussian() : 0);
            double mid = contractLevel(t) * (1 + drift[k]);
            time += 1 + rnd.nextInt(40);
            String f = "{\"channel\":\"bbo\",\"data\":{\"coin\":\"" + t.hlCoin() + "\",\"time\":" + time
                    + ",\"bbo\":[{\"px\":\"" + px(mid * 0.99995) + "\",\"sz\":\"" + size(rnd)
                    + "\",\"n\":" + (1 + rnd.nextInt(40))
                    + "},{\"px\":\"" + px(mid * 1.00005) + "\",\"sz\":\"" + size(rnd)
                    + "\",\"n\":" + (1 + rnd.nextInt(40)) + "}]}}";
            out[i] = f.getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /**
     * Contract price level of a token on Hyperliquid (kBONK is priced per 1000 BONK): spread
     * over magnitudes, BTC-like down to kBONK-like.
     */
    public static double contractLevel(Token t) {
        return switch (t.hlCoin()) {
            case "BTC" -> 84_143.5;
            case "ETH" -> 3_000;
            case "SOL" -> 120;
            case "kBONK" -> 0.0216;
            default -> 0.5 + (t.id() % 7);
        };
    }

    /** The spot price of one token (not contract) at the reference level, in fixed point. */
    public static long spotLevel(Token t) {
        return FixedPoint.fromDouble(contractLevel(t) / t.multiplier(), FixedPoint.PRICE_DECIMALS);
    }

    /**
     * Writes into {@code e} a deep Jupiter spot price of {@code t} at its reference level, received
     * at {@code nanos}: what fullPath and the strategy step give each token so its book has a basis.
     */
    public static MarketEvent spotPrice(MarketEvent e, Token t, long nanos) {
        e.reset();
        e.type = EventType.SPOT_PRICE;
        e.source = Source.JUPITER_PRICE;
        e.tokenId = t.id();
        e.recvNanos = nanos;
        e.spotPx = spotLevel(t);
        e.liquidityUsd = 50_000_000L;
        e.blockId = 312_000_000L;
        return e;
    }

    /** Six significant digits, always with a decimal point, as Hyperliquid writes prices ("84143.0"). */
    private static String px(double v) {
        String s = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    private static String size(SplittableRandom rnd) {
        return new BigDecimal(rnd.nextInt(1, 10_000_000)).movePointLeft(5).toPlainString();
    }
}
