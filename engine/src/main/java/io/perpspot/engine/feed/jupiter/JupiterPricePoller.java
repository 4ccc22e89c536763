package io.perpspot.engine.feed.jupiter;

import io.perpspot.engine.codec.FeedStats;
import io.perpspot.engine.codec.JupiterPriceDecoder;
import io.perpspot.engine.codec.Reject;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.http.HttpFetcher;
import io.perpspot.engine.ring.EventPublisher;
import io.perpspot.engine.ring.Source;
import io.perpspot.engine.ring.SourceState;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls Jupiter's Price API v3 for the spot side: the token set is cut into batches of at most
 * {@code batch-size} mints and one batch is requested per tick, at {@code rate} requests per
 * second (keyless access allows about 0.5/s; with {@code JUPITER_API_KEY} the key is sent as
 * {@code x-api-key} and {@code rate-with-key} applies). A 429 pauses polling until the
 * {@code x-ratelimit-reset} time (or a backoff); failures journal a DOWN status and back off.
 * Mints the API leaves out are reported once each, never guessed.
 */
public final class JupiterPricePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JupiterPricePoller.class);

    private final String priceUrl;
    private final TokenRegistry registry;
    private final List<String> batchUrls = new ArrayList<>();
    private final List<int[]> batchIds = new ArrayList<>();
    private final double rate;
    private final Map<String, String> headers;
    private final HttpFetcher http;
    private final FeedStats stats;
    private final StatusPublisher status;
    private final EpochNanoClock clock;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final JupiterPriceDecoder decoder;
    private final BitSet reportedMissing = new BitSet();

    private ScheduledFuture<?> task;
    private volatile boolean closed;
    private int next;
    private long pausedUntilNanos;
    private volatile long requests;
    private volatile long rateLimited;
    private volatile long missing;

    public JupiterPricePoller(String priceUrl, TokenRegistry registry, int batchSize, double rate, String apiKey,
                              HttpFetcher http, EventPublisher publisher, FeedStats stats, StatusPublisher status,
                              EpochNanoClock clock, ScheduledExecutorService scheduler, Backoff backoff) {
        this.priceUrl = priceUrl;
        this.registry = registry;
        this.rate = rate;
        this.headers = apiKey == null || apiKey.isBlank() ? Map.of() : Map.of("x-api-key", apiKey);
        this.http = http;
        this.stats = stats;
        this.status = status;
        this.clock = clock;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.decoder = new JupiterPriceDecoder(registry, publisher, stats);
        List<Token> all = registry.all();
        for (int i = 0; i < all.size(); i += batchSize) {
            List<Token> batch = all.subList(i, Math.min(all.size(), i + batchSize));
            StringBuilder sb = new StringBuilder(priceUrl).append(priceUrl.contains("?") ? '&' : '?').append("ids=");
            int[] ids = new int[batch.size()];
            for (int j = 0; j < batch.size(); j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(batch.get(j).mint());
                ids[j] = batch.get(j).id();
            }
            batchUrls.add(sb.toString());
            batchIds.add(ids);
        }
    }

    public void start() {
        long periodNanos = (long) (1e9 / rate);
        LOG.info("jupiter: polling {} mints in {} batch(es), one request every {} ms{}", registry.size(),
                batchUrls.size(), periodNanos / 1_000_000, headers.isEmpty() ? " (keyless)" : " (with API key)");
        task = scheduler.scheduleWithFixedDelay(this::pollSafely, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.error("jupiter: poll failed unexpectedly; polling continues", e);
        }
    }

    /** One tick: request the next batch unless paused. */
    void poll() {
        if (batchUrls.isEmpty() || System.nanoTime() < pausedUntilNanos) {
            return;
        }
        int b = next;
        next = (next + 1) % batchUrls.size();
        String url = batchUrls.get(b);
        requests++;
        HttpFetcher.Response r;
        try {
            r = http.get(url, headers);
        } catch (HttpFetcher.FetchException e) {
            if (closed) {
                return; // an in-flight request cut short by shutdown is not a source failure
            }
            pause(backoff.next().toNanos());
            status.publish(Source.JUPITER_PRICE, SourceState.DOWN, e.getMessage());
            return;
        }
        long now = clock.nanoTime();
        if (r.status() == 429) {
            rateLimited++;
            stats.reject(Source.JUPITER_PRICE, Reject.HTTP_STATUS, r.body(), 0, r.body().length, "429");
            long resetSec = r.headerLong("x-ratelimit-reset", 0);
            long waitNanos = resetSec > 0 ? Math.max(0, resetSec * 1_000_000_000L - now) : backoff.next().toNanos();
            pause(Math.min(waitNanos, 60_000_000_000L));
            LOG.info("jupiter: rate limited (429); pausing {} ms", waitNanos / 1_000_000);
            return;
        }
        if (r.status() != 200) {
            stats.reject(Source.JUPITER_PRICE, Reject.HTTP_STATUS, r.body(), 0, r.body().length,
                    Integer.toString(r.status()));
            pause(backoff.next().toNanos());
            status.publish(Source.JUPITER_PRICE, SourceState.DOWN, "HTTP " + r.status() + " from "
                    + HttpFetcher.stripQuery(url));
            return;
        }
        int n = decoder.decode(r.body(), 0, r.body().length, now);
        if (n < 0) {
            pause(backoff.next().toNanos());
            status.publish(Source.JUPITER_PRICE, SourceState.DOWN, "malformed response from "
                    + HttpFetcher.stripQuery(url));
            return;
        }
        backoff.reset();
        for (int id : batchIds.get(b)) {
            if (!decoder.seen(id)) {
                missing++;
                if (!reportedMissing.get(id)) {
                    reportedMissing.set(id);
                    Token t = registry.get(id);
                    LOG.warn("jupiter: no price for {} ({}); it is reported missing, not guessed", t.symbol(), t.mint());
                }
            }
        }
        status.publish(Source.JUPITER_PRICE, SourceState.UP, "prices from " + HttpFetcher.stripQuery(priceUrl));
    }

    private void pause(long nanos) {
        pausedUntilNanos = System.nanoTime() + nanos;
    }

    public long requests() {
        return requests;
    }

    public long rateLimited() {
        return rateLimited;
    }

    /** Token prices requested but absent from responses. */
    public long missing() {
        return missing;
    }

    @Override
    public void close() {
        closed = true;
        if (task != null) {
            task.cancel(false);
        }
    }
}
