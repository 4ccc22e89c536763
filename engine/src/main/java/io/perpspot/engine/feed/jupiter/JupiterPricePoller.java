package io.perpspot.engine.feed.jupiter;

import static io.perpspot.engine.config.Settings.JUP_BATCH;
import static io.perpspot.engine.config.Settings.JUP_MAX_BODY;
import static io.perpspot.engine.config.Settings.JUP_PRICE;

import io.perpspot.engine.codec.JupiterPriceDecoder;
import io.perpspot.engine.config.Config;
import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.core.LogKeys;
import io.perpspot.engine.core.Reject;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.feed.jupiter.RequestOutcomes.Outcome;
import io.perpspot.engine.http.HttpFetcher;
import io.perpspot.engine.ring.StatusPublisher;
import io.perpspot.engine.tokens.Token;
import io.perpspot.engine.tokens.TokenRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls Jupiter's Price API v3 for the spot side: the listed (not delisted) tokens are cut into
 * batches of at most {@code batch-size} mints (the API takes 50) and one batch is requested per
 * permit of the shared {@link JupiterLimiter}, which reads the rate-limit headers and 429s. With
 * {@code JUPITER_API_KEY} the fetcher sends the key as {@code x-api-key}. Failures journal a DOWN
 * status and back off; bodies over {@code max-body-bytes} are rejected unread. Mints the API leaves out are
 * counted and reported once each, never guessed. Driven either by a {@link JupiterScheduler}
 * (one request per {@link #pollNext()}) or, alone, by {@link #start()}.
 */
public final class JupiterPricePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JupiterPricePoller.class);

    private final String priceUrl;
    private final int batchSize;
    private final HttpFetcher http;
    private final FeedStats stats;
    private final StatusPublisher status;
    private final EpochNanoClock clock;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final JupiterLimiter limiter;
    private final BitSet reportedMissing = new BitSet();

    private volatile TokenRegistry pendingRegistry;
    private TokenRegistry registry;
    private JupiterPriceDecoder decoder;
    private final List<int[]> batchIds = new ArrayList<>();
    private int[] listedIds = new int[0];

    private ScheduledFuture<?> task;
    private volatile boolean closed;
    private int next;
    private long pausedUntilNanos;
    private volatile long requests;
    private volatile long missing;
    private final RequestOutcomes outcomes = new RequestOutcomes();

    /**
     * What a price poller asks for and how.
     *
     * @param url          the Price API v3 endpoint ({@code feeds.jupiter.price})
     * @param batchSize    mints per request ({@code feeds.jupiter.batch-size}, at most 50)
     * @param maxBodyBytes answers longer than this are rejected unread ({@code feeds.jupiter.max-body-bytes})
     * @param backoff      the pause after a failed request ({@code feeds.backoff})
     */
    public record Settings(String url, int batchSize, int maxBodyBytes, Backoff.Bounds backoff) {
        /** The engine's price poller, from the configuration. */
        public static Settings from(Config config) {
            return new Settings(config.get(JUP_PRICE), config.get(JUP_BATCH), (int) (long) config.get(JUP_MAX_BODY),
                    Backoff.Bounds.from(config));
        }
    }

    /**
     * A poller spending permits of {@code limiter} (shared with the other Jupiter clients, or its
     * own); {@code http} carries the API key if there is one.
     */
    public JupiterPricePoller(Settings settings, TokenRegistry registry, JupiterLimiter limiter, HttpFetcher http,
                              FeedContext out, ScheduledExecutorService scheduler) {
        this.priceUrl = settings.url();
        this.batchSize = settings.batchSize();
        this.limiter = limiter;
        this.http = http.limitedTo(settings.maxBodyBytes());
        this.stats = out.stats();
        this.status = out.status();
        this.clock = out.clock();
        this.scheduler = scheduler;
        this.backoff = settings.backoff().newBackoff();
        this.decoder = new JupiterPriceDecoder(registry, out.publisher(), stats);
        apply(registry);
    }

    /** Switches to a grown token set (rediscovery); applied before the next request. */
    public void updateRegistry(TokenRegistry grown) {
        pendingRegistry = grown;
    }

    private void apply(TokenRegistry r) {
        if (registry != null) {
            decoder = decoder.withRegistry(r);
        }
        registry = r;
        batchIds.clear();
        List<Token> listed = new ArrayList<>();
        for (Token t : r.all()) {
            if (!t.delisted()) {
                listed.add(t);
            }
        }
        listedIds = listed.stream().mapToInt(Token::id).toArray();
        for (int i = 0; i < listedIds.length; i += batchSize) {
            batchIds.add(Arrays.copyOfRange(listedIds, i, Math.min(listedIds.length, i + batchSize)));
        }
        next = next % Math.max(1, batchIds.size());
    }

    private String url(int[] ids) {
        StringBuilder sb = new StringBuilder(priceUrl).append(priceUrl.contains("?") ? '&' : '?').append("ids=");
        for (int j = 0; j < ids.length; j++) {
            if (j > 0) {
                sb.append(',');
            }
            sb.append(registry.get(ids[j]).mint());
        }
        return sb.toString();
    }

    /**
     * The listed (not delisted) token ids, applying a grown token set first; the same array until the set
     * changes. Call on the scheduler thread.
     */
    public int[] listedIds() {
        TokenRegistry grown = pendingRegistry;
        if (grown != null) {
            pendingRegistry = null;
            apply(grown);
        }
        return listedIds;
    }

    /** Mints per request at most ({@code batch-size}). */
    public int batchSize() {
        return batchSize;
    }

    /** Batches per full sweep of the token set. */
    public int batches() {
        return batchIds.size();
    }

    /** Polls alone: one batch per limiter permit, on {@code scheduler}. */
    public void start() {
        LOG.info("jupiter: polling {} mints in {} batch(es) at {} requests/s{}", registry.size(), batchIds.size(),
                limiter.configuredRate(), http.sends("x-api-key") ? " (with API key)" : " (keyless)");
        tick();
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            if (limiter.tryAcquire()) {
                pollNext();
            }
        } catch (RuntimeException e) {
            LOG.error("jupiter: poll failed unexpectedly; polling continues", e);
        }
        if (!closed) {
            long delay = Math.max(1_000_000L, limiter.nanosUntilPermit());
            task = scheduler.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** True when this poller wants a request (not paused by its own backoff, has batches). */
    public boolean ready() {
        return !batchIds.isEmpty() && System.nanoTime() >= pausedUntilNanos || pendingRegistry != null;
    }

    /** One request: the next batch in round robin (the caller holds a limiter permit). */
    public void pollNext() {
        listedIds();
        if (batchIds.isEmpty() || System.nanoTime() < pausedUntilNanos) {
            return;
        }
        int b = next;
        next = (next + 1) % batchIds.size();
        poll(batchIds.get(b));
    }

    /**
     * One request for the prices of {@code ids} (at most {@code batch-size} listed token ids; the caller holds
     * a limiter permit). Does nothing while this poller's own backoff pauses it.
     *
     * @return true if the API answered and the answer decoded (the tokens' prices are as fresh as it is)
     */
    public boolean poll(int[] ids) {
        if (ids.length == 0 || ids.length > batchSize || System.nanoTime() < pausedUntilNanos) {
            return false;
        }
        String url = url(ids);
        requests++;
        HttpFetcher.Response r;
        try {
            r = http.get(url);
        } catch (HttpFetcher.FetchException e) {
            if (closed) {
                return false; // an in-flight request cut short by shutdown is not a source failure
            }
            outcomes.add(Outcome.NO_ANSWER);
            pause(backoff.next().toNanos());
            status.publish(Source.JUPITER_PRICE, SourceState.DOWN, e.getMessage());
            return false;
        }
        if (r.oversize()) {
            stats.reject(Source.JUPITER_PRICE, Reject.OVERSIZE, null, 0, 0, http.overCap(r));
            outcomes.add(Outcome.OVERSIZE);
            pause(backoff.next().toNanos());
            status.publish(Source.JUPITER_PRICE, SourceState.DOWN, "oversized response from " + r.url());
            return false;
        }
        limiter.onResponse(r);
        long now = clock.nanoTime();
        if (r.status() == 429) {
            stats.reject(Source.JUPITER_PRICE, Reject.HTTP_STATUS, r.body(), 0, r.body().length, "429");
            outcomes.add(Outcome.RATE_LIMITED);
            return false;
        }
        if (r.status() != 200) {
            stats.reject(Source.JUPITER_PRICE, Reject.HTTP_STATUS, r.body(), 0, r.body().length,
                    Integer.toString(r.status()));
            outcomes.add(Outcome.ERROR);
            pause(backoff.next().toNanos());
            status.publish(Source.JUPITER_PRICE, SourceState.DOWN, "HTTP " + r.status() + " from "
                    + r.url());
            return false;
        }
        int n = decoder.decode(r.body(), 0, r.body().length, now);
        if (n < 0) {
            outcomes.add(Outcome.MALFORMED);
            pause(backoff.next().toNanos());
            status.publish(Source.JUPITER_PRICE, SourceState.DOWN, "malformed response from "
                    + r.url());
            return false;
        }
        outcomes.add(Outcome.OK);
        backoff.reset();
        for (int id : ids) {
            if (!decoder.seen(id)) {
                missing++;
                if (!reportedMissing.get(id)) {
                    reportedMissing.set(id);
                    Token t = registry.get(id);
                    LOG.atWarn().addKeyValue(LogKeys.SOURCE, Source.name(Source.JUPITER_PRICE))
                            .addKeyValue(LogKeys.TOKEN, t.symbol())
                            .log("jupiter: no price for {} ({}); it is reported missing, not guessed", t.symbol(),
                                    t.mint());
                }
            }
        }
        status.publish(Source.JUPITER_PRICE, SourceState.UP, "prices from " + HttpFetcher.safeUrl(priceUrl));
        return true;
    }

    private void pause(long nanos) {
        pausedUntilNanos = System.nanoTime() + nanos;
    }

    /** Price API requests sent so far (answered or not). */
    public long requests() {
        return requests;
    }

    /** Price API requests answered 429 (the quotes' own are {@link JupiterQuotePoller#outcomes}'). */
    public long rateLimited() {
        return outcomes.count(Outcome.RATE_LIMITED);
    }

    /** How the Price API requests ended, by outcome. */
    public RequestOutcomes outcomes() {
        return outcomes;
    }

    /** Token prices requested but absent from responses. */
    public long missing() {
        return missing;
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }
}
