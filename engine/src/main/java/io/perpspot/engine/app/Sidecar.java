package io.perpspot.engine.app;

import io.perpspot.engine.cache.PerpspotCache;
import io.perpspot.engine.config.Config;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.Map;

/**
 * A component started next to the engine in the same JVM, reading the engine's journal (the
 * dashboard). Modules on the class path provide one through
 * {@code META-INF/services/io.perpspot.engine.app.Sidecar$Provider}; the engine depends on none of
 * them. A sidecar only reads the journal: it never writes to it and never touches the ring.
 */
public interface Sidecar extends AutoCloseable {
    /**
     * Adds the sidecar's figures to the engine's metrics endpoint (called once after {@link Provider#start}
     * when the endpoint is on). Collectors must read at scrape time; names start with {@code perpspot_}.
     */
    default void registerMetrics(PrometheusRegistry registry) {
    }

    /**
     * When the engine closes this sidecar as it stops. {@link Close#FIRST} (the default: the dashboard, alerts): before
     * any other part, while the feeds still run. {@link Close#AFTER_JOURNAL}: after the pipeline drained and the
     * journal closed, so the sidecar sees the journal's last records (the cache's stop status, the final latency
     * snapshot): a mirror that must hold the whole journal (the Kafka mirror).
     */
    default Close closes() {
        return Close.FIRST;
    }

    /**
     * The sidecar's line for the run's summary printed when the engine stops (after {@link #close}), without a
     * newline; empty for none.
     */
    default String summary() {
        return "";
    }

    /**
     * Hands the sidecar the engine's cache (called once after {@link Provider#start}): its figures and its
     * keys, and a flush, for what the sidecar shows. The sidecar must not put values: the engine owns them.
     */
    default void attachCache(PerpspotCache cache) {
    }

    /** Stops the sidecar and its threads (when: {@link #closes()}); must not throw. */
    @Override
    void close();

    /** When a sidecar is closed as the engine stops (see {@link #closes()}). */
    enum Close {
        /** Before every other part of the engine. */
        FIRST,
        /** After the journal's last write (the pipeline drained, the journal closed). */
        AFTER_JOURNAL
    }

    /** Starts sidecars for {@code perpspot run}. Found with {@link java.util.ServiceLoader}. */
    interface Provider {
        /** Short name for the log ("dashboard"). */
        String name();

        /**
         * Starts the sidecar on the journal the engine has just opened, once the engine runs (ring, feeds). It runs
         * on threads of its own and returns once started; it may read the journal while the engine appends.
         *
         * @throws io.perpspot.engine.config.ConfigException (one line) when it cannot start,
         *         e.g. its port is taken
         */
        Sidecar start(Config config, Path journalDir);

        /**
         * The same with the environment the engine reads its secrets from ({@code Engine(options, env)}; the
         * process environment in {@code perpspot run}). A sidecar that takes secrets from the environment overrides
         * this one; it must never log nor journal them. The default ignores {@code env}.
         */
        default Sidecar start(Config config, Path journalDir, Map<String, String> env) {
            return start(config, journalDir);
        }
    }
}
