package io.perpspot.engine.config;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key perpspot knows, with what it accepts. Defaults live in
 * {@code config/perpspot.yaml} (a test keeps the two in step: every key here has a default
 * there, and the file has no key that is not here).
 */
public final class Settings {
    private static final Set<String> WS = Set.of("ws", "wss");
    private static final Set<String> HTTP = Set.of("http", "https");
    private static final Map<String, ConfigKey<?>> ALL = new LinkedHashMap<>();

    // ---- feeds -------------------------------------------------------------------------------
    public static final ConfigKey<List<String>> HL_WS = add(ConfigKey.urls("feeds.hyperliquid.ws", WS));
    public static final ConfigKey<List<String>> HL_REST = add(ConfigKey.urls("feeds.hyperliquid.rest", HTTP));
    public static final ConfigKey<Duration> HL_PING_INTERVAL =
            add(ConfigKey.duration("feeds.hyperliquid.ping-interval", ofSeconds(1), ofSeconds(50)));
    public static final ConfigKey<Duration> HL_STALE_AFTER =
            add(ConfigKey.duration("feeds.hyperliquid.stale-after", ofMillis(100), Duration.ofMinutes(10)));
    public static final ConfigKey<Duration> HL_CONNECT_TIMEOUT =
            add(ConfigKey.duration("feeds.hyperliquid.connect-timeout", ofMillis(100), ofSeconds(60)));
    public static final ConfigKey<Integer> HL_MAX_FRAME_BYTES =
            add(ConfigKey.integer("feeds.hyperliquid.max-frame-bytes", 1024, 64 << 20));
    public static final ConfigKey<Duration> BACKOFF_INITIAL =
            add(ConfigKey.duration("feeds.backoff.initial", ofMillis(1), Duration.ofMinutes(5)));
    public static final ConfigKey<Duration> BACKOFF_MAX =
            add(ConfigKey.duration("feeds.backoff.max", ofMillis(1), Duration.ofHours(1)));
    public static final ConfigKey<String> JUP_PRICE = add(ConfigKey.url("feeds.jupiter.price", HTTP));
    public static final ConfigKey<String> JUP_QUOTE = add(ConfigKey.url("feeds.jupiter.quote", HTTP));
    public static final ConfigKey<String> JUP_TOKENS = add(ConfigKey.url("feeds.jupiter.tokens", HTTP));
    public static final ConfigKey<Double> JUP_RATE = add(ConfigKey.decimal("feeds.jupiter.rate", 0.01, 1000));
    public static final ConfigKey<Double> JUP_RATE_WITH_KEY =
            add(ConfigKey.decimal("feeds.jupiter.rate-with-key", 0.01, 1000));
    public static final ConfigKey<Integer> JUP_BATCH = add(ConfigKey.integer("feeds.jupiter.batch-size", 1, 50));
    public static final ConfigKey<Duration> HTTP_TIMEOUT =
            add(ConfigKey.duration("feeds.http-timeout", ofMillis(100), ofSeconds(120)));
    public static final ConfigKey<String> FALLBACK_COINGECKO = add(ConfigKey.url("feeds.fallback.coingecko", HTTP));
    public static final ConfigKey<String> FALLBACK_KRAKEN = add(ConfigKey.url("feeds.fallback.kraken", HTTP));

    // ---- tokens ------------------------------------------------------------------------------
    public static final ConfigKey<Boolean> TOKENS_DISCOVERY = add(ConfigKey.bool("tokens.discovery"));
    public static final ConfigKey<String> TOKENS_FILE = add(ConfigKey.string("tokens.file"));
    public static final ConfigKey<Integer> TOKENS_MAX = add(ConfigKey.integer("tokens.max", 1, 4096));

    // ---- ring and journal --------------------------------------------------------------------
    public static final ConfigKey<Integer> RING_SIZE = add(ConfigKey.powerOfTwo("ring.size", 64, 1 << 24));
    public static final ConfigKey<String> RING_WAIT =
            add(ConfigKey.choice("ring.wait-strategy", Set.of("blocking", "sleeping", "yielding", "busy-spin")));
    public static final ConfigKey<String> JOURNAL_ROLL =
            add(ConfigKey.choice("journal.roll-cycle", Set.of("hourly", "daily")));
    public static final ConfigKey<Long> JOURNAL_BLOCK =
            add(ConfigKey.bytes("journal.block-size", 1L << 20, 1L << 30));

    // ---- strategy ----------------------------------------------------------------------------
    public static final ConfigKey<Integer> Z_WINDOW = add(ConfigKey.integer("strategy.zscore.window", 2, 100_000));
    public static final ConfigKey<Duration> Z_SAMPLE_INTERVAL =
            add(ConfigKey.duration("strategy.zscore.sample-interval", ofMillis(1), Duration.ofHours(1)));
    public static final ConfigKey<Integer> Z_MIN_SAMPLES =
            add(ConfigKey.integer("strategy.zscore.min-samples", 2, 100_000));
    public static final ConfigKey<Double> ENTRY_MIN_Z = add(ConfigKey.decimal("strategy.entry.min-abs-z", 0, 100));
    public static final ConfigKey<Double> ENTRY_MIN_NET_BPS =
            add(ConfigKey.decimal("strategy.entry.min-net-edge-bps", -10_000, 10_000));
    public static final ConfigKey<Double> FEE_HL_TAKER = add(ConfigKey.decimal("strategy.fees.hyperliquid-taker-bps", 0, 1000));
    public static final ConfigKey<Double> FEE_JUP_PLATFORM =
            add(ConfigKey.decimal("strategy.fees.jupiter-platform-bps", 0, 1000));
    public static final ConfigKey<Duration> MAX_SPOT_AGE =
            add(ConfigKey.duration("strategy.max-spot-age", ofMillis(1), Duration.ofHours(24)));
    public static final ConfigKey<Duration> MAX_PERP_AGE =
            add(ConfigKey.duration("strategy.max-perp-age", ofMillis(1), Duration.ofHours(24)));
    public static final ConfigKey<Duration> SNAPSHOT_INTERVAL =
            add(ConfigKey.duration("strategy.snapshot-interval", ofMillis(1), Duration.ofHours(1)));
    public static final ConfigKey<Duration> OPPORTUNITY_INTERVAL =
            add(ConfigKey.duration("strategy.opportunity-interval", ofMillis(1), Duration.ofHours(1)));

    // ---- sim venues --------------------------------------------------------------------------
    public static final ConfigKey<Long> SIM_SEED = add(ConfigKey.longValue("sim.seed", Long.MIN_VALUE, Long.MAX_VALUE));
    public static final ConfigKey<Integer> SIM_TOKENS = add(ConfigKey.integer("sim.tokens", 1, 700));
    public static final ConfigKey<Double> SIM_JUP_RATE = add(ConfigKey.decimal("sim.jupiter-rate", 0.01, 1000));
    public static final ConfigKey<Duration> SIM_TICK = add(ConfigKey.duration("sim.tick-interval", ofMillis(1), ofSeconds(10)));
    public static final ConfigKey<Duration> SIM_BBO = add(ConfigKey.duration("sim.bbo-interval", ofMillis(1), ofSeconds(60)));
    public static final ConfigKey<Duration> SIM_BOOK = add(ConfigKey.duration("sim.book-interval", ofMillis(1), ofSeconds(60)));
    public static final ConfigKey<Duration> SIM_CTX = add(ConfigKey.duration("sim.ctx-interval", ofMillis(1), ofSeconds(60)));
    public static final ConfigKey<Duration> SIM_MIDS = add(ConfigKey.duration("sim.mids-interval", ofMillis(1), ofSeconds(60)));
    public static final ConfigKey<Double> SIM_DISLOCATION_RATE =
            add(ConfigKey.decimal("sim.dislocation-rate", 0, 10));

    // ---- dashboard ---------------------------------------------------------------------------
    public static final ConfigKey<String> DASHBOARD_HOST = add(ConfigKey.string("dashboard.host"));
    /** 0 picks a free port (tests). */
    public static final ConfigKey<Integer> DASHBOARD_PORT = add(ConfigKey.integer("dashboard.port", 0, 65535));
    public static final ConfigKey<Duration> DASHBOARD_PUSH_INTERVAL =
            add(ConfigKey.duration("dashboard.push-interval", ofMillis(20), ofSeconds(10)));
    public static final ConfigKey<Integer> DASHBOARD_CLIENT_QUEUE =
            add(ConfigKey.integer("dashboard.client-queue", 8, 100_000));
    public static final ConfigKey<Integer> DASHBOARD_MAX_CLIENTS =
            add(ConfigKey.integer("dashboard.max-clients", 1, 10_000));
    public static final ConfigKey<Integer> DASHBOARD_HISTORY_POINTS =
            add(ConfigKey.integer("dashboard.history-points", 10, 1_000_000));
    public static final ConfigKey<Integer> DASHBOARD_OPPORTUNITIES =
            add(ConfigKey.integer("dashboard.opportunities", 10, 1_000_000));
    public static final ConfigKey<Duration> DASHBOARD_STALE_AFTER =
            add(ConfigKey.duration("dashboard.stale-after", ofSeconds(1), Duration.ofHours(1)));
    public static final ConfigKey<Integer> DASHBOARD_MAX_PATHS =
            add(ConfigKey.integer("dashboard.max-paths", 1, 10_000_000));

    private Settings() {
    }

    private static <T> ConfigKey<T> add(ConfigKey<T> key) {
        ALL.put(key.name(), key);
        return key;
    }

    /** All keys, in declaration order. */
    public static List<ConfigKey<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
    }

    /** The key with that name, or null. */
    public static ConfigKey<?> byName(String name) {
        return ALL.get(name);
    }
}
