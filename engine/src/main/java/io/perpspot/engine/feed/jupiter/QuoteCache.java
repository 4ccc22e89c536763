package io.perpspot.engine.feed.jupiter;

import io.perpspot.engine.ring.Source;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the quote scheduler looks before it spends a rate-limited Jupiter request: a quote
 * response body by request (input mint, output mint, raw amount), with its age. A hit is decoded
 * and validated like a live answer and journaled with the cache's source byte. {@link #NONE} is
 * the default; {@link InMemory} keeps bodies for a TTL; a shared (Redis) cache plugs in here.
 */
public interface QuoteCache {
    /** A cached answer: the body, the source byte to journal it under, when it was fetched (epoch ms). */
    record Hit(byte[] body, int source, long fetchedEpochMs) {
    }

    /** A body for this request no older than the cache's TTL, or null. */
    Hit get(String inputMint, String outputMint, long amount);

    /** Offers a live 200 answer to the cache. */
    void put(String inputMint, String outputMint, long amount, byte[] body);

    /** No cache: every quote is a request. */
    QuoteCache NONE = new QuoteCache() {
        @Override
        public Hit get(String inputMint, String outputMint, long amount) {
            return null;
        }

        @Override
        public void put(String inputMint, String outputMint, long amount, byte[] body) {
        }
    };

    /** A process-local cache with a TTL (answers journaled as {@code jupiter-quote}: they are Jupiter's). */
    final class InMemory implements QuoteCache {
        private final long ttlMs;
        private final ConcurrentHashMap<String, Hit> map = new ConcurrentHashMap<>();

        public InMemory(long ttlMs) {
            this.ttlMs = ttlMs;
        }

        @Override
        public Hit get(String inputMint, String outputMint, long amount) {
            Hit h = map.get(inputMint + '/' + outputMint + '/' + amount);
            return h != null && System.currentTimeMillis() - h.fetchedEpochMs() <= ttlMs ? h : null;
        }

        @Override
        public void put(String inputMint, String outputMint, long amount, byte[] body) {
            map.put(inputMint + '/' + outputMint + '/' + amount, new Hit(body, Source.JUPITER_QUOTE, System.currentTimeMillis()));
        }
    }
}
