package io.perpspot.engine.feed.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers Hyperliquid {@code info} requests ({@code meta}, {@code metaAndAssetCtxs}, {@code allMids},
 * {@code l2Book} (perp coins and spot pairs), {@code spotMeta}, {@code exchangeStatus}, {@code candleSnapshot},
 * {@code fundingHistory}) from the market, with the service's status codes and texts (protocols.md 2.1). Used by
 * the HTTP endpoint and by WebSocket {@code post} requests.
 *
 * <p>History is synthetic but deterministic: a smooth path around each coin's first price seen,
 * candles aligned to the interval, funding settled 40 ms after each whole UTC hour. The limits
 * are the real ones (protocols.md 2.6, 2.7): at most 500 funding rows and 5000 candles per answer,
 * oldest first, and only the most recent 5000 candles of an interval exist; tests may lower the
 * per-answer limits ({@link #historyLimits}) to exercise pagination.
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

    /** Real per-answer limits. */
    static final int CANDLES_PER_ANSWER = 5000;
    static final int FUNDING_PER_ANSWER = 500;
    /** Only this many most recent candles of an interval can be fetched at all. */
    static final int CANDLES_KEPT = 5000;

    private final SimMarket market;
    private final Map<String, Double> historyBase = new ConcurrentHashMap<>();
    private volatile int candleLimit = CANDLES_PER_ANSWER;
    private volatile int fundingLimit = FUNDING_PER_ANSWER;
    private volatile LongSupplier clock = System::currentTimeMillis;

    HlInfoApi(SimMarket market) {
        this.market = market;
    }

    /** Per-answer limits of candleSnapshot and fundingHistory (tests lower them to force pagination). */
    void historyLimits(int candles, int funding) {
        candleLimit = candles;
        fundingLimit = funding;
    }

    /** The clock history ends at (epoch ms). */
    void historyClock(LongSupplier nowMs) {
        clock = nowMs;
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
            case "spotMeta":
                return Reply.json(HlFrames.spotMeta(new StringBuilder(2048), market).toString());
            case "spotMetaAndAssetCtxs":
                return Reply.json(HlFrames.spotMetaAndAssetCtxs(new StringBuilder(4096), market).toString());
            case "candleSnapshot":
                return candleSnapshot(req.get("req"));
            case "fundingHistory":
                return fundingHistory(req);
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
        SimSpotPair spot = market.spotPair(coin.asText());
        if (spot != null && nSigFigs == null) {
            return Reply.json(HlFrames.bookData(new StringBuilder(2048), market.spotBook(spot, 20),
                    System.currentTimeMillis()).toString());
        }
        SimAsset a = market.asset(coin.asText());
        if (a == null) {
            return Reply.json("null");
        }
        long step = market.aggregationStep(a, nSigFigs, mantissa);
        SimBook book = market.book(a, 20, step);
        return Reply.json(HlFrames.bookData(new StringBuilder(2048), book, System.currentTimeMillis()).toString());
    }

    private static final Map<String, Long> INTERVALS =
            Map.ofEntries(Map.entry("1m", 60_000L), Map.entry("3m", 180_000L),
            Map.entry("5m", 300_000L), Map.entry("15m", 900_000L), Map.entry("30m", 1_800_000L),
            Map.entry("1h", 3_600_000L),
            Map.entry("2h", 7_200_000L), Map.entry("4h", 14_400_000L), Map.entry("8h", 28_800_000L),
            Map.entry("12h", 43_200_000L), Map.entry("1d", 86_400_000L), Map.entry("3d", 259_200_000L),
            Map.entry("1w", 604_800_000L), Map.entry("1M", 2_592_000_000L));
    private static final long HOUR_MS = 3_600_000L;

    /** {@code {"type":"candleSnapshot","req":{"coin","interval","startTime","endTime"}}}: an array of candles. */
    private Reply candleSnapshot(JsonNode r) {
        if (r == null || !r.isObject() || !text(r.get("coin")) || !text(r.get("interval"))
                || !integral(r.get("startTime"))
                || !integral(r.get("endTime"))) {
            return UNPROCESSABLE;
        }
        Long step = INTERVALS.get(r.get("interval").asText());
        if (step == null) {
            return UNPROCESSABLE;
        }
        String coin = r.get("coin").asText();
        Double base = base(coin);
        if (base == null) {
            return SERVER_NULL;
        }
        long now = clock.getAsLong();
        long newest = Math.floorDiv(now, step) * step;
        long oldest = newest - (CANDLES_KEPT - 1) * step;
        long start = Math.max(oldest, Math.floorDiv(r.get("startTime").asLong() + step - 1, step) * step);
        long end = Math.min(newest, r.get("endTime").asLong());
        StringBuilder sb = new StringBuilder(256).append('[');
        int n = 0;
        for (long t = start; t <= end && n < candleLimit; t += step, n++) {
            double o = path(base, t);
            double c = path(base, Math.min(t + step, now));
            sb.append(n == 0 ? "" : ",").append("{\"t\":").append(t).append(",\"T\":").append(t + step - 1)
                    .append(",\"s\":\"").append(coin).append("\",\"i\":\"").append(r.get("interval").asText())
                    .append("\",\"o\":\"").append(px(o)).append("\",\"c\":\"").append(px(c))
                    .append("\",\"h\":\"").append(px(Math.max(o, c) * 1.0005)).append("\",\"l\":\"")
                    .append(px(Math.min(o, c) * 0.9995)).append("\",\"v\":\"12.5\",\"n\":").append(17).append('}');
        }
        return Reply.json(sb.append(']').toString());
    }

    /** {@code {"type":"fundingHistory","coin","startTime","endTime"?}}: settled hourly rates, oldest first. */
    private Reply fundingHistory(JsonNode req) {
        if (!text(req.get("coin")) || !integral(req.get("startTime"))
                || (req.get("endTime") != null && !req.get("endTime").isNull() && !integral(req.get("endTime")))) {
            return UNPROCESSABLE;
        }
        String coin = req.get("coin").asText();
        if (base(coin) == null) {
            return SERVER_NULL;
        }
        long now = clock.getAsLong();
        JsonNode e = req.get("endTime");
        long end = Math.min(now, e == null || e.isNull() ? now : e.asLong());
        long start = req.get("startTime").asLong();
        StringBuilder sb = new StringBuilder(256).append('[');
        int n = 0;
        for (long h = Math.floorDiv(start - 40 + HOUR_MS - 1, HOUR_MS); h * HOUR_MS + 40 <= end
                && n < fundingLimit; h++, n++) {
            double rate = 0.0000125 + 0.00001 * Math.sin(h / 5.0);
            double premium = -0.0003 + 0.0002 * Math.sin(h / 7.0);
            sb.append(n == 0 ? "" : ",").append("{\"coin\":\"").append(coin).append("\",\"fundingRate\":\"")
                    .append(decimal(rate, 10)).append("\",\"premium\":\"").append(decimal(premium, 8))
                    .append("\",\"time\":").append(h * HOUR_MS + 40).append('}');
        }
        return Reply.json(sb.append(']').toString());
    }

    /** A coin's first perp mid seen: the level its synthetic history moves around; null for an unknown coin. */
    private Double base(String coin) {
        SimAsset a = market.asset(coin);
        if (a == null) {
            return null;
        }
        return historyBase.computeIfAbsent(coin, c -> a.perpMid());
    }

    /** A smooth, deterministic path: a daily swing of 1 % and a faster one of 0.3 %. */
    private static double path(double base, long t) {
        return base * (1 + 0.01 * Math.sin(2 * Math.PI * t / 86_400_000.0)
                + 0.003 * Math.sin(2 * Math.PI * t / 13_320_000.0));
    }

    /** Five significant figures, like Hyperliquid prices. */
    private static String px(double v) {
        return new BigDecimal(v).round(new MathContext(5)).stripTrailingZeros().toPlainString();
    }

    private static String decimal(double v, int places) {
        return new BigDecimal(v).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static boolean text(JsonNode n) {
        return n != null && n.isTextual();
    }

    private static boolean integral(JsonNode n) {
        return n != null && n.isIntegralNumber();
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
