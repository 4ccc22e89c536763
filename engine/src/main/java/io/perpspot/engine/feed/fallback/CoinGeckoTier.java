package io.perpspot.engine.feed.fallback;

import io.perpspot.engine.core.Source;
import io.perpspot.engine.feed.FeedContext;
import io.perpspot.engine.http.HttpFetcher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.agrona.concurrent.EpochNanoClock;

/** Polls CoinGecko {@code simple/price} for every token with a known id (≤ 250 ids per request). */
public final class CoinGeckoTier extends PollingTier {
    private static final int IDS_PER_REQUEST = 250;
    private final String url;
    private final HttpFetcher http;
    private final CoinGeckoDecoder decoder;
    private final EpochNanoClock clock;

    /** A tier publishing through {@code decoder}; {@code out} gives its counters and clock. */
    public CoinGeckoTier(PollSettings settings, CoinGeckoDecoder decoder, HttpFetcher http, FeedContext out,
                         ScheduledExecutorService thread, Health health) {
        super(Source.COINGECKO, settings.interval(), settings.backoff(), out.stats(), thread, health);
        this.url = settings.url();
        this.http = http;
        this.decoder = decoder;
        this.clock = out.clock();
    }

    @Override
    protected String pollOnce() {
        List<String> ids = decoder.ids();
        if (ids.isEmpty()) {
            throw new PollFailure("no tracked token has a CoinGecko id");
        }
        int published = 0;
        for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
            String list = String.join(",", ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST)));
            HttpFetcher.Response r = http.get(url + "?ids=" + URLEncoder.encode(list, StandardCharsets.UTF_8)
                    + "&vs_currencies=usd&include_last_updated_at=true");
            check(r, "simple/price");
            published += decoder.decode(r.body(), r.body().length, clock.nanoTime());
        }
        if (published == 0) {
            throw new PollFailure(HttpFetcher.safeUrl(url) + ": no usable price in the answer");
        }
        return HttpFetcher.safeUrl(url) + ": " + published + " prices for " + ids.size() + " ids";
    }
}
