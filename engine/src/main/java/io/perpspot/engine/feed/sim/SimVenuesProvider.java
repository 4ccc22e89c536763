package io.perpspot.engine.feed.sim;

import io.perpspot.engine.config.Config;
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
