package io.perpspot.engine.config;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import io.perpspot.engine.core.MarketEvent;
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
    public static final ConfigKey<Integer> HL_SUBS_PER_CONNECTION =
            add(ConfigKey.integer("feeds.hyperliquid.subscriptions-per-connection", 4, 1000));
    public static final ConfigKey<Integer> HL_MAX_CONNECTIONS =
            add(ConfigKey.integer("feeds.hyperliquid.max-connections", 1, 10));
    public static final ConfigKey<Integer> HL_MAX_SUBSCRIPTIONS =
            add(ConfigKey.integer("feeds.hyperliquid.max-subscriptions", 4, 1000));
    public static final ConfigKey<Boolean> HL_FAST_BOOK = add(ConfigKey.bool("feeds.hyperliquid.fast-book"));
    public static final ConfigKey<Duration> HL_REST_POLL_INTERVAL =
            add(ConfigKey.duration("feeds.hyperliquid.rest-poll-interval", ofMillis(10), Duration.ofMinutes(10)));
    public static final ConfigKey<Integer> HL_REST_BOOKS_PER_POLL =
            add(ConfigKey.integer("feeds.hyperliquid.rest-books-per-poll", 0, 100));
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
    public static final ConfigKey<Duration> JUP_TARGET_SPOT_AGE =
            add(ConfigKey.duration("feeds.jupiter.target-spot-age", ofSeconds(1), Duration.ofMinutes(10)));
    public static final ConfigKey<Double> JUP_MAX_PRICE_SHARE =
            add(ConfigKey.decimal("feeds.jupiter.max-price-share", 0.05, 1));
    public static final ConfigKey<List<Long>> JUP_QUOTE_NOTIONALS =
            add(ConfigKey.longs("feeds.jupiter.quote-notionals", 1, 1_000_000));
    public static final ConfigKey<Integer> JUP_QUOTE_SLIPPAGE =
            add(ConfigKey.integer("feeds.jupiter.quote-slippage-bps", 0, 10_000));
    public static final ConfigKey<Long> JUP_MAX_BODY =
            add(ConfigKey.bytes("feeds.jupiter.max-body-bytes", 1L << 10, 64L << 20));
    public static final ConfigKey<Duration> HTTP_TIMEOUT =
            add(ConfigKey.duration("feeds.http-timeout", ofMillis(100), ofSeconds(120)));
    public static final ConfigKey<String> FALLBACK_COINGECKO = add(ConfigKey.url("feeds.fallback.coingecko", HTTP));
    public static final ConfigKey<String> FALLBACK_KRAKEN = add(ConfigKey.url("feeds.fallback.kraken", HTTP));
    public static final ConfigKey<Boolean> FALLBACK_ENABLED = add(ConfigKey.bool("feeds.fallback.enabled"));
    public static final ConfigKey<Duration> FALLBACK_POLL_INTERVAL =
            add(ConfigKey.duration("feeds.fallback.poll-interval", ofMillis(10), Duration.ofMinutes(10)));
    public static final ConfigKey<Integer> FALLBACK_MAX_BODY_BYTES =
            add(ConfigKey.integer("feeds.fallback.max-body-bytes", 1024, 64 << 20));

    // ---- tokens ------------------------------------------------------------------------------
    public static final ConfigKey<Boolean> TOKENS_DISCOVERY = add(ConfigKey.bool("tokens.discovery"));
    public static final ConfigKey<String> TOKENS_FILE = add(ConfigKey.string("tokens.file"));
    /** At most {@link MarketEvent#TOKEN_ID_LIMIT} pairs: token ids index per-token arrays. */
    public static final ConfigKey<Integer> TOKENS_MAX = add(ConfigKey.integer("tokens.max", 1,
            MarketEvent.TOKEN_ID_LIMIT));
    public static final ConfigKey<String> TOKENS_OVERRIDES = add(ConfigKey.string("tokens.overrides"));
    public static final ConfigKey<Duration> TOKENS_REFRESH =
            add(ConfigKey.duration("tokens.refresh-interval", Duration.ZERO, Duration.ofDays(7)));

    /** This engine's share of the discovered pairs: all, or shard K of N by {@code Shard.of(coin, N)}. */
    public static final ConfigKey<Shard> TOKENS_SHARD = add(ConfigKey.shard("tokens.shard"));

    // ---- engine identity ---------------------------------------------------------------------
    /** Empty: the id kept in the journal's marker (made with the journal); else this id, checked against the marker. */
    public static final ConfigKey<String> ENGINE_ID = add(ConfigKey.matching("engine.id",
            "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
            "an id of letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)", true));

    // ---- ring and journal --------------------------------------------------------------------
    public static final ConfigKey<Integer> RING_SIZE = add(ConfigKey.powerOfTwo("ring.size", 64, 1 << 24));
    public static final ConfigKey<String> RING_WAIT =
            add(ConfigKey.choice("ring.wait-strategy",
                    Set.of("blocking", "sleeping", "yielding", "busy-spin", "polling")));
    public static final ConfigKey<String> JOURNAL_ROLL =
            add(ConfigKey.choice("journal.roll-cycle", Set.of("hourly", "daily")));
    public static final ConfigKey<Long> JOURNAL_BLOCK =
            add(ConfigKey.bytes("journal.block-size", 1L << 20, 1L << 30));
    /** Bytes of journal file touched ahead of each appender by a background thread; 0 turns it off. */
    public static final ConfigKey<Long> JOURNAL_PRETOUCH =
            add(ConfigKey.bytes("journal.pretouch-ahead", 0, 1L << 30));
    /** What the engine does when an append to the journal fails (disk full, unwritable): exit | pause. */
    public static final ConfigKey<String> JOURNAL_ON_ERROR =
            add(ConfigKey.choice("journal.on-error", Set.of("exit", "pause")));
    /** In pause mode, how often appending is tried again. */
    public static final ConfigKey<Duration> JOURNAL_RETRY =
            add(ConfigKey.duration("journal.retry-interval", ofMillis(10), Duration.ofHours(1)));
    /** Events held per token and kind when the ring is full (latest wins) plus the FIFO of events never coalesced. */
    public static final ConfigKey<Integer> RING_OVERFLOW =
            add(ConfigKey.integer("ring.overflow-capacity", 16, 1 << 20));

    // ---- strategy ----------------------------------------------------------------------------
    public static final ConfigKey<Integer> Z_WINDOW = add(ConfigKey.integer("strategy.zscore.window", 2, 100_000));
    public static final ConfigKey<Duration> Z_SAMPLE_INTERVAL =
            add(ConfigKey.duration("strategy.zscore.sample-interval", ofMillis(1), Duration.ofHours(1)));
    public static final ConfigKey<Integer> Z_MIN_SAMPLES =
            add(ConfigKey.integer("strategy.zscore.min-samples", 2, 100_000));
    public static final ConfigKey<Double> ENTRY_MIN_Z = add(ConfigKey.decimal("strategy.entry.min-abs-z", 0, 100));
    public static final ConfigKey<Double> ENTRY_MIN_NET_BPS =
            add(ConfigKey.decimal("strategy.entry.min-net-edge-bps", -10_000, 10_000));
    public static final ConfigKey<Double> FEE_HL_TAKER =
            add(ConfigKey.decimal("strategy.fees.hyperliquid-taker-bps", 0, 1000));
    public static final ConfigKey<Double> FEE_JUP_PLATFORM =
            add(ConfigKey.decimal("strategy.fees.jupiter-platform-bps", 0, 1000));
    public static final ConfigKey<Double> FEE_HL_SPOT_TAKER =
            add(ConfigKey.decimal("strategy.fees.hyperliquid-spot-taker-bps", 0, 1000));
    public static final ConfigKey<Double> TRANSFER_COST =
            add(ConfigKey.decimal("strategy.transfer.cost-bps", 0, 10_000));
    public static final ConfigKey<Duration> TRANSFER_DEPOSIT_DELAY =
            add(ConfigKey.duration("strategy.transfer.deposit-delay", ofMillis(1), Duration.ofDays(7)));
    public static final ConfigKey<Duration> TRANSFER_WITHDRAWAL_DELAY =
            add(ConfigKey.duration("strategy.transfer.withdrawal-delay", ofMillis(1), Duration.ofDays(7)));
    public static final ConfigKey<Double> TRANSFER_RISK_SIGMAS =
            add(ConfigKey.decimal("strategy.transfer.risk-sigmas", 0, 100));
    public static final ConfigKey<Duration> MAX_SPOT_AGE =
            add(ConfigKey.duration("strategy.max-spot-age", ofMillis(1), Duration.ofHours(24)));
    public static final ConfigKey<Duration> MAX_PERP_AGE =
            add(ConfigKey.duration("strategy.max-perp-age", ofMillis(1), Duration.ofHours(24)));
    public static final ConfigKey<List<String>> GATE_FALLBACK_SOURCES = add(ConfigKey.names(
            "strategy.gate.fallback-sources", Set.of("hl-rest", "coingecko", "kraken", "import", "hl-ws-testnet")));
    public static final ConfigKey<Duration> SNAPSHOT_INTERVAL =
            add(ConfigKey.duration("strategy.snapshot-interval", ofMillis(1), Duration.ofHours(1)));
    public static final ConfigKey<Duration> OPPORTUNITY_INTERVAL =
            add(ConfigKey.duration("strategy.opportunity-interval", ofMillis(1), Duration.ofHours(1)));
    /** Feed-latency histograms journaled (output) once per this much event time; 0s: off. */
    public static final ConfigKey<Duration> LATENCY_SNAPSHOT_INTERVAL =
            add(ConfigKey.duration("strategy.latency.snapshot-interval", Duration.ZERO, Duration.ofHours(24)));

    /** Strategy state journaled (output StateSnapshot) once per this much event time; 0s: off. */
    public static final ConfigKey<Duration> STATE_SNAPSHOT_INTERVAL =
            add(ConfigKey.duration("strategy.state.snapshot-interval", Duration.ZERO, Duration.ofDays(1)));

    // ---- latency (engine-internal, wall clock) -------------------------------------------------
    /** Engine-latency histograms journaled (input, EventType 12) once per this much wall time; 0s: off. */
    public static final ConfigKey<Duration> LATENCY_INTERNAL_INTERVAL =
            add(ConfigKey.duration("latency.internal-interval", Duration.ZERO, Duration.ofHours(24)));

    // ---- execution model (simulate, Monte Carlo; not journaled: it derives nothing the output queue holds)
    public static final ConfigKey<Integer> EXEC_HL_FEE_TIER =
            add(ConfigKey.integer("execution.hyperliquid.fee-tier", 0, 6));
    public static final ConfigKey<String> EXEC_HL_ORDER =
            add(ConfigKey.choice("execution.hyperliquid.order-type", Set.of("taker", "maker")));
    public static final ConfigKey<Duration> EXEC_HL_LAT_P50 =
            add(ConfigKey.duration("execution.hyperliquid.latency-p50", Duration.ZERO, Duration.ofMinutes(10)));
    public static final ConfigKey<Duration> EXEC_HL_LAT_P99 =
            add(ConfigKey.duration("execution.hyperliquid.latency-p99", Duration.ZERO, Duration.ofMinutes(10)));
    public static final ConfigKey<String> EXEC_HL_LAT_TABLE =
            add(ConfigKey.string("execution.hyperliquid.latency-table"));
    public static final ConfigKey<Double> EXEC_HL_FAIL =
            add(ConfigKey.decimal("execution.hyperliquid.fail-probability", 0, 1));
    public static final ConfigKey<Long> EXEC_SOL_BASE_FEE =
            add(ConfigKey.longValue("execution.solana.base-fee-lamports", 0, 1_000_000_000L));
    public static final ConfigKey<Long> EXEC_SOL_PRIORITY_FEE =
            add(ConfigKey.longValue("execution.solana.priority-fee-lamports", 0, 1_000_000_000L));
    public static final ConfigKey<Double> EXEC_SOL_USD_FALLBACK =
            add(ConfigKey.decimal("execution.solana.sol-usd-fallback", 0.000001, 1_000_000));
    public static final ConfigKey<Duration> EXEC_SOL_LAT_P50 =
            add(ConfigKey.duration("execution.solana.latency-p50", Duration.ZERO, Duration.ofMinutes(10)));
    public static final ConfigKey<Duration> EXEC_SOL_LAT_P99 =
            add(ConfigKey.duration("execution.solana.latency-p99", Duration.ZERO, Duration.ofMinutes(10)));
    public static final ConfigKey<String> EXEC_SOL_LAT_TABLE = add(ConfigKey.string("execution.solana.latency-table"));
    public static final ConfigKey<Double> EXEC_SOL_FAIL =
            add(ConfigKey.decimal("execution.solana.fail-probability", 0, 1));
    public static final ConfigKey<String> EXEC_IMPACT_MODEL =
            add(ConfigKey.choice("execution.impact.model", Set.of("sqrt", "almgren-chriss")));
    public static final ConfigKey<Double> EXEC_IMPACT_K = add(ConfigKey.decimal("execution.impact.sqrt-k", 0, 100));
    public static final ConfigKey<Double> EXEC_IMPACT_AC_PERM =
            add(ConfigKey.decimal("execution.impact.ac-permanent", 0, 100));
    public static final ConfigKey<Double> EXEC_IMPACT_AC_TEMP =
            add(ConfigKey.decimal("execution.impact.ac-temporary", 0, 100));
    public static final ConfigKey<Double> EXEC_IMPACT_MIN_BPS =
            add(ConfigKey.decimal("execution.impact.min-bps", 0, 10_000));
    public static final ConfigKey<Double> EXEC_IMPACT_MAX_BPS =
            add(ConfigKey.decimal("execution.impact.max-bps", 0, 10_000));
    public static final ConfigKey<Double> EXEC_IMPACT_DEPTH =
            add(ConfigKey.decimal("execution.impact.default-depth-usd", 1, 1e15));
    public static final ConfigKey<Double> EXEC_LADDER_EXTRAPOLATION =
            add(ConfigKey.decimal("execution.ladder.max-extrapolation", 1, 100));
    public static final ConfigKey<Duration> EXEC_HORIZON =
            add(ConfigKey.duration("execution.holding-horizon", Duration.ZERO, Duration.ofDays(365)));
    public static final ConfigKey<Double> EXEC_VOL_FALLBACK =
            add(ConfigKey.decimal("execution.volatility.fallback-annual", 0, 100));
    /** The mid returns each token's realised-volatility window keeps (one a second: ten minutes). */
    public static final int VOLATILITY_RETURNS = 600;
    public static final ConfigKey<Integer> EXEC_VOL_MIN_RETURNS =
            add(ConfigKey.integer("execution.volatility.min-returns", 2, VOLATILITY_RETURNS));
    public static final ConfigKey<Double> EXEC_DRIFT =
            add(ConfigKey.decimal("execution.monte-carlo.drift-annual", -100, 100));
    public static final ConfigKey<Integer> EXEC_PATHS =
            add(ConfigKey.integer("execution.monte-carlo.paths", 1, 10_000_000));
    public static final ConfigKey<Long> EXEC_SEED =
            add(ConfigKey.longValue("execution.monte-carlo.seed", Long.MIN_VALUE, Long.MAX_VALUE));
    public static final ConfigKey<Integer> EXEC_THREADS =
            add(ConfigKey.integer("execution.monte-carlo.threads", 1, 256));
    public static final ConfigKey<Integer> EXEC_BINS =
            add(ConfigKey.integer("execution.monte-carlo.histogram-bins", 2, 1000));
    public static final ConfigKey<Double> EXEC_RISK_FREE =
            add(ConfigKey.decimal("execution.risk.risk-free-rate", -1, 1));

    /**
     * The user's templates file (the dashboard writes it; simulate, replay and run read it with the
     * shipped ones): relative to the journal directory's parent, or absolute.
     */
    public static final ConfigKey<String> TEMPLATES_USER_FILE = add(ConfigKey.string("templates.user-file"));

    // ---- backtest (replay --template): exits of a modelled position ---------------------------
    /** Stop: close when the position's mark-to-market (mid prices, before fees) loses this many bps of notional. */
    public static final ConfigKey<Double> BT_STOP_BPS = add(ConfigKey.decimal("backtest.stop-loss-bps", 0.1, 10_000));
    /** Convergence: close when the basis is within this many bps of the rolling mean (or past it). */
    public static final ConfigKey<Double> BT_EXIT_BAND_BPS =
            add(ConfigKey.decimal("backtest.exit-band-bps", 0, 10_000));
    /** Time limit of a position; 0s = the template's holding horizon (else execution.holding-horizon). */
    public static final ConfigKey<Duration> BT_TIME_LIMIT =
            add(ConfigKey.duration("backtest.time-limit", Duration.ZERO, Duration.ofDays(365)));

    // ---- cache (Redis with a local fallback; never a source of market data) ----------------
    public static final ConfigKey<String> CACHE_MODE =
            add(ConfigKey.choice("cache.mode", Set.of("redis", "local", "auto")));
    /** May carry a password: ConfigKey.secretUrl never echoes it in an error. */
    public static final ConfigKey<String> CACHE_REDIS_URI =
            add(ConfigKey.secretUrl("cache.redis.uri", Set.of("redis", "rediss")));
    public static final ConfigKey<Duration> CACHE_REDIS_TIMEOUT =
            add(ConfigKey.duration("cache.redis.timeout", ofMillis(10), ofSeconds(30)));
    public static final ConfigKey<Duration> CACHE_HEALTH_INTERVAL =
            add(ConfigKey.duration("cache.redis.health-interval", ofMillis(10), Duration.ofMinutes(5)));
    public static final ConfigKey<Integer> CACHE_MAX_IN_FLIGHT =
            add(ConfigKey.integer("cache.redis.max-in-flight", 1, 65_536));
    public static final ConfigKey<String> CACHE_KEY_PREFIX = add(ConfigKey.string("cache.redis.key-prefix"));
    public static final ConfigKey<Integer> CACHE_LOCAL_MAX =
            add(ConfigKey.integer("cache.local.max-entries", 1, 10_000_000));
    public static final ConfigKey<Duration> CACHE_MIRROR_INTERVAL =
            add(ConfigKey.duration("cache.mirror-interval", ofMillis(10), Duration.ofMinutes(10)));
    public static final ConfigKey<Duration> CACHE_TTL_PRICE =
            add(ConfigKey.duration("cache.ttl.price", ofMillis(1), Duration.ofDays(30)));
    public static final ConfigKey<Duration> CACHE_TTL_TOKENS =
            add(ConfigKey.duration("cache.ttl.tokens", ofMillis(1), Duration.ofDays(30)));
    public static final ConfigKey<Duration> CACHE_TTL_QUOTE_LADDER =
            add(ConfigKey.duration("cache.ttl.quote-ladder", ofMillis(1), Duration.ofDays(30)));
    public static final ConfigKey<Duration> CACHE_TTL_SPREAD =
            add(ConfigKey.duration("cache.ttl.spread", ofMillis(1), Duration.ofDays(30)));
    public static final ConfigKey<Duration> CACHE_TTL_TEMPLATES =
            add(ConfigKey.duration("cache.ttl.templates", ofMillis(1), Duration.ofDays(30)));

    // ---- sim venues --------------------------------------------------------------------------
    public static final ConfigKey<Long> SIM_SEED = add(ConfigKey.longValue("sim.seed", Long.MIN_VALUE, Long.MAX_VALUE));
    public static final ConfigKey<Integer> SIM_TOKENS = add(ConfigKey.integer("sim.tokens", 1, 700));
    public static final ConfigKey<Double> SIM_JUP_RATE = add(ConfigKey.decimal("sim.jupiter-rate", 0.01, 1000));
    public static final ConfigKey<Duration> SIM_TICK =
            add(ConfigKey.duration("sim.tick-interval", ofMillis(1), ofSeconds(10)));
    public static final ConfigKey<Duration> SIM_BBO =
            add(ConfigKey.duration("sim.bbo-interval", ofMillis(1), ofSeconds(60)));
    public static final ConfigKey<Duration> SIM_BOOK =
            add(ConfigKey.duration("sim.book-interval", ofMillis(1), ofSeconds(60)));
    public static final ConfigKey<Duration> SIM_CTX =
            add(ConfigKey.duration("sim.ctx-interval", ofMillis(1), ofSeconds(60)));
    public static final ConfigKey<Duration> SIM_MIDS =
            add(ConfigKey.duration("sim.mids-interval", ofMillis(1), ofSeconds(60)));
    public static final ConfigKey<Duration> SIM_HL_IDLE_TIMEOUT =
            add(ConfigKey.duration("sim.hyperliquid-idle-timeout", ofMillis(50), Duration.ofMinutes(10)));
    public static final ConfigKey<Double> SIM_DISLOCATION_RATE =
            add(ConfigKey.decimal("sim.dislocation-rate", 0, 10));

    // ---- metrics -----------------------------------------------------------------------------
    public static final ConfigKey<Boolean> METRICS_ENABLED = add(ConfigKey.bool("metrics.enabled"));
    public static final ConfigKey<String> METRICS_HOST = add(ConfigKey.string("metrics.host"));
    /** 0 turns the endpoint off. */
    public static final ConfigKey<Integer> METRICS_PORT = add(ConfigKey.integer("metrics.port", 0, 65535));
    /** /readyz: a serving source silent this long is stale; /healthz: a consumer stuck this long. */
    public static final ConfigKey<Duration> METRICS_STALE_AFTER =
            add(ConfigKey.duration("metrics.stale-after", ofSeconds(1), Duration.ofHours(1)));

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
    /** Require the bearer token (PERPSPOT_DASHBOARD_TOKEN) on loopback too; always required elsewhere. */
    public static final ConfigKey<Boolean> DASHBOARD_REQUIRE_TOKEN = add(ConfigKey.bool("dashboard.require-token"));
    public static final ConfigKey<Integer> DASHBOARD_MAX_REQUEST_BYTES =
            add(ConfigKey.integer("dashboard.max-request-bytes", 1024, 10_000_000));
    /** Upper bound of paths × sizeUsd for one POST /api/simulate. */
    public static final ConfigKey<Double> DASHBOARD_SIMULATE_MAX_COST =
            add(ConfigKey.decimal("dashboard.simulate.max-cost", 1, 1e16));
    /** POST /api/simulate calls per minute per client address. */
    public static final ConfigKey<Integer> DASHBOARD_SIMULATE_RATE =
            add(ConfigKey.integer("dashboard.simulate.per-minute", 1, 100_000));
    /** 'perpspot dashboard' alone: its own /metrics, /healthz, /readyz on metrics.host (0: none). */
    public static final ConfigKey<Integer> DASHBOARD_METRICS_PORT =
            add(ConfigKey.integer("dashboard.metrics-port", 0, 65535));

    // ---- alerts (the alerts module's sidecar and command) ------------------------------------
    /** Start the alerts sidecar in {@code perpspot run}; with no sink configured it logs that once and idles. */
    public static final ConfigKey<Boolean> ALERTS_ENABLED = add(ConfigKey.bool("alerts.enabled"));
    /** The rules file; empty = $PERPSPOT_HOME/config/alerts.yaml, else the copy in the alerts jar. */
    public static final ConfigKey<String> ALERTS_FILE = add(ConfigKey.string("alerts.file"));
    /** Extra generic-JSON sinks, comma-separated http(s) URLs (checked by the alerts module at start). */
    public static final ConfigKey<String> ALERTS_WEBHOOKS = add(ConfigKey.string("alerts.webhooks"));
    /** {@code perpspot alerts} on its own: the port of its /metrics (on metrics.host); 0 = none. */
    public static final ConfigKey<Integer> ALERTS_METRICS_PORT =
            add(ConfigKey.integer("alerts.metrics-port", 0, 65535));

    // ---- Kafka mirror (the mirror-kafka module's sidecar) ------------------------------------
    /** Kafka bootstrap servers (host:port,...); empty: no mirror. */
    public static final ConfigKey<String> MIRROR_KAFKA_BOOTSTRAP = add(ConfigKey.string("mirror.kafka.bootstrap"));
    /** Records go to {@code <prefix>.input} and {@code <prefix>.output}. */
    public static final ConfigKey<String> MIRROR_KAFKA_PREFIX = add(ConfigKey.matching("mirror.kafka.topic-prefix",
            "[A-Za-z0-9._-]{1,200}", "a Kafka topic name prefix (letters, digits, '.', '_', '-')", false));
    /** A properties file of further client settings (TLS, SASL); empty: none. */
    public static final ConfigKey<String> MIRROR_KAFKA_PROPERTIES = add(ConfigKey.string("mirror.kafka.properties"));
    /** How long a clean stop waits for the mirror to catch up with the journal. */
    public static final ConfigKey<Duration> MIRROR_KAFKA_DRAIN =
            add(ConfigKey.duration("mirror.kafka.drain-timeout", Duration.ZERO, Duration.ofMinutes(30)));
    // ---- logging -----------------------------------------------------------------------------
    /** Console log lines: text (a pattern) or json (one object a line); --log-format overrides it. */
    public static final ConfigKey<String> LOGGING_FORMAT =
            add(ConfigKey.choice("logging.format", Set.of("text", "json")));

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
