package io.perpspot.tools.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.http.HttpFetcher;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of Hyperliquid's info endpoint for history (protocols.md 2.6, 2.7):
 * {@code candleSnapshot} (at most 5000 candles per answer) and {@code fundingHistory} (at most 500
 * rows per answer), each paginated by moving {@code startTime} past the last row received until
 * the range is covered or an answer comes back empty (so a range that ends after the latest row
 * costs one empty request more). Values arrive as strings and are parsed
 * straight to fixed point.
 *
 * <p>A 429 (Hyperliquid's weight limit per IP) does not end the fetch: the request is sent again
 * after the answer's {@code Retry-After}, or else after exponential backoff with full jitter
 * ({@code feeds.backoff}), at most {@link #MAX_ATTEMPTS} times in all; then the fetch fails with
 * one line. A {@code Retry-After} longer than {@link #MAX_RETRY_AFTER} fails it at once.
 */
final class HyperliquidHistory {
    private static final Logger LOG = LoggerFactory.getLogger(HyperliquidHistory.class);
    /** Attempts of one request while it is answered 429: the first and five more. */
    static final int MAX_ATTEMPTS = 6;
    /** The longest {@code Retry-After} a command line waits out. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
    /** A candle page is at most 5000 rows of about 150 bytes; far more is not history. */
    private static final int MAX_BODY_BYTES = 64 << 20;
    private static final Map<String, Long> INTERVALS =
            Map.ofEntries(Map.entry("1m", 60_000L), Map.entry("3m", 180_000L),
            Map.entry("5m", 300_000L), Map.entry("15m", 900_000L), Map.entry("30m", 1_800_000L),
            Map.entry("1h", 3_600_000L),
            Map.entry("2h", 7_200_000L), Map.entry("4h", 14_400_000L), Map.entry("8h", 28_800_000L),
            Map.entry("12h", 43_200_000L), Map.entry("1d", 86_400_000L));
    /** Guard against an endpoint that never advances. */
    private static final int MAX_REQUESTS = 100_000;

    /** A failed request or an answer that is not history. */
    static final class FetchException extends Exception {
        FetchException(String m) {
            super(m);
        }
    }

    private final String url;
    private final HttpFetcher http = new HttpFetcher(Duration.ofSeconds(10), Duration.ofSeconds(30))
            .limitedTo(MAX_BODY_BYTES);
    private final Backoff.Bounds backoff;
    private final ObjectMapper json = new ObjectMapper();
    private int candleRequests;
    private int fundingRequests;
    private int rateLimited;
    private long candleRows;
    private long fundingRows;
    private long seq;

    /** A client of the info endpoint {@code uri}, retrying 429s within {@code backoff}. */
    HyperliquidHistory(URI uri, Backoff.Bounds backoff) {
        this.url = uri.toString();
        this.backoff = backoff;
    }

    static long intervalMs(String interval) {
        return INTERVALS.getOrDefault(interval, -1L);
    }

    /** Candles with open time in [from, to]: each close as a PerpMid at the candle's close time. */
    void candles(String coin, String interval, long intervalMs, long from, long to,
            List<Tick> out) throws FetchException {
        long start = from;
        while (start <= to) {
            if (++candleRequests > MAX_REQUESTS) {
                throw new FetchException("candleSnapshot: too many requests");
            }
            JsonNode rows = post("{\"type\":\"candleSnapshot\",\"req\":{\"coin\":" + quote(coin) + ",\"interval\":"
                    + quote(interval)
                    + ",\"startTime\":" + start + ",\"endTime\":" + to + "}}", "candleSnapshot");
            if (rows.isEmpty()) {
                return;
            }
            long last = start - 1;
            for (JsonNode c : rows) {
                long t = c.path("t").asLong(Long.MIN_VALUE);
                long close = c.path("T").asLong(Long.MIN_VALUE);
                long px = FixedPoint.parse(c.path("c").asText(""), FixedPoint.PRICE_DECIMALS);
                if (t == Long.MIN_VALUE || close == Long.MIN_VALUE || px == FixedPoint.INVALID || px <= 0) {
                    throw new FetchException("candleSnapshot: unexpected candle " + c);
                }
                if (t < start || t > to) {
                    continue;
                }
                Tick k = new Tick(close * 1_000_000L, seq++, coin, EventType.PERP_MID);
                k.price = scale(coin, px);
                out.add(k);
                candleRows++;
                last = Math.max(last, t);
            }
            if (last < start) {
                return; // nothing new: the endpoint has no later candles
            }
            start = last + intervalMs;
        }
    }

    /** Funding settlements in [from, to]: each as a PerpCtx with the hourly rate and the premium. */
    void funding(String coin, long from, long to, List<Tick> out) throws FetchException {
        long start = from;
        while (start <= to) {
            if (++fundingRequests > MAX_REQUESTS) {
                throw new FetchException("fundingHistory: too many requests");
            }
            JsonNode rows = post("{\"type\":\"fundingHistory\",\"coin\":" + quote(coin) + ",\"startTime\":" + start
                    + ",\"endTime\":" + to + "}", "fundingHistory");
            long last = start - 1;
            for (JsonNode r : rows) {
                long t = r.path("time").asLong(Long.MIN_VALUE);
                long rate = FixedPoint.parse(r.path("fundingRate").asText(""), FixedPoint.PRICE_DECIMALS);
                if (t == Long.MIN_VALUE || rate == FixedPoint.INVALID) {
                    throw new FetchException("fundingHistory: unexpected row " + r);
                }
                if (t < start || t > to) {
                    continue;
                }
                Tick k = new Tick(t * 1_000_000L, seq++, coin, EventType.PERP_CTX);
                k.funding = rate;
                JsonNode p = r.get("premium");
                if (p != null && !p.isNull()) {
                    long prem = FixedPoint.parse(p.asText(""), FixedPoint.PRICE_DECIMALS);
                    k.premium = prem == FixedPoint.INVALID ? FixedPoint.NULL : prem;
                }
                out.add(k);
                fundingRows++;
                last = Math.max(last, t);
            }
            // A short page does not end it: a server may page by less than the documented 500.
            // An empty answer, or nothing newer, does.
            if (rows.isEmpty() || last < start) {
                return;
            }
            start = last + 1;
        }
    }

    /** k-coins (kBONK) quote per 1000 tokens: journal prices are per token. */
    private static long scale(String coin, long px) {
        return coin.length() > 1 && coin.charAt(0) == 'k' && Character.isUpperCase(coin.charAt(1)) ? px / 1000 : px;
    }

    private JsonNode post(String body, String what) throws FetchException {
        HttpFetcher.Response resp = postRetrying(body, what);
        if (resp.status() != 200) {
            String b = resp.text(200);
            throw new FetchException(what + ": HTTP " + resp.status() + " from " + resp.url()
                    + (b.isBlank() ? "" : ": " + b)
                    + (resp.status() == 500 && b.trim().equals("null") ? " (unknown coin?)" : ""));
        }
        if (resp.oversize()) {
            throw new FetchException(what + ": the answer from " + resp.url() + " is over " + MAX_BODY_BYTES
                    + " bytes");
        }
        JsonNode n;
        try {
            n = json.readTree(resp.body());
        } catch (IOException e) {
            throw new FetchException(what + ": the answer is not JSON");
        }
        if (n == null || !n.isArray()) {
            throw new FetchException(what + ": expected a JSON array, got "
                    + (n == null ? "nothing" : n.getNodeType()));
        }
        return n;
    }

    /** The answer to {@code body}, sent again while it is 429 (see the class comment). */
    private HttpFetcher.Response postRetrying(String body, String what) throws FetchException {
        Backoff delays = backoff.newBackoff();
        for (int attempt = 1; ; attempt++) {
            HttpFetcher.Response r;
            try {
                r = http.postJson(url, body);
            } catch (HttpFetcher.FetchException e) {
                throw new FetchException(what + ": " + e.getMessage());
            }
            if (r.status() != 429) {
                return r;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new FetchException(what + ": HTTP 429 from " + r.url() + ": still rate limited after " + attempt
                        + " attempts");
            }
            Duration asked = r.retryAfter(System.currentTimeMillis());
            if (asked != null && asked.compareTo(MAX_RETRY_AFTER) > 0) {
                throw new FetchException(what + ": HTTP 429 from " + r.url() + ": Retry-After " + asked.toSeconds()
                        + " s is longer than the " + MAX_RETRY_AFTER.toSeconds() + " s this command waits");
            }
            Duration wait = asked != null ? asked : delays.next();
            rateLimited++;
            LOG.info("history fetch: {} rate limited (429); attempt {} of {} in {} ms{}", what, attempt + 1,
                    MAX_ATTEMPTS, wait.toMillis(), asked != null ? " (Retry-After)" : "");
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException(what + ": interrupted");
            }
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    int candleRequests() {
        return candleRequests;
    }

    int fundingRequests() {
        return fundingRequests;
    }

    long candleRows() {
        return candleRows;
    }

    long fundingRows() {
        return fundingRows;
    }

    /** Answers of 429 that were waited out and retried. */
    int rateLimited() {
        return rateLimited;
    }
}
