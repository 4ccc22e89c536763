package io.perpspot.engine.feed;

import io.perpspot.engine.config.Config;

/**
 * A set of venues the engine connects to instead of the live internet: {@code perpspot run
 * --feed NAME} starts the {@link Provider} of that name, points the configuration at its
 * endpoints, and connects the real clients to them. The built-in one is {@code sim} (loopback
 * servers speaking the real protocols, {@code feed.sim}); a module may add others through
 * {@code META-INF/services/io.perpspot.engine.feed.Venues$Provider}. The engine knows only this
 * interface, never an implementation.
 */
public interface Venues extends AutoCloseable {
    /**
     * The configuration pointed at these venues: every endpoint they serve replaces the
     * configured one, and any limit they impose (e.g. their Jupiter request rate) is applied.
     */
    Config configure(Config config);

    /**
     * Whether the engine may send its credentials (e.g. {@code JUPITER_API_KEY}) to these venues.
     * A stand-in for a real venue should say false: a key is only for the venue that issued it.
     */
    boolean acceptsCredentials();

    /** One line for the log: what runs where. */
    String describe();

    /** Stops the venues (the engine does so after stopping its feeds); must not throw. */
    @Override
    void close();

    /** Starts a venue set by name; found with {@link java.util.ServiceLoader}. */
    interface Provider {
        /** The {@code --feed} name ("sim"). */
        String name();

        /**
         * Starts the venues for this configuration (their own {@code sim.*}-style keys), before the engine opens
         * anything; they serve on threads of their own until closed.
         */
        Venues start(Config config);
    }
}
