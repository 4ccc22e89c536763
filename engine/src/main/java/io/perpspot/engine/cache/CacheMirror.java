package io.perpspot.engine.cache;

import io.perpspot.engine.core.EventType;
import io.perpspot.engine.core.FixedPoint;
import io.perpspot.engine.core.MarketEvent;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.OutputType;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.VenuePair;
import io.perpspot.engine.journal.InputCodec;
import io.perpspot.engine.journal.Journal;
import io.perpspot.engine.journal.OutputCodec;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies what the engine journaled into the cache, on the cache thread, every
 * {@code cache.mirror-interval}: the latest price per token and source ({@link CacheKind#PRICE},
 * key {@code SYMBOL:source}) from the input queue and the latest spread snapshot per token
 * ({@link CacheKind#SPREAD}, key {@code SYMBOL}) from the output queue.
 *
 * <p>It reads the journal through tailers of its own, so the ring, the I/O threads and the
 * strategy never see it: the cache follows the journal, never the other way round. Only the
 * latest value per key since the previous pass is written, so Redis sees at most one write per
 * key per interval whatever the tick rate. Tailers start at the end of each queue when the
 * mirror starts (a continued journal's history is not replayed into the cache).
 */
public final class CacheMirror implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("perpspot.cache");

    private final FailoverCache cache;
    private final Journal journal;
    private volatile TokenRegistry registry;
    private final MarketEvent event = new MarketEvent();
    private final OutputRecord record = new OutputRecord();
    private final Map<String, String> prices = new LinkedHashMap<>();
    private final Map<String, String> spreads = new LinkedHashMap<>();
    /** Values that change rarely (tokens, templates): re-put on every backend switch and every half TTL. */
    private final Map<String, String[]> constants = new ConcurrentHashMap<>();
    /** The cache's switch count when the constants were last put: a switch away and back between passes counts. */
    private long constantsSwitches = -1;
    private long constantsNanos = Long.MIN_VALUE;
    private ExcerptTailer input;
    private ExcerptTailer output;
    private ScheduledFuture<?> task;
    private long mirrored;
    private boolean failedOnce;

    private CacheMirror(FailoverCache cache, Journal journal, TokenRegistry registry) {
        this.cache = cache;
        this.journal = journal;
        this.registry = registry;
    }

    /** Starts mirroring on the cache's thread; the tailers are created there, at the current end of each queue. */
    public static CacheMirror start(FailoverCache cache, Journal journal, TokenRegistry registry, Duration every) {
        CacheMirror m = new CacheMirror(cache, journal, registry);
        try {
            cache.executor().submit(m::open).get();
        } catch (Exception e) {
            throw new IllegalStateException("cache mirror: cannot open the journal's tailers", e);
        }
        long n = every.toNanos();
        m.task = cache.executor().scheduleWithFixedDelay(m::pass, n, n, TimeUnit.NANOSECONDS);
        return m;
    }

    private void open() {
        input = journal.input().createTailer().toEnd();
        output = journal.output().createTailer().toEnd();
    }

    /** The TOKENS value: the discovered pairs as a JSON array, with how they were found. */
    public static String tokensJson(List<Token> tokens, String how) {
        StringBuilder sb = new StringBuilder("{\"how\":").append(quote(how)).append(",\"tokens\":[");
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"symbol\":").append(quote(t.symbol()))
                    .append(",\"hlCoin\":").append(quote(t.hlCoin()))
                    .append(",\"mint\":").append(quote(t.mint()))
                    .append(",\"multExp\":").append(t.multExp())
                    .append(",\"decimals\":").append(t.decimals()).append('}');
        }
        return sb.append("]}").toString();
    }

    /**
     * A value that changes rarely (the discovered tokens, the templates): put now, and again
     * whenever the cache switches backend (a Redis that comes back, or restarts empty, gets it)
     * and every half of its kind's TTL.
     */
    public void constant(CacheKind kind, String key, String value) {
        constants.put(kind.name() + "\u0000" + key, new String[] {kind.name(), key, value});
        cache.put(kind, key, value);
    }

    /** Pairs added by a rediscovery are mirrored too. */
    public void updateRegistry(TokenRegistry next) {
        registry = next;
    }

    private void putConstants() {
        long switches = cache.stats().switches();
        long t = System.nanoTime();
        long halfTtl = Long.MAX_VALUE;
        for (String[] c : constants.values()) {
            halfTtl = Math.min(halfTtl, cache.ttl(CacheKind.valueOf(c[0])).toNanos() / 2);
        }
        if (switches == constantsSwitches && constantsNanos != Long.MIN_VALUE && t - constantsNanos < halfTtl) {
            return;
        }
        for (String[] c : constants.values()) {
            cache.put(CacheKind.valueOf(c[0]), c[1], c[2]);
        }
        constantsSwitches = switches;
        constantsNanos = t;
    }

    /** One pass: drain both tailers, then write the latest value of every key that changed. */
    void pass() {
        try {
            putConstants();
            drainInput();
            drainOutput();
            for (var e : prices.entrySet()) {
                cache.put(CacheKind.PRICE, e.getKey(), e.getValue());
            }
            for (var e : spreads.entrySet()) {
                cache.put(CacheKind.SPREAD, e.getKey(), e.getValue());
            }
            mirrored += prices.size() + spreads.size();
            prices.clear();
            spreads.clear();
        } catch (RuntimeException e) {
            if (!failedOnce) {
                failedOnce = true;
                LOG.warn("cache: mirroring the journal failed (the cache misses new values; the journal is"
                        + " unaffected): {}", e.toString());
            }
        }
    }

    private void drainInput() {
        while (true) {
            try (DocumentContext dc = input.readingDocument()) {
                if (!dc.isPresent()) {
                    return;
                }
                InputCodec.read(dc.wire().bytes(), dc.index(), event);
            }
            Token t = event.tokenId >= 0 && event.tokenId < registry.size() ? registry.get(event.tokenId) : null;
            if (t == null) {
                continue;
            }
            long px;
            String side;
            switch (event.type) {
                case EventType.SPOT_PRICE -> {
                    px = event.spotPx;
                    side = "spot";
                }
                case EventType.PERP_BBO -> {
                    px = event.bidPx != FixedPoint.NULL && event.askPx != FixedPoint.NULL
                            ? event.bidPx + (event.askPx - event.bidPx) / 2 : FixedPoint.NULL;
                    side = "perp-bbo-mid";
                }
                case EventType.PERP_MID -> {
                    px = event.midPx;
                    side = "perp-mid";
                }
                case EventType.PERP_CTX -> {
                    px = event.markPx;
                    side = "perp-mark";
                }
                default -> {
                    continue;
                }
            }
            if (px == FixedPoint.NULL || px == FixedPoint.INVALID) {
                continue;
            }
            String src = Source.name(event.source);
            String key = t.symbol() + ":" + src + (event.type == EventType.SPOT_PRICE ? "" : ":" + side);
            prices.put(key, "{\"symbol\":" + quote(t.symbol()) + ",\"source\":" + quote(src)
                    + ",\"side\":" + quote(side) + ",\"px\":" + quote(FixedPoint.price(px))
                    + ",\"recvNanos\":" + event.recvNanos
                    + ",\"journalIndex\":" + event.journalIndex + "}");
        }
    }

    private void drainOutput() {
        while (true) {
            try (DocumentContext dc = output.readingDocument()) {
                if (!dc.isPresent()) {
                    return;
                }
                OutputCodec.read(dc.wire().bytes(), dc.index(), record);
            }
            if (record.type != OutputType.SPREAD || record.pair != VenuePair.PERP_JUPITER || record.tokenId < 0
                    || record.tokenId >= registry.size()) {
                continue;
            }
            Token t = registry.get(record.tokenId);
            spreads.put(t.symbol(), String.format(Locale.ROOT,
                    "{\"symbol\":%s,\"spotPx\":%s,\"perpBid\":%s,\"perpAsk\":%s,\"perpMid\":%s,\"markPx\":%s,"
                            + "\"oraclePx\":%s,\"funding\":%s,\"basisBps\":%s,\"z\":%s,\"samples\":%d,\"timeNanos\":%d,"
                            + "\"inputIndex\":%d}",
                    quote(t.symbol()), px(record.spotPx), px(record.perpBid), px(record.perpAsk), px(record.perpMid),
                    px(record.markPx), px(record.oraclePx), px(record.funding), num(record.basisBps), num(record.z),
                    record.samples, record.timeNanos, record.inputIndex));
        }
    }

    /** Values written to the cache so far. */
    public long mirrored() {
        return mirrored;
    }

    private static String px(long v) {
        return v == FixedPoint.NULL || v == FixedPoint.INVALID ? "null" : quote(FixedPoint.price(v));
    }

    private static String num(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "null";
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Stops mirroring after a last pass; closes the tailers on the cache thread. Call before the
     * cache and the journal close.
     */
    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
        try {
            cache.executor().submit(() -> {
                pass();
                input.close();
                output.close();
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("cache mirror: close", e);
        }
    }
}
