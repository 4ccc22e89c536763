package io.perpspot.engine.feed.fallback;

import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.core.Source;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.agrona.concurrent.EpochNanoClock;

/** Polls Kraken's public {@code Ticker} for every token with a known pair, in one request. */
public final class KrakenTier extends PollingTier {
    private final String url;
    private final LimitedHttp http;
    private final KrakenDecoder decoder;
    private final EpochNanoClock clock;

    public KrakenTier(String url, KrakenDecoder decoder, LimitedHttp http, FeedStats stats, EpochNanoClock clock,
                      ScheduledExecutorService scheduler, Duration interval, Backoff backoff, Health health) {
        super(Source.KRAKEN, stats, scheduler, interval, backoff, health);
        this.url = url;
        this.http = http;
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    protected String pollOnce() {
        if (decoder.pairs().isEmpty()) {
            throw new PollFailure("no tracked token has a Kraken pair");
        }
        LimitedHttp.Reply r = http.get(url + "?pair=" + String.join(",", decoder.pairs()));
        check(r, "Ticker");
        int n = decoder.decode(r.body(), r.length(), clock.nanoTime());
        if (n == 0) {
            throw new PollFailure(LimitedHttp.strip(url) + ": no usable ticker in the answer");
        }
        return LimitedHttp.strip(url) + ": " + n + " tickers for " + decoder.pairs().size() + " pairs";
    }
}
