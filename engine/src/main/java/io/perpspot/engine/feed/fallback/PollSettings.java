package io.perpspot.engine.feed.fallback;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.feed.Backoff;
import java.time.Duration;

/**
 * How a reference-price tier (CoinGecko, Kraken) polls.
 *
 * @param url      the venue's endpoint
 * @param interval between successful polls ({@code feeds.fallback.poll-interval})
 * @param backoff  the retry delays after a failed poll ({@code feeds.backoff})
 */
public record PollSettings(String url, Duration interval, Backoff.Bounds backoff) {
    /** The CoinGecko tier's, from the configuration ({@code feeds.fallback.coingecko}). */
    public static PollSettings coinGecko(Config config) {
        return new PollSettings(config.get(Settings.FALLBACK_COINGECKO), config.get(Settings.FALLBACK_POLL_INTERVAL),
                Backoff.Bounds.from(config));
    }

    /** The Kraken tier's, from the configuration ({@code feeds.fallback.kraken}). */
    public static PollSettings kraken(Config config) {
        return new PollSettings(config.get(Settings.FALLBACK_KRAKEN), config.get(Settings.FALLBACK_POLL_INTERVAL),
                Backoff.Bounds.from(config));
    }
}
