package io.perpspot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.testkit.Fixtures;
import io.perpspot.engine.tokens.Token;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The recorded frames the benchmarks decode, one per message type, read from the recorded
 * fixtures in the engine jar ({@link Fixtures}: {@code /perpspot-fixtures}, provenance in its
 * {@code SOURCES.md}) so that nothing outside the repository is needed.
 */
public final class RecordedFrames {
    /** Every message type the engine decodes, with the recorded frame used for it. */
    public enum Kind {
        /** Hyperliquid {@code bbo} (BTC), line 3 of the captured frames. */
        BBO,
        /** Hyperliquid {@code l2Book} (BTC, 3 levels a side), line 1. */
        L2BOOK,
        /** Hyperliquid {@code activeAssetCtx} (BTC), line 4. */
        ACTIVE_ASSET_CTX,
        /** Hyperliquid {@code allMids} (5 coins, 3 of them tracked). */
        ALL_MIDS,
        /** Jupiter Price API v3 body (SOL). */
        JUPITER_PRICE;

        /** True for the Hyperliquid WebSocket frames, false for a Jupiter HTTP body. */
        public boolean hyperliquid() {
            return this != JUPITER_PRICE;
        }
    }

    /** The captured Hyperliquid WebSocket frames, one a line. */
    static final String CAPTURED_FRAMES = "hyperliquid_ws_captured_frames.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedFrames() {
    }

    /** The recorded frame of a kind, byte for byte as on the wire (allMids without indentation). */
    public static byte[] of(Kind kind) {
        return switch (kind) {
            case BBO -> capturedLine(3, "{\"channel\":\"bbo\"");
            case L2BOOK -> capturedLine(1, "{\"channel\":\"l2Book\"");
            case ACTIVE_ASSET_CTX -> capturedLine(4, "{\"channel\":\"activeAssetCtx\"");
            case ALL_MIDS -> compact(Fixtures.text("nautilus_trader__ws_allmids.json"));
            case JUPITER_PRICE -> Fixtures.text("jupiter_price_v3_sol_wire.json").trim()
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * A Jupiter price body in exactly the recorded shape for another token: its mint, a price
     * and the recorded entry's other fields.
     */
    public static byte[] jupiterBody(Token token, long spotPx, long blockId) {
        String px = new BigDecimal(FixedPoint.price(spotPx)).stripTrailingZeros().toPlainString();
        if (px.indexOf('.') < 0) {
            px += ".0";
        }
        String body = "{\"" + token.mint() + "\":{\"createdAt\":\"2024-06-05T08:55:25.527Z\","
                + "\"liquidity\":946740309.1850989,"
                + "\"usdPrice\":" + px + ",\"blockId\":" + blockId + ",\"decimals\":" + token.decimals()
                + ",\"priceChange24h\":-0.13087758891799148}}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] capturedLine(int line, String prefix) {
        String frame = Fixtures.lines(CAPTURED_FRAMES).get(line - 1);
        if (!frame.startsWith(prefix)) {
            // Fail loudly rather than benchmark the wrong message type.
            throw new IllegalStateException("line " + line + " of the captured frames is not " + prefix + "...: "
                    + frame);
        }
        return frame.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] compact(String json) {
        try {
            return JSON.writeValueAsBytes(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
