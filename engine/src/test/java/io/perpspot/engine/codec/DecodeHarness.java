package io.perpspot.engine.codec;

import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.charset.StandardCharsets;

/** A Hyperliquid decoder on the mainnet source with what it published and counted, for the decoder tests. */
final class DecodeHarness {
    final Fixtures.Collector out = new Fixtures.Collector();
    final FeedStats stats = new FeedStats();
    final HyperliquidDecoder decoder;

    DecodeHarness(TokenRegistry registry) {
        decoder = new HyperliquidDecoder(registry, Source.HL_WS_MAINNET, out, stats);
    }

    /** Decodes one frame received at 1 s past the epoch. */
    void decode(String frame) {
        byte[] b = frame.getBytes(StandardCharsets.UTF_8);
        decoder.onFrame(b, 0, b.length, 1_000_000_000L);
    }

    static long px(String s) {
        return FixedPoint.parse(s, FixedPoint.PRICE_DECIMALS);
    }

    static long sz(String s) {
        return FixedPoint.parse(s, FixedPoint.SIZE_DECIMALS);
    }
}
