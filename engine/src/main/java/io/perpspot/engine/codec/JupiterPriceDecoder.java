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
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.tokens.CharIndex;
import io.perpspot.engine.tokens.TokenRegistry;
import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes a Jupiter Price API v3 response body — a map keyed by mint,
 * {@code {"<mint>":{"usdPrice":117.11,"liquidity":…,"blockId":…,"decimals":9,…}}} — into
 * SPOT_PRICE events. Mints without a reliable price are simply absent from the response (or
 * {@code null}); those are reported as missing through {@link #seen}, never guessed.
 * Unknown keys are ignored. An entry with a nonsense price is rejected on its own; a body that
 * is not valid JSON is rejected whole. Allocation-free in steady state; one decoder per thread.
 */
public final class JupiterPriceDecoder {
    private final DecodeFailure fail = new DecodeFailure();
    private final TokenRegistry registry;
    private final EventPublisher out;
    private final FeedStats stats;
    private final int source = Source.JUPITER_PRICE;
    private final MarketEvent scratch = new MarketEvent();
    private final long[] pendingPx;
    private final long[] pendingLiq;
    private final long[] pendingBlock;
    private final int[] pendingIds;
    private final boolean[] seen;
    /** Highest blockId accepted per token: an older one is out of order (a lagging replica, a stale cache). */
    private final long[] lastBlock;
    private int pendingCount;

    private final JsonFields.TrailingCheck trailing = new JsonFields.TrailingCheck();
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private byte[] buf = new byte[64 * 1024];
    private int len;

    public JupiterPriceDecoder(TokenRegistry registry, EventPublisher out, FeedStats stats) {
        this.registry = registry;
        this.out = out;
        this.stats = stats;
        int n = registry.size();
        pendingPx = new long[n];
        pendingLiq = new long[n];
        pendingBlock = new long[n];
        pendingIds = new int[n];
        seen = new boolean[n];
        lastBlock = new long[n];
        Arrays.fill(lastBlock, Long.MIN_VALUE);
        newParser();
    }

    /**
     * A decoder for a grown registry (rediscovery keeps ids and appends), keeping what this one
     * knows about the order of blocks. Allocates: call when the token set changes, not per body.
     */
    public JupiterPriceDecoder withRegistry(TokenRegistry grown) {
        JupiterPriceDecoder d = new JupiterPriceDecoder(grown, out, stats);
        System.arraycopy(lastBlock, 0, d.lastBlock, 0, Math.min(lastBlock.length, d.lastBlock.length));
        return d;
    }

    /**
     * Decodes one response body. Returns the number of SPOT_PRICE events published, or -1 if the
     * body was rejected whole.
     */
    public int decode(byte[] body, int off, int length, long recvNanos) {
        stats.frame(source);
        Arrays.fill(seen, false);
        pendingCount = 0;
        if (buf.length < length + 1) {
            buf = new byte[Integer.highestOneBit(length + 1) << 1];
        }
        System.arraycopy(body, off, buf, 0, length);
        buf[length] = ' ';
        len = length;
        try {
            feeder.feedInput(buf, 0, length + 1);
            JsonToken t = next();
            if (t != JsonToken.START_OBJECT) {
                return rejectWhole(Reject.NOT_JSON, "expected an object keyed by mint");
            }
            while ((t = next()) == JsonToken.FIELD_NAME) {
                // currentName() is the canonical symbol-table String: no allocation per mint.
                int id = registry.idByMint(parser.currentName());
                t = next();
                if (id == CharIndex.MISSING) {
                    stats.reject(source, Reject.UNKNOWN_MINT, buf, 0, len, parser.currentName());
                    skip(t);
                    continue;
                }
                if (t == JsonToken.VALUE_NULL) {
                    continue; // no reliable price: reported as missing
                }
                if (t != JsonToken.START_OBJECT) {
                    throw fail.with(Reject.WRONG_TYPE, "entry of " + registry.get(id).symbol());
                }
                entry(id);
            }
            fail.endOfRoot(parser, t, trailing);
        } catch (DecodeFailure b) {
            return rejectWhole(b.reason, b.detail);
        } catch (JsonProcessingException e) {
            return rejectWhole(Reject.MALFORMED_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            return rejectWhole(Reject.MALFORMED_JSON, e.getMessage());
        }
        MarketEvent e = scratch;
        for (int i = 0; i < pendingCount; i++) {
            e.reset();
            e.type = EventType.SPOT_PRICE;
            e.source = source;
            e.recvNanos = recvNanos;
            e.tokenId = pendingIds[i];
            e.spotPx = pendingPx[i];
            e.liquidityUsd = pendingLiq[i];
            e.blockId = pendingBlock[i];
            if (e.blockId != FixedPoint.NULL) {
                lastBlock[e.tokenId] = e.blockId;
            }
            out.publish(e);
        }
        return pendingCount;
    }

    private void entry(int id) throws IOException {
        long px = FixedPoint.NULL;
        long liq = FixedPoint.NULL;
        long block = FixedPoint.NULL;
        boolean bad = false;
        boolean wrongType = false;
        JsonToken t;
        while ((t = next()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            t = next();
            if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                // Every field read here is a scalar: a structured value is skipped whole, or its
                // inner fields would be read as the entry's and its '}' would end the entry
                // (found by JupiterPriceFuzzTest: "blockId":{…} left the parser one object deep
                // and the next body was rejected). A structured usdPrice rejects the entry;
                // liquidity and blockId are optional and count as absent.
                skip(t);
                wrongType |= name.equals("usdPrice");
                continue;
            }
            switch (name) {
                case "usdPrice" -> px = JsonFields.fixed(parser, t, FixedPoint.PRICE_DECIMALS);
                case "liquidity" -> {
                    long l = JsonFields.fixed(parser, t, 0);
                    liq = l == FixedPoint.INVALID ? FixedPoint.NULL : l;
                }
                case "blockId" -> {
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        block = parser.getLongValue();
                    }
                }
                default -> {
                    // an unknown scalar: nothing to skip
                }
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw fail.with(Reject.MALFORMED_JSON, null);
        }
        if (wrongType) {
            stats.reject(source, Reject.WRONG_TYPE, buf, 0, len, "usdPrice of " + registry.get(id).symbol());
            bad = true;
        } else if (px == FixedPoint.NULL) {
            stats.reject(source, Reject.MISSING_FIELD, buf, 0, len, "usdPrice of " + registry.get(id).symbol());
            bad = true;
        } else if (px == FixedPoint.INVALID) {
            stats.reject(source, Reject.BAD_NUMBER, buf, 0, len, "usdPrice of " + registry.get(id).symbol());
            bad = true;
        } else if (px <= 0) {
            stats.reject(source, Reject.BAD_PRICE, buf, 0, len, "usdPrice of " + registry.get(id).symbol());
            bad = true;
        }
        if (!bad && block != FixedPoint.NULL && block < lastBlock[id]) {
            stats.reject(source, Reject.OUT_OF_ORDER, buf, 0, len, "blockId " + block + " of "
                    + registry.get(id).symbol() + " < " + lastBlock[id]);
            bad = true;
        }
        if (bad || seen[id]) {
            return;
        }
        seen[id] = true;
        pendingIds[pendingCount] = id;
        pendingPx[pendingCount] = px;
        pendingLiq[pendingCount] = liq;
        pendingBlock[pendingCount] = block;
        pendingCount++;
    }

    /** Rejects the whole body: nothing from it is published and no token counts as seen. */
    private int rejectWhole(Reject reason, String detail) {
        stats.reject(source, reason, buf, 0, len, detail);
        newParser();
        Arrays.fill(seen, false);
        return -1;
    }

    /** After {@link #decode}: whether the response carried a usable price for the token. */
    public boolean seen(int tokenId) {
        return seen[tokenId];
    }

    private JsonToken next() throws IOException {
        return fail.next(parser);
    }

    private void skip(JsonToken t) throws IOException {
        fail.skip(parser, t);
    }

    /** A fresh parser: at start, and after a bad frame left the old one in an unknown state. */
    private void newParser() {
        parser = JsonFields.nonBlockingParser();
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }
}
