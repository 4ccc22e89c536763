package io.perpspot.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perpspot.engine.feed.fallback.HyperliquidRestTier;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of Hyperliquid REST {@code info} answers ({@code allMids},
 * {@code l2Book}) as the REST tier decodes them: the body inside the tier's WebSocket envelope,
 * through {@link HyperliquidRestTier#envelope}, then the same {@code HyperliquidDecoder}. The
 * first byte picks the endpoint ('m' allMids, anything else l2Book); the rest are up to four
 * bodies split at newlines. Same properties as {@link HyperliquidWsFuzzTest}, plus: an answer of
 * one endpoint never publishes another channel's events (the body cannot escape its envelope).
 */
class HyperliquidRestFuzzTest {
    @Timeout(10) // per input: a slow input is a finding (libFuzzer -timeout in fuzzing mode)
    @FuzzTest(maxDuration = "10s")
    void decodesOrRejectsEveryInfoAnswer(byte[] data) {
        if (data.length == 0) {
            return;
        }
        boolean mids = data[0] == 'm';
        byte[] rest = new byte[data.length - 1];
        System.arraycopy(data, 1, rest, 0, rest.length);
        HyperliquidWsFuzzTest.check(rest, mids ? HyperliquidRestTier.Endpoint.ALL_MIDS
                : HyperliquidRestTier.Endpoint.L2_BOOK);
    }
}
