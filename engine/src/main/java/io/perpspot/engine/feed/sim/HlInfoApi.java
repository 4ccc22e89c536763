package io.perpspot.engine.feed.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;

/**
 * Answers Hyperliquid {@code info} requests ({@code meta}, {@code metaAndAssetCtxs}, {@code allMids},
 * {@code l2Book}, {@code exchangeStatus}) from the market, with the service's status codes and texts
 * (protocols.md 2.1). Used by the HTTP endpoint and by WebSocket {@code post} requests.
 */
final class HlInfoApi {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String DESERIALIZE_FAILED = "Failed to deserialize the JSON body into the target type";
    static final String PARSE_FAILED = "Failed to parse the request body as JSON";
    static final String WRONG_CONTENT_TYPE = "Expected request with `Content-Type: application/json`";

    /** An answer: status, content type and body text. */
    record Reply(int status, String contentType, String body) {
        static Reply json(String body) {
            return new Reply(200, JSON, body);
        }
    }

    private static final Reply UNPROCESSABLE = new Reply(422, TEXT, DESERIALIZE_FAILED);
    private static final Reply SERVER_NULL = new Reply(500, JSON, "null");

    private final SimMarket market;

    HlInfoApi(SimMarket market) {
        this.market = market;
    }

    /** The answer to a decoded request body. */
    Reply answer(JsonNode req) {
        if (req == null || !req.isObject()) {
            return UNPROCESSABLE;
        }
        JsonNode type = req.get("type");
        if (type == null || !type.isTextual()) {
            return UNPROCESSABLE;
        }
        switch (type.asText()) {
            case "meta":
                return withDex(req, () -> HlFrames.meta(new StringBuilder(32_768), market).toString());
            case "metaAndAssetCtxs":
                return withDex(req, () -> HlFrames.metaAndAssetCtxs(new StringBuilder(131_072), market).toString());
            case "allMids":
                return withDex(req, () -> HlFrames.mids(new StringBuilder(16_384), market).toString());
            case "l2Book":
                return l2Book(req);
            case "exchangeStatus":
                return Reply.json("{\"specialStatuses\":null,\"time\":" + System.currentTimeMillis() + "}");
            default:
                return UNPROCESSABLE;
        }
    }

    /** Only the first perp dex exists here: {@code dex} absent, null or empty; another name is a 500. */
    private Reply withDex(JsonNode req, Supplier<String> body) {
        JsonNode dex = req.get("dex");
        if (dex != null && !dex.isNull()) {
            if (!dex.isTextual()) {
                return UNPROCESSABLE;
            }
            if (!dex.asText().isEmpty()) {
                return SERVER_NULL;
            }
        }
        return Reply.json(body.get());
    }

    private Reply l2Book(JsonNode req) {
        JsonNode coin = req.get("coin");
        if (coin == null || !coin.isTextual()) {
            return UNPROCESSABLE;
        }
        Integer nSigFigs;
        Integer mantissa;
        try {
            nSigFigs = optionalSmallInt(req.get("nSigFigs"));
            mantissa = optionalSmallInt(req.get("mantissa"));
        } catch (IllegalArgumentException e) {
            return UNPROCESSABLE;
        }
        if ((nSigFigs != null && (nSigFigs < 2 || nSigFigs > 5))
                || (mantissa != null && (nSigFigs == null || nSigFigs != 5
                        || (mantissa != 1 && mantissa != 2 && mantissa != 5)))) {
            return SERVER_NULL;
        }
        SimAsset a = market.asset(coin.asText());
        if (a == null) {
            return Reply.json("null");
        }
        long step = market.aggregationStep(a, nSigFigs, mantissa);
        SimBook book = market.book(a, 20, step);
        return Reply.json(HlFrames.bookData(new StringBuilder(2048), book, System.currentTimeMillis()).toString());
    }

    private static Integer optionalSmallInt(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > 255) {
            throw new IllegalArgumentException();
        }
        return n.asInt();
    }
}
