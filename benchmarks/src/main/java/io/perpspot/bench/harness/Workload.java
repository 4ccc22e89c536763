package io.perpspot.bench.harness;

import io.perpspot.bench.BboFrames;
import io.perpspot.bench.RecordedFrames;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The frames the harness offers, in rotation; each frame decodes to exactly one market event,
 * so frames offered = events offered.
 *
 * <ul>
 *   <li>{@code bbo}: the 4096 {@link BboFrames} (the recorded bbo frame, then generated ones in
 *       its exact shape for every shipped token).</li>
 *   <li>{@code mixed} (default): the same, with one frame in 16 replaced by a Jupiter price body
 *       (the recorded SOL body, then bodies of its exact shape for the other tokens, prices near
 *       the perp levels) and one in 128 each by the recorded {@code l2Book} and
 *       {@code activeAssetCtx} frames.</li>
 * </ul>
 */
public final class Workload {
    public final String name;
    public final byte[][] frames;
    /** True where the frame is a Jupiter HTTP body rather than a Hyperliquid WebSocket frame. */
    public final boolean[] jupiter;
    public final TokenRegistry registry;

    private long timeBase;
    private long blockBase;
    /** Per frame: where its exchange time ({@code "time":}) or block id ({@code "blockId":}) digits start, or -1. */
    private final int[] stampAt;
    private final int[] stampLen;

    private Workload(String name, byte[][] frames, boolean[] jupiter, TokenRegistry registry) {
        this.name = name;
        this.frames = frames;
        this.jupiter = jupiter;
        this.registry = registry;
        stampAt = new int[frames.length];
        stampLen = new int[frames.length];
        for (int k = 0; k < frames.length; k++) {
            int at = digitsAfter(frames[k], jupiter[k] ? "\"blockId\":" : "\"time\":");
            stampAt[k] = at;
            int n = 0;
            while (at >= 0 && at + n < frames[k].length && frames[k][at + n] >= '0' && frames[k][at + n] <= '9') {
                n++;
            }
            stampLen[k] = n;
            if (at >= 0 && n > 0) {
                long v = Long.parseLong(new String(frames[k], at, n, StandardCharsets.US_ASCII));
                if (jupiter[k]) {
                    blockBase = Math.max(blockBase, v);
                } else {
                    timeBase = Math.max(timeBase, v);
                }
            }
        }
    }

    private static int digitsAfter(byte[] frame, String key) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + k.length < frame.length; i++) {
            for (int j = 0; j < k.length; j++) {
                if (frame[i + j] != k[j]) {
                    continue outer;
                }
            }
            return i + k.length;
        }
        return -1;
    }

    /**
     * Rewrites frame {@code k}'s exchange time (Hyperliquid, ms) or block id (Jupiter) in place
     * as the workload's first recorded value plus {@code seq}, in the same number of digits, so
     * a workload offered round and round keeps its times strictly increasing like a live feed
     * (the decoders reject repeated or older times). Both pipelines decode synchronously in
     * {@code offer}, so the shared arrays may be stamped just before it. Allocation-free.
     */
    public void stamp(int k, long seq) {
        int at = stampAt[k];
        int n = stampLen[k];
        if (at < 0) {
            return;
        }
        long v = (jupiter[k] ? blockBase : timeBase) + seq;
        byte[] f = frames[k];
        for (int i = n - 1; i >= 0; i--) {
            f[at + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /**
     * The named workload over the shipped tokens: {@code bbo} (generated bbo frames only) or {@code mixed}
     * (every 16th frame a Jupiter price, and recorded l2Book and activeAssetCtx frames among them);
     * throws {@link IllegalArgumentException} for another name.
     */
    public static Workload of(String name) {
        TokenRegistry registry = BboFrames.shippedRegistry();
        byte[][] frames = BboFrames.generate(registry);
        boolean[] jupiter = new boolean[frames.length];
        switch (name.toLowerCase(Locale.ROOT)) {
            case "bbo" -> {
            }
            case "mixed" -> {
                byte[] book = RecordedFrames.of(RecordedFrames.Kind.L2BOOK);
                byte[] ctx = RecordedFrames.of(RecordedFrames.Kind.ACTIVE_ASSET_CTX);
                byte[] sol = RecordedFrames.of(RecordedFrames.Kind.JUPITER_PRICE);
                SplittableRandom rnd = new SplittableRandom(7);
                int n = registry.size();
                int k = 0;
                for (int i = 1; i < frames.length; i++) {
                    if (i % 128 == 64) {
                        frames[i] = book;
                    } else if (i % 128 == 96) {
                        frames[i] = ctx;
                    } else if (i % 16 == 8) {
                        Token t = registry.get(k++ % n);
                        jupiter[i] = true;
                        frames[i] = t.hlCoin().equals("SOL") && k <= n ? sol
                                : RecordedFrames.jupiterBody(t,
                                        Math.round(BboFrames.spotLevel(t) * (1 + 0.002 * rnd.nextGaussian())),
                                        449_696_083L + i);
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown frames '" + name + "' (bbo or mixed)");
        }
        return new Workload(name, frames, jupiter, registry);
    }

    /** Number of frames in one pass of the workload. */
    public int size() {
        return frames.length;
    }

    /** Mean frame length in bytes. */
    public double meanBytes() {
        long sum = 0;
        for (byte[] f : frames) {
            sum += f.length;
        }
        return (double) sum / frames.length;
    }
}
