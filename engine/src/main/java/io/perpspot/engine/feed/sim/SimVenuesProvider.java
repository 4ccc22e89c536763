package io.perpspot.engine.feed.sim;

import io.perpspot.engine.config.Config;
import io.perpspot.engine.config.Settings;
import io.perpspot.engine.feed.Venues;

/**
 * {@code --feed sim}: the {@link SimVenues} on loopback, registered in
 * {@code META-INF/services/io.perpspot.engine.feed.Venues$Provider}; the only place outside
 * {@code feed.sim} that names them.
 */
public final class SimVenuesProvider implements Venues.Provider {
    @Override
    public String name() {
        return "sim";
    }

    @Override
    public Venues start(Config config) {
        SimVenues venues = SimVenues.start(config);
        // The venue enforces the rate the engine is configured for (429 above it), as Jupiter's tiers do: what
        // a run at sim.jupiter-rate 1 or 0.5 measures is then the free-key or keyless budget, not a sim without one.
        venues.jupiter().rateLimit(config.get(Settings.SIM_JUP_RATE));
        return new Venues() {
            @Override
            public Config configure(Config c) {
                return venues.configure(c);
            }

            @Override
            public boolean acceptsCredentials() {
                return false;
            }

            @Override
            public String describe() {
                return "Hyperliquid at " + venues.wsUrl() + " (testnet " + venues.wsUrls().get(1) + "), Jupiter at "
                        + venues.priceUrl() + ", CoinGecko at " + venues.coingecko().url() + ", Kraken at "
                        + venues.kraken().url();
            }

            @Override
            public void close() {
                venues.close();
            }
        };
    }
}
