package io.perpspot.engine.feed.fallback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.Reject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Shared checks of the fallback price decoders (CoinGecko, Kraken): a body is parsed whole
 * (these are small REST answers on the pollers' thread, not the WebSocket hot path); a body that
 * is not JSON, truncated or of the wrong shape is rejected as a whole and fails the poll; a bad
 * entry (wrong type, price 0, negative or not a number, crossed, repeated or older timestamp) is
 * rejected alone and counted per source and reason. Nothing is published from a rejected entry.
 */
abstract class FallbackDecoder {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    protected final int source;
    protected final EventPublisher out;
    protected final FeedStats stats;
    protected final MarketEvent scratch = new MarketEvent();

    FallbackDecoder(int source, EventPublisher out, FeedStats stats) {
        this.source = source;
        this.out = out;
        this.stats = stats;
    }

    /** Parses a whole body or rejects it (counted) and fails the poll. */
    protected JsonNode parse(byte[] body, int len, String what) {
        stats.frame(source); // every body received, valid or not, as the WebSocket and Jupiter decoders count
        try {
            JsonNode n = JSON.readTree(body, 0, len);
            if (n == null || n.isMissingNode()) {
                stats.reject(source, Reject.TRUNCATED, body, 0, len, what + " empty");
                throw new PollingTier.PollFailure(what + ": empty body");
            }
            return n;
        } catch (JsonProcessingException e) {
            String m = String.valueOf(e.getOriginalMessage());
            Reject r = m.contains("end-of-input") ? Reject.TRUNCATED : Reject.MALFORMED_JSON;
            stats.reject(source, r, body, 0, len, what);
            throw new PollingTier.PollFailure(what + ": " + r.text());
        } catch (IOException e) {
            stats.reject(source, Reject.MALFORMED_JSON, body, 0, len, what);
            throw new PollingTier.PollFailure(what + ": " + e.getMessage());
        } catch (NumberFormatException e) {
            // jackson-databind throws this, unwrapped, for a number it cannot hold as a BigDecimal
            // ("1e24811356300": too many exponent digits). Found by CoinGeckoFuzzTest.
            stats.reject(source, Reject.BAD_NUMBER, body, 0, len, what);
            throw new PollingTier.PollFailure(what + ": " + Reject.BAD_NUMBER.text());
        }
    }

    /** Rejects a whole body of the wrong shape and fails the poll. */
    protected PollingTier.PollFailure shape(byte[] body, int len, Reject reason, String detail) {
        stats.reject(source, reason, body, 0, len, detail);
        return new PollingTier.PollFailure(detail);
    }

    /** Counts one bad entry. */
    protected void entry(Reject reason, String detail) {
        stats.reject(source, reason, null, 0, 0, detail);
    }

    /**
     * A positive price at the price scale from a JSON number or decimal string, or
     * {@link FixedPoint#INVALID} after counting why not.
     */
    protected long price(JsonNode n, boolean stringExpected, String what) {
        BigDecimal v;
        if (n == null || n.isNull()) {
            entry(Reject.MISSING_FIELD, what);
            return FixedPoint.INVALID;
        }
        if (stringExpected ? !n.isTextual() : !n.isNumber()) {
            entry(Reject.WRONG_TYPE, what);
            return FixedPoint.INVALID;
        }
        try {
            v = stringExpected ? new BigDecimal(n.asText()) : n.decimalValue();
        } catch (NumberFormatException e) {
            entry(Reject.BAD_NUMBER, what + " '" + n.asText() + "'");
            return FixedPoint.INVALID;
        }
        if (v.signum() <= 0) {
            entry(Reject.BAD_PRICE, what);
            return FixedPoint.INVALID;
        }
        try {
            long units = units(v, FixedPoint.PRICE_DECIMALS);
            if (units <= 0) {
                entry(Reject.BAD_PRICE, what + " below the price scale");
                return FixedPoint.INVALID;
            }
            return units;
        } catch (ArithmeticException e) {
            entry(Reject.BAD_NUMBER, what + " out of range");
            return FixedPoint.INVALID;
        }
    }

    /** A non-negative size at the size scale from a decimal string, or NULL if absent/unusable (not an error). */
    protected static long size(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return FixedPoint.NULL;
        }
        try {
            BigDecimal v = new BigDecimal(n.asText());
            if (v.signum() < 0) {
                return FixedPoint.NULL;
            }
            return units(v, FixedPoint.SIZE_DECIMALS);
        } catch (NumberFormatException | ArithmeticException e) {
            return FixedPoint.NULL;
        }
    }

    /**
     * {@code v} in fixed-point units, rounded half-up. Magnitudes are checked before rescaling:
     * {@code setScale} on {@code 1e199999999} or {@code 1e-199999999} builds a number of
     * 200 million digits and runs for minutes (found by CoinGeckoFuzzTest as a slow input).
     *
     * @throws ArithmeticException when the value does not fit a long at that scale
     */
    static long units(BigDecimal v, int decimals) {
        if (v.signum() == 0) {
            return 0;
        }
        long intDigits = (long) v.precision() - v.scale(); // v < 10^intDigits
        if (intDigits > 19 - decimals) {
            throw new ArithmeticException("out of range");
        }
        if (intDigits < -decimals - 1) {
            return 0; // below half a unit: rounds to zero
        }
        return v.setScale(decimals, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }
}
