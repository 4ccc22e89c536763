package io.perpspot.engine.feed.fallback;

import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.http.HttpFetcher;
import java.util.concurrent.ScheduledExecutorService;
import org.agrona.concurrent.EpochNanoClock;

/** Polls Kraken's public {@code Ticker} for every token with a known pair, in one request. */
public final class KrakenTier extends PollingTier {
    private final String url;
    private final HttpFetcher http;
    private final KrakenDecoder decoder;
    private final EpochNanoClock clock;

    /** A tier publishing through {@code decoder}; {@code out} gives its counters and clock. */
    public KrakenTier(PollSettings settings, KrakenDecoder decoder, HttpFetcher http, FeedContext out,
                      ScheduledExecutorService thread, Health health) {
        super(Source.KRAKEN, settings.interval(), settings.backoff(), out.stats(), thread, health);
        this.url = settings.url();
        this.http = http;
        this.decoder = decoder;
        this.clock = out.clock();
    }

    @Override
    protected String pollOnce() {
        if (decoder.pairs().isEmpty()) {
            throw new PollFailure("no tracked token has a Kraken pair");
        }
        HttpFetcher.Response r = http.get(url + "?pair=" + String.join(",", decoder.pairs()));
        check(r, "Ticker");
        int n = decoder.decode(r.body(), r.body().length, clock.nanoTime());
        if (n == 0) {
            throw new PollFailure(HttpFetcher.safeUrl(url) + ": no usable ticker in the answer");
        }
        return HttpFetcher.safeUrl(url) + ": " + n + " tickers for " + decoder.pairs().size() + " pairs";
    }
}
