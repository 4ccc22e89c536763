package io.perpspot.engine.feed.jupiter;

import io.perpspot.engine.cache.CacheKind;
import io.perpspot.engine.cache.PerpspotCache;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the quote scheduler looks before it spends a rate-limited Jupiter request: a quote
 * answer by request (input mint, output mint, raw amount) younger than the cache's TTL. A hit
 * saves the request and is <em>not</em> journaled (nothing read from a cache is market data;
 * the token keeps the ladder rung journaled when that answer was fetched). {@link #NONE} is the
 * default for tests; {@link #shared} puts the engine's {@link PerpspotCache} (Redis or local,
 * kind {@code QUOTE_LADDER}, TTL {@code cache.ttl.quote-ladder}) here.
 */
public interface QuoteCache {
    /** A body for this request younger than the cache's TTL, or null. */
    byte[] get(String inputMint, String outputMint, long amount);

    /** Offers a live, valid 200 answer to the cache. */
    void put(String inputMint, String outputMint, long amount, byte[] body);

    /** No cache: every quote is a request. */
    QuoteCache NONE = new QuoteCache() {
        @Override
        public byte[] get(String inputMint, String outputMint, long amount) {
            return null;
        }

        @Override
        public void put(String inputMint, String outputMint, long amount, byte[] body) {
        }
    };

    /** The cache key of a request. */
    static String key(String inputMint, String outputMint, long amount) {
        return inputMint + '/' + outputMint + '/' + Long.toUnsignedString(amount); // u64 raw units
    }

    /**
     * The shared cache. A lookup waits at most {@code waitMs} (the scheduler thread, never the
     * ring or an I/O thread); a slow or failing cache is a miss.
     */
    static QuoteCache shared(PerpspotCache cache, long waitMs) {
        return new QuoteCache() {
            @Override
            public byte[] get(String inputMint, String outputMint, long amount) {
                try {
                    Optional<String> v = cache.get(CacheKind.QUOTE_LADDER, key(inputMint, outputMint, amount))
                            .get(waitMs, TimeUnit.MILLISECONDS);
                    return v.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                } catch (TimeoutException | ExecutionException e) {
                    return null;
                }
            }

            @Override
            public void put(String inputMint, String outputMint, long amount, byte[] body) {
                cache.put(CacheKind.QUOTE_LADDER, key(inputMint, outputMint, amount),
                        new String(body, StandardCharsets.UTF_8));
            }
        };
    }
}
