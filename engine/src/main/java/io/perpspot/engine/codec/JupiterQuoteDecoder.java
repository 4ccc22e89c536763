package io.perpspot.engine.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.perpspot.engine.core.EventPublisher;
import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.QuoteSide;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.spread.QuoteLadder;
import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes a Jupiter Metis quote ({@code GET /swap/v1/quote}, protocols.md 3.2) for one rung of a
 * token's quote ladder into a SPOT_QUOTE event: the executable price per whole token (route
 * impact included; an ExactIn platform fee is added back, fees are the strategy's business),
 * Jupiter's {@code priceImpactPct} in ppm, and the {@code contextSlot}.
 *
 * <p>BUY quotes USDC → token, SELL quotes token → USDC, both ExactIn. The answer must match the
 * request (mints, amount); the amounts are decimal strings of raw units, Solana's u64, held in
 * a {@code long} as unsigned bits (every value up to 18446744073709551615, exactly); unknown keys
 * are ignored. A quote whose context slot is older than one already accepted for that token and
 * side is rejected as out of order. Rejections are counted per source and reason and publish
 * nothing. Allocation-free in steady state; one decoder per thread.
 */
public final class JupiterQuoteDecoder {
    private final DecodeFailure fail = new DecodeFailure();
    /** USDC: the quote currency of every ladder. */
    public static final String USDC_MINT = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";
    public static final int USDC_DECIMALS = 6;
    /** 18446744073709551615 / 10, the largest u64 that can take one more digit. */
    private static final long U64_MAX_DIV_10 = Long.divideUnsigned(-1L, 10);

    private final EventPublisher out;
    private final FeedStats stats;
    private final MarketEvent scratch = new MarketEvent();
    private long[][] lastSlot = new long[2][0];

    private final JsonFields.TrailingCheck trailing = new JsonFields.TrailingCheck();
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private byte[] buf = new byte[16 * 1024];
    private int len;
    private int source;

    // fields of the body being decoded
    private boolean inputOk;
    private boolean outputOk;
    private boolean exactIn;
    private boolean sawMode;
    private boolean sawIn;
    private boolean sawOut;
    /** Raw amounts: u64, unsigned bits. */
    private long inAmount;
    private long outAmount;
    private long platformFee;
    private long impactPpm;
    private long contextSlot;

    // the last accepted quote (raw amounts, unsigned bits)
    private long lastIn;
    private long lastOut;

    public JupiterQuoteDecoder(EventPublisher out, FeedStats stats) {
        this.out = out;
        this.stats = stats;
        newParser();
    }

    /**
     * Decodes one quote body.
     *
     * @param tokenMint      the token's mint (input for SELL, output for BUY)
     * @param tokenDecimals  its SPL decimals
     * @param side           {@link QuoteLadder#BUY} or {@link QuoteLadder#SELL}
     * @param notionalUsd    the rung's notional (size scale), journaled as the rung key
     * @param requestAmount  the raw input amount that was requested (u64, unsigned bits)
     * @param source         the source byte to journal ({@code Source.JUPITER_QUOTE}, or a cache's)
     * @return true if a SPOT_QUOTE was published
     */
    public boolean decode(byte[] body, int off, int length, int tokenId, String tokenMint, int tokenDecimals,
                          int side, long notionalUsd, long requestAmount, int source, long recvNanos) {
        this.source = source;
        stats.frame(source);
        if (buf.length < length + 1) {
            buf = new byte[Integer.highestOneBit(length + 1) << 1];
        }
        System.arraycopy(body, off, buf, 0, length);
        buf[length] = ' ';
        len = length;
        inputOk = outputOk = exactIn = sawMode = sawIn = sawOut = false;
        inAmount = outAmount = 0;
        contextSlot = -1;
        platformFee = 0;
        impactPpm = FixedPoint.NULL;
        String inMint = side == QuoteSide.BUY ? USDC_MINT : tokenMint;
        String outMint = side == QuoteSide.BUY ? tokenMint : USDC_MINT;
        try {
            feeder.feedInput(buf, 0, length + 1);
            JsonToken t = next();
            if (t != JsonToken.START_OBJECT) {
                return reject(Reject.NOT_JSON, "expected a quote object");
            }
            while ((t = next()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                t = next();
                switch (name) {
                    // A structured value is refused, not read through: its inner fields would
                    // pass for the quote's and its '}' would end the quote early.
                    case "inputMint" -> inputOk = scalar(t, name) == JsonToken.VALUE_STRING
                            && JsonFields.textEquals(parser, inMint);
                    case "outputMint" -> outputOk = scalar(t, name) == JsonToken.VALUE_STRING
                            && JsonFields.textEquals(parser, outMint);
                    case "inAmount" -> {
                        inAmount = rawAmount(t, "inAmount");
                        sawIn = true;
                    }
                    case "outAmount" -> {
                        outAmount = rawAmount(t, "outAmount");
                        sawOut = true;
                    }
                    case "swapMode" -> {
                        sawMode = true;
                        exactIn = scalar(t, name) == JsonToken.VALUE_STRING && JsonFields.textEquals(parser, "ExactIn");
                    }
                    case "priceImpactPct" -> {
                        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_FLOAT
                                && t != JsonToken.VALUE_NUMBER_INT) {
                            throw fail.with(Reject.WRONG_TYPE, "priceImpactPct");
                        }
                        impactPpm = JsonFields.fixed(parser, t, 6);
                        if (impactPpm == FixedPoint.INVALID) {
                            throw fail.with(Reject.BAD_NUMBER, "priceImpactPct");
                        }
                    }
                    case "contextSlot" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT) {
                            throw fail.with(Reject.WRONG_TYPE, "contextSlot");
                        }
                        contextSlot = parser.getLongValue();
                    }
                    case "platformFee" -> platformFee(t);
                    default -> skip(t);
                }
            }
            fail.endOfRoot(parser, t, trailing);
        } catch (DecodeFailure b) {
            return reject(b.reason, b.detail);
        } catch (JsonProcessingException e) {
            return reject(Reject.MALFORMED_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            return reject(Reject.MALFORMED_JSON, e.getMessage());
        }
        if (!sawIn || !sawOut || impactPpm == FixedPoint.NULL || contextSlot < 0 || !sawMode) {
            return reject(Reject.MISSING_FIELD, "inAmount, outAmount, priceImpactPct, swapMode and contextSlot");
        }
        if (!inputOk || !outputOk || !exactIn || inAmount != requestAmount) {
            return reject(Reject.MISMATCH, "mints, ExactIn or amount differ from the request");
        }
        if (inAmount == 0 || outAmount == 0) {
            return reject(Reject.BAD_SIZE, "zero amount");
        }
        // A platform fee is taken from the output (ExactIn): price the route as if it had not been.
        long routeOut = outAmount + platformFee;
        if (Long.compareUnsigned(routeOut, outAmount) < 0) {
            return reject(Reject.BAD_NUMBER, "outAmount + platformFee.amount exceeds a u64");
        }
        int k = FixedPoint.PRICE_DECIMALS - USDC_DECIMALS + tokenDecimals;
        long px = side == QuoteSide.BUY ? divScaled(inAmount, routeOut, k) : divScaled(routeOut, inAmount, k);
        if (px <= 0) {
            return reject(Reject.BAD_PRICE, "implied price out of range");
        }
        ensure(tokenId);
        if (contextSlot < lastSlot[side][tokenId]) {
            return reject(Reject.OUT_OF_ORDER, "contextSlot " + contextSlot + " < " + lastSlot[side][tokenId]);
        }
        lastSlot[side][tokenId] = contextSlot;
        lastIn = inAmount;
        lastOut = outAmount;
        MarketEvent e = scratch;
        e.reset();
        e.type = EventType.SPOT_QUOTE;
        e.source = source;
        e.tokenId = tokenId;
        e.recvNanos = recvNanos;
        e.quoteSide = side;
        e.quoteNotionalUsd = notionalUsd;
        e.quotePx = px;
        e.quoteImpactPpm = impactPpm;
        e.blockId = contextSlot;
        out.publish(e);
        return true;
    }

    /** Raw input amount of the last accepted quote (u64, unsigned bits). */
    public long lastInAmount() {
        return lastIn;
    }

    /** Raw output amount of the last accepted quote, after any platform fee (u64, unsigned bits). */
    public long lastOutAmount() {
        return lastOut;
    }

    /**
     * {@code round(a × 10^k / b)}, half up, for raw amounts {@code a} and {@code b} read as unsigned
     * 64-bit integers (u64): exact and allocation-free over the whole range, by long division one
     * decimal digit at a time with a 65-bit remainder (never a 128-bit product or a BigInteger).
     * Returns -1 if {@code b} is 0 or {@code k} negative, {@code Long.MIN_VALUE} if the result
     * exceeds {@code Long.MAX_VALUE}.
     */
    public static long divScaled(long a, long b, int k) {
        if (b == 0 || k < 0) {
            return -1;
        }
        long q = Long.divideUnsigned(a, b);
        long r = Long.remainderUnsigned(a, b);
        if (q < 0) {
            return Long.MIN_VALUE;
        }
        for (int i = 0; i < k; i++) {
            // 10 r as hi:lo (r < b < 2^64, so 10 r < 2^68), then its quotient by b: one digit, 0-9.
            long lo = r * 10;
            long hi = ((r >>> 32) * 10 + (((r & 0xFFFF_FFFFL) * 10) >>> 32)) >>> 32;
            int d = 0;
            while (hi != 0 || Long.compareUnsigned(lo, b) >= 0) {
                if (Long.compareUnsigned(lo, b) < 0) {
                    hi--;
                }
                lo -= b;
                d++;
            }
            if (q > (Long.MAX_VALUE - d) / 10) {
                return Long.MIN_VALUE;
            }
            q = q * 10 + d;
            r = lo;
        }
        // Round half up: r / b >= 1/2, i.e. r >= b - r (r < b, so b - r does not wrap).
        if (Long.compareUnsigned(r, b - r) >= 0) {
            if (q == Long.MAX_VALUE) {
                return Long.MIN_VALUE;
            }
            q++;
        }
        return q;
    }

    private void ensure(int tokenId) {
        if (tokenId >= lastSlot[0].length) {
            int n = Math.max(tokenId + 1, lastSlot[0].length * 2);
            for (int s = 0; s < 2; s++) {
                int old = lastSlot[s].length;
                lastSlot[s] = Arrays.copyOf(lastSlot[s], n);
                Arrays.fill(lastSlot[s], old, n, Long.MIN_VALUE);
            }
        }
    }

    private JsonToken scalar(JsonToken t, String field) {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            throw fail.with(Reject.WRONG_TYPE, field);
        }
        return t;
    }

    private long rawAmount(JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw fail.with(Reject.WRONG_TYPE, field + " must be a string of raw units");
        }
        char[] c = parser.getTextCharacters();
        int o = parser.getTextOffset();
        int n = parser.getTextLength();
        if (n == 0) {
            throw fail.with(Reject.BAD_NUMBER, field);
        }
        long v = 0; // unsigned
        for (int i = 0; i < n; i++) {
            char ch = c[o + i];
            if (ch < '0' || ch > '9') {
                throw fail.with(Reject.BAD_NUMBER, field);
            }
            // v × 10 + digit must stay within u64: v ≤ 1844674407370955161, and then the digit ≤ 5.
            if (Long.compareUnsigned(v, U64_MAX_DIV_10) > 0 || v == U64_MAX_DIV_10 && ch > '5') {
                throw fail.with(Reject.BAD_NUMBER, field + " exceeds a u64");
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private void platformFee(JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw fail.with(Reject.WRONG_TYPE, "platformFee");
        }
        while ((t = next()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            t = next();
            if (name.equals("amount")) {
                platformFee = rawAmount(t, "platformFee.amount");
            } else {
                skip(t);
            }
        }
    }

    private boolean reject(Reject reason, String detail) {
        stats.reject(source, reason, buf, 0, len, detail);
        newParser();
        return false;
    }

    private JsonToken next() throws IOException {
        return fail.next(parser);
    }

    private void skip(JsonToken t) throws IOException {
        fail.skip(parser, t);
    }

    private void newParser() {
        parser = JsonFields.nonBlockingParser();
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }
}
