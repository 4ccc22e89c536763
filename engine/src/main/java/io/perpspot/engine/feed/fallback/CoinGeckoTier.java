package io.perpspot.engine.feed.fallback;

import io.perpspot.engine.core.FeedStats;
import io.perpspot.engine.feed.Backoff;
import io.perpspot.engine.core.Source;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.agrona.concurrent.EpochNanoClock;

/** Polls CoinGecko {@code simple/price} for every token with a known id (≤ 250 ids per request). */
public final class CoinGeckoTier extends PollingTier {
    private static final int IDS_PER_REQUEST = 250;
    private final String url;
    private final LimitedHttp http;
    private final CoinGeckoDecoder decoder;
    private final EpochNanoClock clock;

    public CoinGeckoTier(String url, CoinGeckoDecoder decoder, LimitedHttp http, FeedStats stats, EpochNanoClock clock,
                         ScheduledExecutorService scheduler, Duration interval, Backoff backoff, Health health) {
        super(Source.COINGECKO, stats, scheduler, interval, backoff, health);
        this.url = url;
        this.http = http;
        this.decoder = decoder;
        this.clock = clock;
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
            LimitedHttp.Reply r = http.get(url + "?ids=" + URLEncoder.encode(list, StandardCharsets.UTF_8)
                    + "&vs_currencies=usd&include_last_updated_at=true");
            check(r, "simple/price");
            published += decoder.decode(r.body(), r.length(), clock.nanoTime());
        }
        if (published == 0) {
            throw new PollFailure(LimitedHttp.strip(url) + ": no usable price in the answer");
        }
        return LimitedHttp.strip(url) + ": " + published + " prices for " + ids.size() + " ids";
    }
}
