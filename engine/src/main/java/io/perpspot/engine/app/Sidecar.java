package io.perpspot.engine.app;

import io.perpspot.engine.cache.PerpspotCache;
import io.perpspot.engine.config.Config;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;

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
     * Hands the sidecar the engine's cache (called once after {@link Provider#start}): its figures and its
     * keys, and a flush, for what the sidecar shows. The sidecar must not put values: the engine owns them.
     */
    default void attachCache(PerpspotCache cache) {
    }

    /** Stops the sidecar and its threads (the engine closes sidecars first when it stops); must not throw. */
    @Override
    void close();

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
    }
}
