package io.perpspot.alerts.rule;

import java.time.Duration;
import java.util.List;

/**
 * A sink of the alerts file (or of {@code alerts.webhooks}).
 *
 * @param name the sink's name, for logs and counters
 * @param format {@code json}, {@code slack} or {@code discord}
 * @param url the http(s) webhook
 * @param perMinute alerts sent per minute of event time at most; more are dropped and counted
 * @param queue alerts waiting at most; beyond it the oldest is dropped and counted
 * @param timeout one request's bound
 * @param retries attempts after the first on a 5xx answer or an I/O error
 * @param backoff the first retry's delay, doubled each retry (at most 30 s)
 * @param chatId Telegram: the chat to post to, else null
 * @param tokenEnv Telegram: the environment variable holding the bot token (never in a file), else null
 */
public record SinkSpec(String name, String format, String url, int perMinute, int queue, Duration timeout,
        int retries, Duration backoff, String chatId, String tokenEnv) {
    /** The formats a sink may name. */
    public static final List<String> FORMATS = List.of("json", "slack", "discord", "telegram");
    /** Telegram's Bot API, when a telegram sink names no url. */
    public static final String TELEGRAM_API = "https://api.telegram.org";
    /** The bot token's variable, when a telegram sink names no token-env. */
    public static final String TELEGRAM_TOKEN_ENV = "PERPSPOT_TELEGRAM_TOKEN";

    /** A generic JSON sink with the defaults (from {@code alerts.webhooks}). */
    public static SinkSpec json(String name, String url) {
        return new SinkSpec(name, "json", url, 20, 1000, Duration.ofSeconds(10), 5, Duration.ofSeconds(1),
                null, null);
    }
}
